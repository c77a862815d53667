/** The places residents are sent to when the service is closed or it cannot wait. */
import { useTranslation } from 'react-i18next';
import type { HelpContact } from '../../api/dangerSigns.resource';
import { pickText } from '../../api/fhir';
import { telHref } from '../../components/PhoneText';
import { useLanguage } from '../../i18n/useLanguage';

export function WhereToTurnList({ contacts }: { contacts: HelpContact[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <ul className="card-list" data-testid="safety-contacts">
      {contacts.map((c) => (
        <li key={c.id} className="card">
          <h3 className="card-title">{pickText(c.name, lang) || c.id}</h3>
          <dl className="facts facts-inline">
            <div>
              <dt>{t('safety.kind')}</dt>
              <dd>{t(`advice.${c.kind}`, { defaultValue: c.kind })}</dd>
            </div>
            <div>
              <dt>{t('safety.phone')}</dt>
              <dd>
                <a className="tel-link" href={telHref(c.phone)}>
                  {c.phone}
                </a>
              </dd>
            </div>
            <div>
              <dt>{t('safety.hours')}</dt>
              <dd>{pickText(c.hours, lang)}</dd>
            </div>
            {c.languages.length > 0 && (
              <div>
                <dt>{t('safety.languages')}</dt>
                <dd>{c.languages.map((l) => t(`lang.${l}`, { defaultValue: l })).join(', ')}</dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}

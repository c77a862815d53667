/**
 * What the professional needs to call the client back: phone numbers (one tap calls), the
 * language to speak and write in, and for a child the guardians with their numbers.
 */
import { useTranslation } from 'react-i18next';
import type { ClientOverview, Phone } from '../../api/clientOverview.resource';
import { telHref } from '../../components/PhoneText';

function PhoneList({ phones, testId }: { phones: Phone[]; testId: string }) {
  const { t } = useTranslation();
  if (phones.length === 0) return <span className="muted">{t('workday.facts.noPhone')}</span>;
  return (
    <ul className="plain-list">
      {phones.map((phone) => (
        <li key={phone.value}>
          <a className="tel-link" href={telHref(phone.value)} data-testid={testId}>
            {phone.value}
          </a>
          {phone.use && <span className="muted"> · {t(`workday.phoneUse.${phone.use}`, { defaultValue: phone.use })}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ClientFacts({ overview }: { overview: ClientOverview }) {
  const { t } = useTranslation();
  const { patient, guardians } = overview;
  const language = patient.language
    ? t(`workday.languageName.${patient.language}`, { defaultValue: patient.languageDisplay ?? patient.language })
    : t('workday.facts.languageUnknown');
  return (
    <div data-testid="client-facts">
      <dl className="facts facts-inline">
        <div>
          <dt>{t('workday.facts.phone')}</dt>
          <dd>
            <PhoneList phones={patient.phones} testId="client-phone" />
          </dd>
        </div>
        <div>
          <dt>{t('workday.facts.language')}</dt>
          <dd data-testid="client-language" data-language={patient.language ?? ''}>
            {language}
          </dd>
        </div>
      </dl>
      {guardians.length > 0 && (
        <>
          <h3 className="form-subheading">{t('workday.facts.guardians')}</h3>
          <ul className="plain-list">
            {guardians.map((g) => (
              <li key={g.reference} data-testid="client-guardian" data-ref={g.reference}>
                <strong>{g.name}</strong>
                {g.relationship.length > 0 && (
                  <span className="muted"> · {g.relationship.map((code) => t(`workday.kin.${code}`, { defaultValue: code })).join(', ')}</span>
                )}
                <PhoneList phones={g.phones} testId="guardian-phone" />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The word groups the resident's own text is scanned for, with their words in each language. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import type { WordGroup } from '../../api/safetyScreen.resource';
import { TableWrap } from '../../components/TableWrap';
import { UrgencyBadge } from '../../components/UrgencyBadge';
import { useLanguage } from '../../i18n/useLanguage';
import { AdviceKinds } from './AdviceKinds';

const LANGS = ['fi', 'sv', 'en'] as const;

export function WordGroupTable({ groups }: { groups: WordGroup[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <TableWrap labelledBy="words-caption">
      <table className="table table-stack" data-testid="safety-word-groups">
        <caption id="words-caption">{t('safety.wordsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('safety.group')}</th>
            <th scope="col">{t('urgency.label')}</th>
            <th scope="col">{t('safety.advice')}</th>
            <th scope="col">{t('safety.patterns')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.id}>
              <th scope="row">{pickText(group.label, lang) || group.id}</th>
              <td data-label={t('urgency.label')}>
                <UrgencyBadge urgency={group.urgency} />
              </td>
              <td data-label={t('safety.advice')}>
                <AdviceKinds kinds={group.advice} />
              </td>
              <td data-label={t('safety.patterns')}>
                <dl className="patterns">
                  {LANGS.filter((l) => (group.patterns[l] ?? []).length > 0).map((l) => (
                    <div key={l}>
                      <dt>{t(`lang.${l}`)}</dt>
                      <dd>
                        {(group.patterns[l] ?? []).map((p, i) => (
                          <code key={`${p}-${i}`} className="pattern">
                            {p}
                          </code>
                        ))}
                      </dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

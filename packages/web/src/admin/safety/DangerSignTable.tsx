/** The danger signs a resident is asked about first, with the urgency and advice each gives. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import type { ScreenSign } from '../../api/safetyScreen.resource';
import { TableWrap } from '../../components/TableWrap';
import { UrgencyBadge } from '../../components/UrgencyBadge';
import { useLanguage } from '../../i18n/useLanguage';
import { AdviceKinds } from './AdviceKinds';

export function DangerSignTable({ signs }: { signs: ScreenSign[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <TableWrap labelledBy="signs-caption">
      <table className="table table-stack" data-testid="safety-signs">
        <caption id="signs-caption">{t('safety.signsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('safety.sign')}</th>
            <th scope="col">{t('urgency.label')}</th>
            <th scope="col">{t('safety.advice')}</th>
          </tr>
        </thead>
        <tbody>
          {signs.map((sign) => (
            <tr key={sign.code}>
              <th scope="row">
                {pickText(sign.label, lang) || sign.code} <code className="small">{sign.code}</code>
              </th>
              <td data-label={t('urgency.label')}>
                <UrgencyBadge urgency={sign.urgency} />
              </td>
              <td data-label={t('safety.advice')}>
                <AdviceKinds kinds={sign.advice} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Admin, read-only: care-guarantee limits by service, urgency and age; law and regional promise. */
import { useTranslation } from 'react-i18next';
import { fetchCareGuarantee, type CareGuaranteeRuleView } from '../api/admin.resource';
import { pickText } from '../api/fhir';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';

export function CareGuaranteeRules() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const config = useAsync(fetchCareGuarantee, []);
  const data = config.data;

  const ages = (r: CareGuaranteeRuleView): string => {
    if (r.minAge !== undefined && r.maxAgeExclusive !== undefined) return t('admin.guarantee.ageRange', { from: r.minAge, to: r.maxAgeExclusive - 1 });
    if (r.minAge !== undefined) return t('admin.guarantee.ageFrom', { from: r.minAge });
    if (r.maxAgeExclusive !== undefined) return t('admin.guarantee.ageUnder', { to: r.maxAgeExclusive });
    return t('admin.guarantee.anyAge');
  };
  const limit = (r: CareGuaranteeRuleView): string =>
    [r.months ? t('admin.guarantee.months', { count: r.months }) : '', r.days !== undefined ? t('admin.guarantee.days', { count: r.days }) : '']
      .filter(Boolean)
      .join(' + ');

  return (
    <>
      <PageHeading title={t('admin.guarantee.title')}>{t('admin.guarantee.title')}</PageHeading>
      <p className="lead">{t('admin.guarantee.intro')}</p>
      <p className="muted">{t('admin.readOnly')}</p>
      {config.loading && !data && <Loading />}
      {config.error !== undefined && <ErrorMessage error={config.error} onRetry={config.reload} />}
      {data && (
        <>
          {data.officeHours && (
            <p>{t('admin.guarantee.officeHours', { start: data.officeHours.start, end: data.officeHours.end, zone: data.timeZone })}</p>
          )}
          <TableWrap labelledBy="guarantee-caption">
            <table className="table table-stack" data-testid="care-guarantee">
              <caption id="guarantee-caption">{t('admin.guarantee.caption', { version: data.version })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.guarantee.what')}</th>
                  <th scope="col">{t('admin.guarantee.kind')}</th>
                  <th scope="col">{t('service.label')}</th>
                  <th scope="col">{t('urgency.label')}</th>
                  <th scope="col">{t('admin.guarantee.ages')}</th>
                  <th scope="col">{t('admin.guarantee.limit')}</th>
                  <th scope="col">{t('admin.guarantee.source')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rules.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{pickText(r.label, lang) || r.id}</th>
                    <td data-label={t('admin.guarantee.kind')}>{r.kind === 'legal' || r.kind === 'regional' ? t(`admin.guarantee.${r.kind}`) : r.kind}</td>
                    <td data-label={t('service.label')}>{t(`service.${r.service}`, { defaultValue: r.service })}</td>
                    <td data-label={t('urgency.label')}>
                      <UrgencyBadge urgency={r.urgency} />
                    </td>
                    <td data-label={t('admin.guarantee.ages')}>{ages(r)}</td>
                    <td data-label={t('admin.guarantee.limit')}>{limit(r)}</td>
                    <td className="small" data-label={t('admin.guarantee.source')}>
                      {r.source ?? ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </>
  );
}

/**
 * Admin, read only: contacts that no care-guarantee rule fitted (they got the strictest
 * deadline). Each row is a rule to add; ages are five-year bands, so no one can be recognised.
 */
import { useTranslation } from 'react-i18next';
import { fetchConfigurationGaps } from '../api/safetyScreen.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useAsync } from '../components/useAsync';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function ConfigurationGaps() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const gaps = useAsync(fetchConfigurationGaps, []);
  const ages = (band: string) => (band === 'unknown' ? t('gaps.ageUnknown') : t('gaps.ageBand', { band }));

  return (
    <>
      <PageHeading title={t('gaps.title')}>{t('gaps.title')}</PageHeading>
      <p className="lead">{t('gaps.intro')}</p>
      {gaps.loading && !gaps.data && <Loading />}
      {gaps.error !== undefined && <ErrorMessage error={gaps.error} onRetry={gaps.reload} />}
      {gaps.data && gaps.data.length === 0 && (
        <p className="empty" data-testid="configuration-gaps-empty">
          {t('gaps.empty')}
        </p>
      )}
      {gaps.data && gaps.data.length > 0 && (
        <TableWrap labelledBy="gaps-caption">
          <table className="table table-stack" data-testid="configuration-gaps">
            <caption id="gaps-caption">{t('gaps.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('service.label')}</th>
                <th scope="col">{t('urgency.label')}</th>
                <th scope="col">{t('gaps.ages')}</th>
                <th scope="col" className="num">
                  {t('gaps.occurrences')}
                </th>
                <th scope="col">{t('gaps.firstSeen')}</th>
                <th scope="col">{t('gaps.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {gaps.data.map((g) => (
                <tr key={`${g.service}-${g.urgency}-${g.ageBand}`}>
                  <th scope="row">{t(`service.${g.service}`, { defaultValue: g.service })}</th>
                  <td data-label={t('urgency.label')}>
                    <UrgencyBadge urgency={g.urgency} />
                  </td>
                  <td data-label={t('gaps.ages')}>{ages(g.ageBand)}</td>
                  <td className="num" data-label={t('gaps.occurrences')}>
                    {formatNumber(g.occurrences, lang)}
                  </td>
                  <td data-label={t('gaps.firstSeen')}>{formatDateTime(g.firstSeen, lang)}</td>
                  <td data-label={t('gaps.lastSeen')}>{formatDateTime(g.lastSeen, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

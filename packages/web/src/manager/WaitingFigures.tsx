/**
 * Waiting times on the dashboard's access page (they were the manager's "Hoitoon pääsy" page
 * before the menu was folded into the dashboard): from the need assessment to the realised visit
 * of the period per unit, profession and urgency (decision 018), small groups hidden by the server.
 */
import { useTranslation } from 'react-i18next';
import { fetchAccessMeasures } from '../api/access.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { formatDays, formatNumber, formatPercent, formatPeriod } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

/** `search`: the period as `?period=…` or `?from=…&to=…` ('' for this month). */
export function WaitingFigures({ search }: { search: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const measures = useAsync(() => fetchAccessMeasures(search, 'waiting'), [search]);
  const m = measures.data;
  const period = m ? formatPeriod(m.period, lang) : '';
  const ofPeriod = t('figuresPeriod.ofPeriod', { period });
  const days = (v: number | null) => (v === null ? null : t('access.days', { value: formatDays(v, lang) }));

  return (
    <section className="panel" aria-labelledby="waiting-title" data-testid="waiting-figures">
      <h2 id="waiting-title">{t('access.waitingTitle')}</h2>
      {measures.loading && !m && <Loading />}
      {measures.error !== undefined && <ErrorMessage error={measures.error} onRetry={measures.reload} />}
      {m && (
        <>
          <p className="period-heading" data-testid="period-shown" aria-live="polite">
            {t('figuresPeriod.showing', { period })}
          </p>
            <p className="muted small">{t('accessMeasures.waitingBasis')}</p>
            <p className="muted small" data-testid="figure-period">
              {ofPeriod}
            </p>
            {m.waiting.length === 0 ? (
              <p className="empty">{t('accessMeasures.noVisits')}</p>
            ) : (
              <TableWrap labelledBy="waiting-caption">
                <table className="table table-long-heads" data-testid="waiting-table">
                  <caption id="waiting-caption">{t('accessMeasures.waitingCaption', { period })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('accessMeasures.group')}</th>
                      <th scope="col" className="num">{t('accessMeasures.visits')}</th>
                      <th scope="col" className="num">{t('access.median')}</th>
                      <th scope="col" className="num">{t('access.p90')}</th>
                      <th scope="col" className="num">{t('accessMeasures.withinLegal')}</th>
                      <th scope="col" className="num">{t('accessMeasures.withinRegional')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.waiting.map((g) => (
                      <tr key={`${g.unit}|${g.profession}|${g.urgency}`} data-unit={g.unit} data-profession={g.profession} data-urgency={g.urgency}>
                        <th scope="row">
                          {g.unitName}, {t(`profession.${g.profession}`, { defaultValue: g.profession })}, {t(`accessMeasures.urgency.${g.urgency}`, { defaultValue: g.urgency })}
                          {g.scope === 'one-professional' && <span className="one-professional"> {t('figuresPeriod.oneProfessionalRow')}</span>}
                        </th>
                        <td className="num">{g.visits === null ? t('common.hidden') : formatNumber(g.visits, lang)}</td>
                        <td className="num">{days(g.medianDays) ?? t('common.hidden')}</td>
                        <td className="num">{days(g.p90Days) ?? t('common.hidden')}</td>
                        <td className="num">{g.withinLegalShare === null ? t('common.hidden') : formatPercent(g.withinLegalShare, lang)}</td>
                        <td className="num">{g.withinRegionalShare === null ? t('common.hidden') : formatPercent(g.withinRegionalShare, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
            <p className="muted small">{t('accessMeasures.waitingHidden')}</p>
        </>
      )}
    </section>
  );
}

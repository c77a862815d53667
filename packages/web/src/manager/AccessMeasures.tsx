/**
 * Access to care for managers: waiting times from the need assessment to the realised visit of
 * the chosen period (kept in the address) per unit, profession and urgency, and T3 per unit and
 * profession measured now, with how many professionals counted at the cap, and continuity of care
 * of the period (`ContinuityTable`); every figure says which.
 */
import { useTranslation } from 'react-i18next';
import { fetchAccessMeasures } from '../api/access.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { formatDateTime, formatDays, formatNumber, formatPercent, formatPeriod } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { groupByUnit, T3Chart } from './T3Chart';
import { ContinuityTable } from './ContinuityTable';
import { PeriodPicker } from './PeriodPicker';
import { searchOfChoice, usePeriodChoice } from './periodChoice';

export function AccessMeasures() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [choice, choose] = usePeriodChoice();
  const search = searchOfChoice(choice);
  const measures = useAsync(() => fetchAccessMeasures(search), [search]);
  const m = measures.data;
  const period = m ? formatPeriod(m.period, lang) : '';
  const ofPeriod = t('figuresPeriod.ofPeriod', { period });
  const days = (v: number | null) => (v === null ? null : t('access.days', { value: formatDays(v, lang) }));

  return (
    <>
      <PageHeading title={t('access.title')}>{t('access.title')}</PageHeading>
      <p className="lead">{t('access.intro')}</p>
      <PeriodPicker key={`${search}|${m?.period.from ?? ''}|${m?.period.to ?? ''}`} choice={choice} shown={m?.period} onChoose={choose} />
      {measures.loading && !m && <Loading />}
      {measures.error !== undefined && <ErrorMessage error={measures.error} onRetry={measures.reload} />}
      {m && (
        <>
          <p className="period-heading" data-testid="period-shown" aria-live="polite">
            {t('figuresPeriod.showing', { period })}
          </p>
          <section aria-labelledby="waiting-title">
            <h2 id="waiting-title">{t('access.waitingTitle')}</h2>
            <p className="muted small">{t('accessMeasures.waitingBasis')}</p>
            <p className="muted small" data-testid="figure-period">
              {ofPeriod}
            </p>
            {m.waiting.length === 0 ? (
              <p className="empty">{t('accessMeasures.noVisits')}</p>
            ) : (
              <TableWrap labelledBy="waiting-caption">
                <table className="table" data-testid="waiting-table">
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
          </section>
          <ContinuityTable search={search} />
          <section className="panel" aria-labelledby="t3-title">
            <h2 id="t3-title">{t('access.t3Title')}</h2>
            <p>{t('access.t3Intro')}</p>
            <p className="muted small">{t('accessMeasures.t3Cap', { days: m.t3CapDays })}</p>
            {m.measuredAt && (
              <p className="muted small" data-testid="figure-period">
                {t('figuresPeriod.t3Now', { time: formatDateTime(m.measuredAt, lang) })}
              </p>
            )}
            {m.t3.length === 0 ? (
              <p className="empty">{t('access.noT3')}</p>
            ) : (
              <>
                <T3Chart rows={m.t3} titleId="t3-title" />
                <p className="muted small">{t('access.chartNote')}</p>
                <TableWrap labelledBy="t3-caption">
                  <table className="table" data-testid="t3-table">
                    <caption id="t3-caption">{t('access.t3Caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('access.profession')}</th>
                        <th scope="col" className="num">
                          {t('access.t3')}
                        </th>
                        <th scope="col" className="num">
                          {t('access.professionals')}
                        </th>
                        <th scope="col" className="num">
                          {t('accessMeasures.atCap')}
                        </th>
                      </tr>
                    </thead>
                    {groupByUnit(m.t3).map((u) => (
                      <tbody key={u.unit}>
                        <tr className="row-group">
                          <th scope="rowgroup" colSpan={4}>
                            {u.unitName}
                          </th>
                        </tr>
                        {u.rows.map((r) => (
                          <tr key={r.profession} data-unit={r.unit} data-profession={r.profession}>
                            <th scope="row">
                              {t(`profession.${r.profession}`, { defaultValue: r.profession })}
                              {r.scope === 'one-professional' && <span className="one-professional"> {t('figuresPeriod.oneProfessionalRow')}</span>}
                            </th>
                            <td className="num">{r.t3Days === null ? t('common.hidden') : formatDays(r.t3Days, lang)}</td>
                            <td className="num">{r.professionals === null ? t('common.hidden') : formatNumber(r.professionals, lang)}</td>
                            <td className="num">{r.atCap === null ? t('common.hidden') : formatNumber(r.atCap, lang)}</td>
                          </tr>
                        ))}
                      </tbody>
                    ))}
                  </table>
                </TableWrap>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

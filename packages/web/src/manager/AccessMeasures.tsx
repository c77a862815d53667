/**
 * Access to care for managers: waiting times to a booked visit for the chosen period (kept in
 * the address), and T3 per unit and profession measured now; every figure says which.
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
import { StatTile } from './StatTile';
import { groupByUnit, T3Chart } from './T3Chart';
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
            <p className="muted small">{t('figuresPeriod.waitingBasis')}</p>
            <div className="tiles">
              <StatTile label={t('access.waitingCount')} value={m.waiting.count === null ? null : formatNumber(m.waiting.count, lang)} period={ofPeriod} testId="waiting-count" />
              <StatTile label={t('access.median')} value={days(m.waiting.medianDays)} period={ofPeriod} testId="waiting-median" />
              <StatTile label={t('access.p90')} value={days(m.waiting.p90Days)} period={ofPeriod} testId="waiting-p90" />
              <StatTile
                label={t('access.withinDeadline')}
                value={m.waiting.withinDeadlineShare === null ? null : formatPercent(m.waiting.withinDeadlineShare, lang)}
                period={ofPeriod}
                testId="waiting-within-deadline"
              />
            </div>
          </section>
          <section className="panel" aria-labelledby="t3-title">
            <h2 id="t3-title">{t('access.t3Title')}</h2>
            <p>{t('access.t3Intro')}</p>
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
                      </tr>
                    </thead>
                    {groupByUnit(m.t3).map((u) => (
                      <tbody key={u.unit}>
                        <tr className="row-group">
                          <th scope="rowgroup" colSpan={3}>
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

/**
 * The contact figures on the dashboard's demand page (they were the manager's own "Luvut" page
 * before the menu was folded into the dashboard): counts only, rounded to 5, small groups hidden
 * by the server (null), for the dashboard's period; every figure states its period.
 */
import { useTranslation } from 'react-i18next';
import { GUIDANCE_OUTCOMES, URGENCIES } from '@ovi/domain/src/types';
import { fetchStats, type Count } from '../api/stats.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { useAsync } from '../components/useAsync';
import { formatNumber, formatPercent, formatPeriod } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { OutcomeChart, type ChartRow } from './OutcomeChart';
import { StatTile } from './StatTile';

/**
 * Known codes first, in their usual order, then anything else the server reports. The server
 * lists every known code; a code it leaves out is shown as hidden, never as 0 (0 is hidden too).
 */
function rowsOf(counts: Record<string, Count>, known: readonly string[], label: (code: string) => string): ChartRow[] {
  const codes = [...known, ...Object.keys(counts).filter((k) => !known.includes(k))];
  return codes.map((code) => ({ key: code, label: label(code), value: counts[code] ?? null }));
}

/** `search`: the period as `?period=…` or `?from=…&to=…` ('' for this month). */
export function ContactFigures({ search }: { search: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const stats = useAsync(() => fetchStats(search), [search]);
  const s = stats.data;
  const count = (v: Count) => (v === null ? null : formatNumber(v, lang));
  const share = (v: number | null) => (v === null ? null : formatPercent(v, lang));
  const period = s ? formatPeriod(s.period, lang) : '';
  const ofPeriod = t('figuresPeriod.ofPeriod', { period });
  const before = (v: string | null) =>
    s?.previous ? t('figuresPeriod.previous', { period: formatPeriod(s.previous.period, lang), value: v ?? t('common.hidden') }) : undefined;

  return (
    <section className="dashboard-older" aria-labelledby="contact-figures-title" data-testid="contact-figures">
      <h2 id="contact-figures-title">{t('manager.title')}</h2>
      <p className="muted small">{t('manager.intro')}</p>
      {stats.loading && !s && <Loading />}
      {stats.error !== undefined && <ErrorMessage error={stats.error} onRetry={stats.reload} />}
      {s && (
        <>
          <p className="period-heading" data-testid="period-shown" aria-live="polite">
            {t('figuresPeriod.showing', { period })}
          </p>
          {s.handledBy === 'one-professional' && (
            <p className="notice notice-info" data-testid="one-professional">
              {t('figuresPeriod.oneProfessional')}
            </p>
          )}
          <div className="tiles">
            <StatTile label={t('manager.contacts')} value={count(s.contacts)} period={ofPeriod} previous={before(count(s.previous?.contacts ?? null))} testId="stat-contacts" />
            <StatTile label={t('manager.open')} value={count(s.open)} period={ofPeriod} previous={before(count(s.previous?.open ?? null))} testId="stat-open" />
            <StatTile label={t('manager.firstContact')} value={share(s.firstContactResolutionShare)} period={ofPeriod} previous={before(share(s.previous?.firstContactResolutionShare ?? null))} testId="stat-first-contact" />
            <StatTile label={t('manager.withinDeadline')} value={share(s.withinDeadlineShare)} period={ofPeriod} previous={before(share(s.previous?.withinDeadlineShare ?? null))} testId="stat-within-deadline" />
            <StatTile label={t('manager.assessedSameDay')} value={share(s.assessedSameDayShare)} period={ofPeriod} previous={before(share(s.previous?.assessedSameDayShare ?? null))} testId="stat-assessed-same-day" />
          </div>
          <p className="muted small">{t('manager.assessedSameDayNote')}</p>
          <OutcomeChart rows={rowsOf(s.byOutcome, GUIDANCE_OUTCOMES, (c) => t(`outcome.${c}`, { defaultValue: c }))} period={period} />
          <section className="panel" aria-labelledby="urgency-title">
            <h2 id="urgency-title">{t('manager.byUrgency')}</h2>
            <p className="muted small" data-testid="figure-period">
              {ofPeriod}
            </p>
            <table className="table table-compact" aria-labelledby="urgency-title">
              <thead>
                <tr>
                  <th scope="col">{t('urgency.label')}</th>
                  <th scope="col" className="num">
                    {t('manager.count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rowsOf(s.byUrgency, URGENCIES, (c) => t(`urgency.${c}`, { defaultValue: c })).map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td className="num">{r.value === null ? t('common.hidden') : formatNumber(r.value, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}

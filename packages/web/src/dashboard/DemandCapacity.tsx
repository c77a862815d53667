/**
 * "Hyvä vastaanotto": per week and profession, contacts that needed a visit against free and
 * booked appointment times, and the queue at each week's end (`GET /api/demand-capacity`).
 * A chart per profession (Plot, its own chunk) and the same numbers in a table. Contact counts
 * are rounded to 5 and hidden under 5 by the server; times are exact.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { formatNumber, formatPeriod, formatShortDay } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import type { PublishedWeek } from '@ovi/domain';

/** The shape is declared once, in the domain package (measures/stratifiedFigures.ts). */
type Week = PublishedWeek;

const SERIES = ['needVisit', 'bookedTimes', 'freeTimes', 'backlog'] as const;

function WeeksChart({ weeks, label, names }: { weeks: Week[]; label: string; names: Record<string, string> }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import('@observablehq/plot').then((Plot) => {
      const node = box.current;
      if (cancelled || !node) return;
      const points = weeks.flatMap((w) => SERIES.flatMap((s) => (w[s] === null ? [] : [{ week: new Date(`${w.week}T12:00:00`), profession: names[w.profession] ?? w.profession, series: names[s] ?? s, value: w[s] as number }])));
      if (points.length === 0) return node.replaceChildren();
      const professions = [...new Set(points.map((p) => p.profession))];
      const chart = Plot.plot({
        width: Math.max(280, node.clientWidth),
        height: 60 + professions.length * 150,
        marginLeft: 44,
        marginRight: 90,
        style: { fontSize: '13px', background: 'transparent' },
        x: { type: 'time', label: null },
        y: { label: null, grid: true },
        fy: { label: null, domain: professions },
        color: { legend: true, domain: SERIES.map((s) => names[s] ?? s) },
        marks: [Plot.line(points, { x: 'week', y: 'value', stroke: 'series', fy: 'profession', strokeWidth: 2 }), Plot.dot(points, { x: 'week', y: 'value', fill: 'series', fy: 'profession', r: 3 })],
      });
      chart.querySelectorAll('[aria-label], [aria-description]').forEach((e) => {
        e.removeAttribute('aria-label');
        e.removeAttribute('aria-description');
      });
      chart.setAttribute('role', 'img');
      chart.setAttribute('aria-label', label);
      node.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
    };
  }, [weeks, label, names]);
  return <div ref={box} className="indicator-chart" data-testid="chart-demand-capacity" />;
}

export function DemandCapacity({ query }: { query: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const data = useAsync(() => api.get<{ period: { from: string; to: string }; weeks: Week[] }>(`/api/demand-capacity?${query}`), [query]);
  const d = data.data;
  const hidden = t('common.hidden');
  const n = (v: number | null) => (v === null ? hidden : formatNumber(v, lang));
  const names: Record<string, string> = Object.fromEntries([
    ...SERIES.map((s) => [s, t(`dashboard.weeks.${s}`)]),
    ...(d?.weeks ?? []).map((w) => [w.profession, w.profession === 'unknown' ? t('dashboard.unknown') : t(`profession.${w.profession}`, { defaultValue: w.profession })]),
  ]);
  return (
    <section className="panel indicator" aria-labelledby="demand-capacity-title" data-testid="demand-capacity">
      <h2 id="demand-capacity-title">{t('dashboard.weeks.title')}</h2>
      <p className="muted small">{t('dashboard.weeks.what')}</p>
      {data.loading && !d && <Loading />}
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {d && (
        <>
          <WeeksChart weeks={d.weeks} names={names} label={t('dashboard.weeks.chartLabel', { period: formatPeriod(d.period, lang) })} />
          <TableWrap labelledBy="demand-capacity-table">
            <table className="table table-compact" data-testid="table-demand-capacity">
              <caption id="demand-capacity-table">{t('dashboard.weeks.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.weeks.week')}</th>
                  <th scope="col">{t('dashboard.by.profession')}</th>
                  {SERIES.map((s) => (
                    <th scope="col" className="num" key={s}>
                      {names[s]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.weeks.map((w) => (
                  <tr key={`${w.week}-${w.profession}`}>
                    <th scope="row">{formatShortDay(w.week, lang)}</th>
                    <td>{names[w.profession]}</td>
                    <td className="num">{n(w.needVisit)}</td>
                    <td className="num">{formatNumber(w.bookedTimes, lang)}</td>
                    <td className="num">{formatNumber(w.freeTimes, lang)}</td>
                    <td className="num">{n(w.backlog)}</td>
                  </tr>
                ))}
                {d.weeks.length === 0 && (
                  <tr>
                    <td colSpan={6}>{t('dashboard.noData')}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

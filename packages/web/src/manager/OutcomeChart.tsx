/**
 * Handled contacts by outcome: an inline SVG bar chart (role=img, named and described)
 * and the same figures as a table for anyone who does not see the chart.
 */
import { useTranslation } from 'react-i18next';
import type { Count } from '../api/stats.resource';
import { TableWrap } from '../components/TableWrap';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

/* Labels sit above their bars so the chart reads the same at 360 px and on a desktop. */
const WIDTH = 320;
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 20;
const ROW_GAP = 12;
const VALUE_SPACE = 96;
const HIDDEN_BAR = 24;

export interface ChartRow {
  key: string;
  label: string;
  value: Count;
}

export function OutcomeChart({ rows, period }: { rows: ChartRow[]; period: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const barSpace = WIDTH - VALUE_SPACE;
  const rowHeight = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
  const height = rows.length * rowHeight;
  const valueText = (v: Count) => (v === null ? t('common.hidden') : formatNumber(v, lang));

  return (
    <section className="panel" aria-labelledby="outcome-chart-title">
      <h2 id="outcome-chart-title">{t('manager.chartTitle')}</h2>
      <p className="muted small" data-testid="figure-period">
        {t('figuresPeriod.ofPeriod', { period })}
      </p>
      <svg
        className="chart"
        role="img"
        aria-labelledby="outcome-chart-title outcome-chart-desc"
        viewBox={`0 0 ${WIDTH} ${height}`}
        preserveAspectRatio="xMinYMin meet"
        data-testid="outcome-chart"
      >
        <desc id="outcome-chart-desc">{t('figuresPeriod.ofPeriod', { period })}: {rows.map((r) => `${r.label}: ${valueText(r.value)}`).join('; ')}</desc>
        {rows.map((r, i) => {
          const top = i * rowHeight;
          const barY = top + LABEL_HEIGHT;
          const width = r.value === null ? HIDDEN_BAR : r.value === 0 ? 0 : Math.max(2, (r.value / max) * barSpace);
          return (
            <g key={r.key}>
              <text x={0} y={top + LABEL_HEIGHT - 5} className="chart-label">
                {r.label}
              </text>
              <rect x={0} y={barY} width={width} height={BAR_HEIGHT} className={r.value === null ? 'chart-bar-hidden' : 'chart-bar'} />
              <text x={width + 6} y={barY + BAR_HEIGHT / 2} dominantBaseline="middle" className={r.value === null ? 'chart-value chart-value-hidden' : 'chart-value'}>
                {valueText(r.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <TableWrap labelledBy="outcome-table-caption">
      <table className="table table-compact" data-testid="outcome-table">
        <caption id="outcome-table-caption">
          {t('manager.tableCaption')} – {t('figuresPeriod.ofPeriod', { period })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('outcome.label')}</th>
            <th scope="col" className="num">
              {t('manager.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="num">{valueText(r.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableWrap>
    </section>
  );
}

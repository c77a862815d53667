/**
 * Handled contacts by outcome: an inline SVG bar chart (role=img, named and described)
 * and the same figures as a table for anyone who does not see the chart.
 */
import { useTranslation } from 'react-i18next';
import type { Count } from '../api/stats.resource';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

const BAR_HEIGHT = 28;
const GAP = 12;
const LABEL_WIDTH = 210;
const CHART_WIDTH = 560;
const VALUE_SPACE = 150;

export interface ChartRow {
  key: string;
  label: string;
  value: Count;
}

export function OutcomeChart({ rows }: { rows: ChartRow[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const barSpace = CHART_WIDTH - LABEL_WIDTH - VALUE_SPACE;
  const height = rows.length * (BAR_HEIGHT + GAP) + GAP;
  const valueText = (v: Count) => (v === null ? t('common.hidden') : formatNumber(v, lang));

  return (
    <section className="panel" aria-labelledby="outcome-chart-title">
      <h2 id="outcome-chart-title">{t('manager.chartTitle')}</h2>
      <svg
        className="chart"
        role="img"
        aria-labelledby="outcome-chart-title outcome-chart-desc"
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        preserveAspectRatio="xMinYMin meet"
        data-testid="outcome-chart"
      >
        <desc id="outcome-chart-desc">{rows.map((r) => `${r.label}: ${valueText(r.value)}`).join('; ')}</desc>
        {rows.map((r, i) => {
          const y = GAP + i * (BAR_HEIGHT + GAP);
          const width = r.value === null ? 0 : Math.max(2, (r.value / max) * barSpace);
          return (
            <g key={r.key}>
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
                {r.label}
              </text>
              {r.value === null ? (
                <rect x={LABEL_WIDTH} y={y} width={barSpace * 0.15} height={BAR_HEIGHT} className="chart-bar-hidden" />
              ) : (
                <rect x={LABEL_WIDTH} y={y} width={width} height={BAR_HEIGHT} className="chart-bar" />
              )}
              <text
                x={LABEL_WIDTH + (r.value === null ? barSpace * 0.15 : width) + 8}
                y={y + BAR_HEIGHT / 2}
                dominantBaseline="middle"
                className={r.value === null ? 'chart-value chart-value-hidden' : 'chart-value'}
              >
                {valueText(r.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="table table-compact" data-testid="outcome-table">
        <caption>{t('manager.tableCaption')}</caption>
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
    </section>
  );
}

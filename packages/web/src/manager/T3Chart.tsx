/**
 * T3 per unit and profession as horizontal bars grouped by unit, with the care-guarantee
 * limits drawn as vertical lines (7 days: the region's promise; 14 days: the law for under-23s).
 * The chart is an image with a text description; the table next to it holds the same figures.
 */
import { useTranslation } from 'react-i18next';
import type { T3Row } from '../api/access.resource';
import { formatDays } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

const WIDTH = 320;
const HEAD = 34;
const UNIT_HEIGHT = 22;
const LABEL_HEIGHT = 16;
const BAR_HEIGHT = 16;
const ROW_GAP = 8;
const VALUE_SPACE = 84;
const HIDDEN_BAR = 24;

export const REFERENCE_LINES = [
  { days: 7, key: 'lineRegional', className: 'chart-line-regional' },
  { days: 14, key: 'lineLegal', className: 'chart-line-legal' },
] as const;

export interface T3Unit {
  unit: string;
  unitName: string;
  rows: T3Row[];
}

/** Rows grouped by unit, in the order the server gives them. */
export function groupByUnit(rows: T3Row[]): T3Unit[] {
  const units = new Map<string, T3Unit>();
  for (const r of rows) {
    const unit = units.get(r.unit) ?? { unit: r.unit, unitName: r.unitName, rows: [] };
    unit.rows.push(r);
    units.set(r.unit, unit);
  }
  return [...units.values()];
}

export function T3Chart({ rows, titleId }: { rows: T3Row[]; titleId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const units = groupByUnit(rows);
  const barSpace = WIDTH - VALUE_SPACE;
  const max = Math.max(14, ...rows.map((r) => r.t3Days ?? 0)) * 1.05;
  const x = (days: number) => (days / max) * barSpace;
  const rowHeight = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;
  // A unit with one such professional: that person's T3, said so rather than shown as the unit's.
  const profession = (r: T3Row) =>
    `${t(`profession.${r.profession}`, { defaultValue: r.profession })}${r.scope === 'one-professional' ? ` ${t('figuresPeriod.oneProfessionalRow')}` : ''}`;
  const valueText = (v: number | null) => (v === null ? t('common.hidden') : t('access.days', { value: formatDays(v, lang) }));

  // Positions of each unit heading and row, top to bottom.
  let y = HEAD;
  const placed = units.map((u) => {
    const headY = y;
    y += UNIT_HEIGHT;
    const rowTops = u.rows.map(() => {
      const top = y;
      y += rowHeight;
      return top;
    });
    return { ...u, headY, rowTops };
  });
  const height = y;

  return (
    <svg
      className="chart chart-wide"
      role="img"
      aria-labelledby={`${titleId} t3-chart-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      preserveAspectRatio="xMinYMin meet"
      data-testid="t3-chart"
    >
      <desc id="t3-chart-desc">
        {[
          ...units.flatMap((u) => u.rows.map((r) => `${u.unitName}, ${profession(r)}: ${valueText(r.t3Days)}`)),
          ...REFERENCE_LINES.map((l) => t(`access.${l.key}`)),
        ].join('; ')}
      </desc>
      {REFERENCE_LINES.map((line, i) => {
        // A legend row above the bars names each limit, so the labels never cross the lines.
        const legendY = 8 + i * 14;
        return (
          <g key={line.days} className={line.className}>
            <line x1={x(line.days)} x2={x(line.days)} y1={HEAD - 4} y2={height} className="chart-line" />
            <line x1={0} x2={14} y1={legendY} y2={legendY} className="chart-line" />
            <text x={18} y={legendY + 4} className="chart-line-label chart-halo">
              {t(`access.${line.key}`)}
            </text>
          </g>
        );
      })}
      {placed.map((u) => (
        <g key={u.unit}>
          <text x={0} y={u.headY + UNIT_HEIGHT - 7} className="chart-unit chart-halo">
            {u.unitName}
          </text>
          {u.rows.map((r, i) => {
            const top = u.rowTops[i] ?? 0;
            const barY = top + LABEL_HEIGHT;
            const width = r.t3Days === null ? HIDDEN_BAR : r.t3Days === 0 ? 0 : Math.max(2, x(r.t3Days));
            return (
              <g key={r.profession}>
                <text x={0} y={top + LABEL_HEIGHT - 4} className="chart-label chart-halo">
                  {profession(r)}
                </text>
                <rect x={0} y={barY} width={width} height={BAR_HEIGHT} className={r.t3Days === null ? 'chart-bar-hidden' : 'chart-bar'} />
                <text
                  x={width + 6}
                  y={barY + BAR_HEIGHT / 2}
                  dominantBaseline="middle"
                  className={r.t3Days === null ? 'chart-value chart-value-hidden chart-halo' : 'chart-value chart-halo'}
                >
                  {valueText(r.t3Days)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

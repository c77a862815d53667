/**
 * An indicator as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads ä and ö),
 * CRLF line ends and RFC 4180 quoting. One row for the whole and one per stratum; a hidden
 * count or score is an empty cell and the row says `suppressed` in its own column, so an empty
 * cell is never mistaken for zero.
 */
import type { IndicatorDefinition, PublishedIndicator, PublishedStratum, Stratifier } from '@ovi/domain';

const HEADER = ['indicator', 'period_start', 'period_end', 'group', 'stratifier', 'stratum', 'stratum_name', 'count', 'numerator', 'score', 'unit', 'suppressed'];

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes. A leading =, +, - or @ is quoted with a ' so a spreadsheet does not run it as a formula. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvArgs {
  definition: IndicatorDefinition;
  published: PublishedIndicator;
  period: { from: string; to: string };
  /** Only the whole and this stratifier's strata; all when absent. */
  stratifier?: Stratifier;
  label?: (stratifier: Stratifier, value: string) => string | undefined;
}

export function indicatorCsv({ definition, published, period, stratifier, label }: CsvArgs): string {
  const scoreUnit = definition.scoring === 'proportion' ? 'share' : definition.unit === 'h' ? 'hours' : definition.unit === '1' ? 'ratio' : 'days';
  const rows: Array<Array<string | number | null>> = [HEADER];
  const add = (group: string, s: Stratifier | '', stratum: PublishedStratum) => {
    // A net score (NPS) has no numerator of its own; its unit is points.
    const net = definition.groups.find((g) => g.code === group)?.net !== undefined;
    const unit = net ? 'points' : scoreUnit;
    const suppressed = stratum.hidden || stratum.scores[group] === null || (definition.scoring === 'proportion' && !net && stratum.numerators[group] === null);
    rows.push([
      definition.id, period.from, period.to, group, s, stratum.value, s ? label?.(s, stratum.value) ?? stratum.value : '',
      stratum.population, definition.scoring === 'proportion' && !net ? stratum.numerators[group] ?? null : null, stratum.scores[group] ?? null, unit,
      suppressed ? (stratum.oneProfessional && definition.handling ? 'one-professional' : 'suppressed') : '',
    ]);
  };
  for (const g of definition.groups) {
    add(g.code, '', published.total);
    for (const s of definition.stratifiers) {
      if (stratifier && s !== stratifier) continue;
      for (const stratum of published.strata[s] ?? []) add(g.code, s, stratum);
    }
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * The managers' indicators behind one small interface (issue 13, decision 028): each is
 * `{ id, definition, evaluate(db, period, filters) }`, counted in the database in one query
 * (storage/indicatorCounts.ts) and published with the disclosure rules of
 * `@ovi/domain` (publishIndicator: small strata hidden with their complements, counts rounded).
 * The FHIR `$evaluate-measure`, the CSV export, the dashboard and the benchmark all call these.
 */
import {
  DIGITAL_CHANNELS,
  INDICATORS,
  publishIndicator,
  type IndicatorDefinition,
  type PublishedIndicator,
  type StratumCounts,
} from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { indicatorCounts, type IndicatorCountRow, type IndicatorFilters } from '../storage/indicatorCounts';
import { continuityIndicatorCounts, CONTINUITY_MEASURE_IDS } from '../storage/continuityIndicatorCounts';
import { experienceIndicatorCounts, EXPERIENCE_MEASURE_IDS } from '../storage/experienceIndicatorCounts';
import { segmentIndicatorCounts, SEGMENT_MEASURE_IDS } from '../storage/segmentIndicatorCounts';
import { FEEDBACK_QUESTIONNAIRE } from '../feedback/feedbackAnswers';
import { now as clockNow } from '../time/clock';

export type { IndicatorFilters };

/** The instants a period covers (start inclusive, end exclusive), as FigurePeriod gives them. */
export interface IndicatorPeriod {
  start: string | Date;
  end: string | Date;
}

export interface Indicator {
  id: string;
  definition: IndicatorDefinition;
  evaluate(db: SqlExecutor, period: IndicatorPeriod, filters?: IndicatorFilters, now?: Date): Promise<PublishedIndicator>;
}

/** The database's rows as the domain's strata: population, numerators or histogram, professionals. */
export function strataOf(definition: IndicatorDefinition, rows: readonly IndicatorCountRow[]): StratumCounts[] {
  const groups = new Set(definition.groups.map((g) => g.code));
  const byStratum = new Map<string, StratumCounts>();
  for (const row of rows) {
    const key = `${row.stratifier ?? ''}|${row.value}`;
    let stratum = byStratum.get(key);
    if (!stratum) {
      stratum = { stratifier: row.stratifier, value: row.value, population: 0, numerators: {}, histogram: [] };
      byStratum.set(key, stratum);
    }
    if (row.k === '#professionals') {
      stratum.professionals = row.n;
      continue;
    }
    stratum.population += row.n;
    if (definition.scoring === 'proportion') {
      if (row.k !== null && groups.has(row.k)) (stratum.numerators as Record<string, number>)[row.k] = row.n;
    } else if (row.k !== null) {
      (stratum.histogram as Array<{ value: number; n: number }>).push({ value: Number(row.k), n: row.n });
    }
  }
  return [...byStratum.values()];
}

/** The continuity, feedback and segment Measures are counted in storage files of their own (decision 034). */
function countsOf(db: SqlExecutor, definition: IndicatorDefinition, window: { start: Date; end: Date }, filters: IndicatorFilters, now: Date): Promise<IndicatorCountRow[]> {
  if (CONTINUITY_MEASURE_IDS.includes(definition.id)) return continuityIndicatorCounts(db, definition.id, window, definition.stratifiers, filters);
  if (EXPERIENCE_MEASURE_IDS.includes(definition.id)) return experienceIndicatorCounts(db, definition.id, window, definition.stratifiers, filters, FEEDBACK_QUESTIONNAIRE);
  if (SEGMENT_MEASURE_IDS.includes(definition.id)) return segmentIndicatorCounts(db, definition.id, window, definition.stratifiers, filters);
  return indicatorCounts(db, definition.id, window, definition.stratifiers, filters, { digital: DIGITAL_CHANNELS, now });
}

function indicator(definition: IndicatorDefinition): Indicator {
  return {
    id: definition.id,
    definition,
    async evaluate(db, period, filters = {}, now = clockNow()) {
      const window = { start: new Date(period.start), end: new Date(period.end) };
      const rows = await countsOf(db, definition, window, filters, now);
      return publishIndicator(definition, strataOf(definition, rows));
    },
  };
}

/** Every indicator, in the catalogue's order. */
export const INDICATOR_LIST: readonly Indicator[] = INDICATORS.map(indicator);

export function findIndicator(id: string): Indicator | undefined {
  return INDICATOR_LIST.find((i) => i.id === id);
}

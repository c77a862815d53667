/**
 * The period a figures request asks for: `?period=<preset>` (this-week, last-week,
 * this-month, last-month, last-3-months, this-year; resolved on the care clock's Helsinki
 * date), or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (Helsinki days, both included), or neither
 * (this month). Anything else is a 400 OperationOutcome naming the parameter.
 */
import {
  DEFAULT_PERIOD_PRESET,
  PERIOD_PRESETS,
  isPeriodPreset,
  periodInstants,
  periodProblem,
  presetPeriodAt,
  previousPeriod,
  type PeriodPreset,
  type ReportingPeriod,
} from '@ovi/domain';
import { badRequest } from '../fhir/outcomes';

/** A period as the answer states it, with the instants it covers. */
export interface FigurePeriod extends ReportingPeriod {
  /** The preset it came from, when it came from one. */
  preset?: PeriodPreset;
  /** 00:00 Helsinki time on `from`, as an instant. */
  start: string;
  /** 00:00 Helsinki time on the day after `to` (exclusive). */
  end: string;
}

const KNOWN = new Set(['period', 'from', 'to']);

export function describePeriod(period: ReportingPeriod, preset?: PeriodPreset): FigurePeriod {
  const { start, end } = periodInstants(period);
  return { from: period.from, to: period.to, ...(preset ? { preset } : {}), start: start.toISOString(), end: end.toISOString() };
}

/** The period of a request's query; throws a 400 FhirError for anything that is not one. */
export function periodOfQuery(query: Record<string, unknown> | undefined, now: Date): FigurePeriod {
  const q = query ?? {};
  for (const [key, value] of Object.entries(q)) {
    if (!KNOWN.has(key)) throw badRequest(`Unknown parameter '${key.slice(0, 40)}': use 'period', or 'from' and 'to'`, [key.slice(0, 40)]);
    if (typeof value !== 'string') throw badRequest(`'${key}' must be given once`, [key]);
  }
  const { period, from, to } = q as Record<string, string | undefined>;
  if (period !== undefined) {
    if (from !== undefined || to !== undefined) throw badRequest(`Give either 'period' or 'from' and 'to', not both`, ['period']);
    if (!isPeriodPreset(period)) throw badRequest(`'period' must be one of ${PERIOD_PRESETS.join(', ')}`, ['period']);
    return describePeriod(presetPeriodAt(period, now), period);
  }
  if (from === undefined && to === undefined) return describePeriod(presetPeriodAt(DEFAULT_PERIOD_PRESET, now), DEFAULT_PERIOD_PRESET);
  const problem = periodProblem(from, to);
  if (problem) throw badRequest(`The period is not valid: ${problem}`, [from === undefined || problem.startsWith(`'from'`) ? 'from' : 'to']);
  return describePeriod({ from: from as string, to: to as string });
}

/** The equal stretch just before, to compare with. */
export function previousOf(period: FigurePeriod): FigurePeriod {
  return describePeriod(previousPeriod(period));
}

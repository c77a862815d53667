/**
 * What an indicator request asks for: the period (`periodStart`, `periodEnd`, Helsinki dates,
 * both included, as `$evaluate-measure` names them), the filters (unit, municipality,
 * profession) and, for the CSV, the stratifier. Anything else is a 400 OperationOutcome naming
 * the parameter; nothing is guessed.
 */
import { isPeriodPreset, PERIOD_PRESETS, periodProblem, presetPeriodAt, STRATIFIERS, type Stratifier } from '@ovi/domain';
import { badRequest } from '../fhir/outcomes';
import { describePeriod, type FigurePeriod } from '../figures/figurePeriod';
import type { IndicatorFilters } from './indicators';

export interface MeasureRequest {
  period: FigurePeriod;
  filters: IndicatorFilters;
  stratifier?: Stratifier;
}

const REFERENCE = /^(Organization|Location)\/[A-Za-z0-9\-.]{1,64}$/;
const CODE = /^[A-Za-z0-9\-_.]{1,64}$/;

/** Reads the parameters from a query (or a Parameters body turned into one); `allowed` are the names this endpoint takes. */
export function measureRequest(params: Record<string, string | string[] | undefined>, allowed: readonly string[], now?: Date): MeasureRequest {
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (!allowed.includes(name)) throw badRequest(`Unknown parameter '${name.slice(0, 40)}': this takes ${allowed.join(', ')}`, [name.slice(0, 40)]);
    if (Array.isArray(value)) throw badRequest(`'${name}' must be given once`, [name]);
  }
  const one = (name: string) => params[name] as string | undefined;
  // The dashboard's presets (this-month …), resolved on the care clock like the other figures.
  const preset = one('period');
  if (preset !== undefined) {
    if (one('periodStart') !== undefined || one('periodEnd') !== undefined) throw badRequest(`Give either 'period' or 'periodStart' and 'periodEnd', not both`, ['period']);
    if (!isPeriodPreset(preset) || !now) throw badRequest(`'period' must be one of ${PERIOD_PRESETS.join(', ')}`, ['period']);
    const resolved = presetPeriodAt(preset, now);
    return { ...measureRequest({ ...params, period: undefined, periodStart: resolved.from, periodEnd: resolved.to }, allowed), period: describePeriod(resolved, preset) };
  }
  const start = one('periodStart');
  const end = one('periodEnd');
  if (start === undefined) throw badRequest(`'periodStart' is required (a date, YYYY-MM-DD)`, ['periodStart']);
  if (end === undefined) throw badRequest(`'periodEnd' is required (a date, YYYY-MM-DD)`, ['periodEnd']);
  const problem = periodProblem(start, end);
  if (problem) {
    const named = problem.replace(/'from'/g, `'periodStart'`).replace(/'to'/g, `'periodEnd'`);
    throw badRequest(`The period is not valid: ${named}`, [problem.startsWith(`'to'`) ? 'periodEnd' : 'periodStart']);
  }
  const filters: IndicatorFilters = {};
  const unit = one('unit');
  if (unit !== undefined) {
    if (!REFERENCE.test(unit)) throw badRequest(`'unit' must be a reference such as Organization/station-kokkola`, ['unit']);
    filters.unit = unit;
  }
  for (const name of ['municipality', 'profession'] as const) {
    const value = one(name);
    if (value === undefined) continue;
    if (!CODE.test(value)) throw badRequest(`'${name}' must be a code`, [name]);
    filters[name] = value;
  }
  const stratifier = one('stratifier');
  if (stratifier !== undefined && stratifier !== '' && !(STRATIFIERS as readonly string[]).includes(stratifier)) {
    throw badRequest(`'stratifier' must be one of ${STRATIFIERS.join(', ')}`, ['stratifier']);
  }
  return { period: describePeriod({ from: start, to: end }), filters, ...(stratifier ? { stratifier: stratifier as Stratifier } : {}) };
}

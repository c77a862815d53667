import { KINDS, MEASUREMENT_CONTEXTS, QUANTITIES, type Measurement, type MeasurementContext, type Quantity } from './measures';

/** What is wrong with one part of a measurement, in words a resident or a device maker can act on. */
export interface MeasurementProblem {
  /** Which part: a quantity name, 'at', 'contexts' or 'kind'. */
  field: string;
  message: string;
}

/** A clock a little ahead (a phone's, a meter's) is not an error; a day ahead is. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;

/** Whether a number in a unit is a value this quantity can physically have. */
export function quantityProblem(quantity: Quantity, value: unknown, unit?: string): MeasurementProblem | undefined {
  const def = QUANTITIES[quantity];
  if (unit !== undefined && unit !== def.unit) {
    return { field: quantity, message: `${def.display} is given in ${def.unit} (UCUM), not '${String(unit).slice(0, 20)}'` };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return { field: quantity, message: `${def.display} must be a number` };
  if (value < def.min || value > def.max) {
    return { field: quantity, message: `${def.display} ${value} ${def.unit} is not possible: a measured value is between ${def.min} and ${def.max} ${def.unit}` };
  }
  return undefined;
}

/** Contexts that cannot both hold for one measurement. */
const EXCLUSIVE: Array<[MeasurementContext, MeasurementContext]> = [
  ['morning', 'evening'],
  ['fasting', 'after-meal'],
  ['before-medication', 'after-medication'],
];

/**
 * Every problem of a measurement: a quantity missing, one that does not belong to the kind,
 * a value or unit outside what a body or a meter can give, a diastolic pressure not below the
 * systolic, a time in the future or without an offset, contexts that contradict each other.
 * `units` are those the sender gave (a form gives none: the kind's own units are meant).
 */
export function measurementProblems(m: Measurement, now: Date, units: Partial<Record<Quantity, string>> = {}): MeasurementProblem[] {
  const kind = KINDS[m.kind];
  if (!kind) return [{ field: 'kind', message: `Unknown measurement kind '${String(m.kind).slice(0, 40)}': use blood-pressure, blood-glucose, weight or pef` }];
  const problems: MeasurementProblem[] = [];
  for (const q of kind.required) if (m.values[q] === undefined) problems.push({ field: q, message: `${QUANTITIES[q].display} is missing` });
  for (const [q, value] of Object.entries(m.values) as Array<[Quantity, number]>) {
    if (!kind.quantities.includes(q)) {
      problems.push({ field: q, message: `${q} does not belong to a ${m.kind} measurement` });
      continue;
    }
    const problem = quantityProblem(q, value, units[q]);
    if (problem) problems.push(problem);
  }
  const { systolic, diastolic } = m.values;
  if (systolic !== undefined && diastolic !== undefined && diastolic >= systolic && !problems.some((p) => p.field === 'systolic' || p.field === 'diastolic')) {
    problems.push({ field: 'diastolic', message: `The diastolic pressure (${diastolic}) must be lower than the systolic (${systolic}): are they the wrong way round?` });
  }
  problems.push(...timeProblems(m.at, now), ...contextProblems(m.contexts));
  return problems;
}

function timeProblems(at: string, now: Date): MeasurementProblem[] {
  const ms = typeof at === 'string' && ISO_WITH_OFFSET.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(ms)) return [{ field: 'at', message: 'The time of the measurement must be a date and time with a time zone (e.g. 2026-03-01T07:30:00+02:00)' }];
  if (ms > now.getTime() + FUTURE_TOLERANCE_MS) return [{ field: 'at', message: 'The time of the measurement is in the future' }];
  return [];
}

function contextProblems(contexts: unknown[]): MeasurementProblem[] {
  const problems: MeasurementProblem[] = [];
  for (const c of contexts) {
    if (!MEASUREMENT_CONTEXTS.includes(c as MeasurementContext)) problems.push({ field: 'contexts', message: `Unknown context '${String(c).slice(0, 40)}': use ${MEASUREMENT_CONTEXTS.join(', ')}` });
  }
  for (const [a, b] of EXCLUSIVE) {
    if (contexts.includes(a) && contexts.includes(b)) problems.push({ field: 'contexts', message: `A measurement cannot be both '${a}' and '${b}'` });
  }
  return problems;
}

/** The value rounded to what the quantity's meters show. */
export function rounded(quantity: Quantity, value: number): number {
  const f = 10 ** QUANTITIES[quantity].decimals;
  return Math.round(value * f) / f;
}

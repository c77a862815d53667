import type { Extension, Goal, Quantity as FhirQuantity } from '@medplum/fhirtypes';
import { OVI_FHIR_BASE } from '../codes';
import { KINDS, LOINC, QUANTITIES, UCUM, kindOfQuantity, quantityOfCode, type Measurement, type MeasurementKind, type Quantity } from './measures';
import type { Interpretation } from './observation';
import type { MeasurementAdvice, SelfMonitoringSettings, Severity } from './settings';

/** How often the client is expected to measure (a Goal extension: R4 Goal has no frequency). */
export const MEASUREMENT_FREQUENCY_EXTENSION = `${OVI_FHIR_BASE}/StructureDefinition/measurement-frequency`;
/** The team that follows the client's home measurements and gets the work items. */
export const MONITORING_TEAM_EXTENSION = `${OVI_FHIR_BASE}/StructureDefinition/monitoring-team`;

/** A target range of one quantity; either end may be open. */
export interface Target {
  quantity: Quantity;
  low?: number;
  high?: number;
}

/** A client's targets for one kind of measurement, as a professional set them. */
export interface MonitoringPlan {
  kind: MeasurementKind;
  targets: Target[];
  /** A measurement is expected at least every this many days (none: no expectation). */
  everyDays?: number;
  /** CareTeam/… that gets the work items. */
  team: string;
  /** YYYY-MM-DD the plan holds from. */
  start: string;
}

const ucum = (q: Quantity, value: number): FhirQuantity => ({ value, unit: QUANTITIES[q].unit, system: UCUM, code: QUANTITIES[q].unit });

/** The plan as a FHIR Goal (target.measure the LOINC code, target.detailRange the range). */
export function planGoal(plan: MonitoringPlan, patient: string, expressedBy: string): Goal {
  const extension: Extension[] = [
    { url: MONITORING_TEAM_EXTENSION, valueReference: { reference: plan.team } },
    ...(plan.everyDays ? [{ url: MEASUREMENT_FREQUENCY_EXTENSION, valueDuration: { value: plan.everyDays, unit: 'd', system: UCUM, code: 'd' } }] : []),
  ];
  return {
    resourceType: 'Goal',
    extension,
    lifecycleStatus: 'active',
    category: [{ coding: [{ system: `${OVI_FHIR_BASE}/CodeSystem/goal-category`, code: 'self-monitoring' }] }],
    description: { text: `Home ${KINDS[plan.kind].display.toLowerCase()} target` },
    subject: { reference: patient },
    startDate: plan.start,
    expressedBy: { reference: expressedBy },
    target: plan.targets.map((t) => ({
      measure: { coding: [{ system: LOINC, code: QUANTITIES[t.quantity].code, display: QUANTITIES[t.quantity].display }] },
      detailRange: { ...(t.low !== undefined ? { low: ucum(t.quantity, t.low) } : {}), ...(t.high !== undefined ? { high: ucum(t.quantity, t.high) } : {}) },
    })),
  };
}

/** The plan a Goal holds, or why it is not a home-measurement target Ovi can act on. */
export function readPlan(goal: Goal): { plan?: MonitoringPlan; problems: string[] } {
  const problems: string[] = [];
  const targets: Target[] = [];
  (goal.target ?? []).forEach((t, i) => {
    const coding = t.measure?.coding?.find((c) => c.system === LOINC);
    const quantity = quantityOfCode(coding?.code);
    if (!quantity) return problems.push(`Goal.target[${i}].measure: a LOINC code of a home measurement (8480-6, 8462-4, 8867-4, 15074-8, 14743-9, 29463-7, 19935-6)`);
    const range = t.detailRange;
    if (!range || (!range.low && !range.high)) return problems.push(`Goal.target[${i}].detailRange: give low, high or both`);
    const ends: Array<[string, FhirQuantity | undefined]> = [['low', range.low], ['high', range.high]];
    for (const [end, q] of ends) {
      if (!q) continue;
      if ((q.code ?? q.unit) !== QUANTITIES[quantity].unit || (q.system !== undefined && q.system !== UCUM)) problems.push(`Goal.target[${i}].detailRange.${end}: in ${QUANTITIES[quantity].unit} (UCUM)`);
      else if (typeof q.value !== 'number' || q.value < QUANTITIES[quantity].min || q.value > QUANTITIES[quantity].max) problems.push(`Goal.target[${i}].detailRange.${end}: between ${QUANTITIES[quantity].min} and ${QUANTITIES[quantity].max}`);
    }
    if (range.low?.value !== undefined && range.high?.value !== undefined && range.low.value >= range.high.value) problems.push(`Goal.target[${i}].detailRange: low must be below high`);
    targets.push({ quantity, ...(range.low?.value !== undefined ? { low: range.low.value } : {}), ...(range.high?.value !== undefined ? { high: range.high.value } : {}) });
    return 0;
  });
  if (targets.length === 0 && problems.length === 0) problems.push('Goal.target: at least one target with measure and detailRange');
  const kinds = new Set(targets.map((t) => kindOfQuantity(t.quantity)));
  if (kinds.size > 1) problems.push('Goal.target: one Goal holds the targets of one kind of measurement (blood pressure, glucose, weight or PEF)');
  if (new Set(targets.map((t) => t.quantity)).size !== targets.length) problems.push('Goal.target: each quantity once');
  const frequency = goal.extension?.find((e) => e.url === MEASUREMENT_FREQUENCY_EXTENSION)?.valueDuration;
  let everyDays: number | undefined;
  if (frequency) {
    const days = frequency.code === 'd' ? frequency.value : frequency.code === 'wk' && frequency.value !== undefined ? frequency.value * 7 : undefined;
    if (days === undefined || !Number.isInteger(days) || days < 1 || days > 366) problems.push('measurement-frequency: a whole number of days (code d) or weeks (code wk), 1 day to a year');
    else everyDays = days;
  }
  const team = goal.extension?.find((e) => e.url === MONITORING_TEAM_EXTENSION)?.valueReference?.reference;
  if (!team || !/^CareTeam\/[A-Za-z0-9\-.]{1,64}$/.test(team)) problems.push('monitoring-team: the CareTeam that follows the measurements (valueReference CareTeam/…)');
  if (goal.startDate !== undefined && !/^\d{4}-\d\d-\d\d$/.test(goal.startDate)) problems.push('Goal.startDate: a date YYYY-MM-DD');
  const [first] = kinds;
  if (problems.length > 0 || !first || !team) return { problems };
  return { plan: { kind: first, targets, ...(everyDays ? { everyDays } : {}), team, start: goal.startDate ?? '' }, problems };
}

/** One quantity of a measurement outside its target or a danger limit. */
export interface Deviation {
  quantity: Quantity;
  value: number;
  direction: 'high' | 'low';
  limit: number;
}

export interface Finding {
  /** undefined: within targets and no danger. */
  severity?: Extract<Severity, 'danger' | 'outside-target'>;
  deviations: Deviation[];
  /** What to tell the resident at once (most serious first); only with danger. */
  advice: MeasurementAdvice[];
  interpretation?: Interpretation;
}

const ADVICE_ORDER: MeasurementAdvice[] = ['call-112', 'treat-low-glucose', 'contact-today'];

/**
 * How a measurement stands against the danger limits of the configuration and the client's
 * own targets: danger wins over a target (a danger limit applies with no target set).
 */
export function evaluateMeasurement(m: Measurement, targets: Target[], settings: SelfMonitoringSettings): Finding {
  const danger: Deviation[] = [];
  const advice = new Set<MeasurementAdvice>();
  for (const rule of settings.danger) {
    const value = m.values[rule.quantity];
    if (value === undefined) continue;
    if (rule.atLeast !== undefined && value >= rule.atLeast) danger.push({ quantity: rule.quantity, value, direction: 'high', limit: rule.atLeast });
    else if (rule.below !== undefined && value < rule.below) danger.push({ quantity: rule.quantity, value, direction: 'low', limit: rule.below });
    else continue;
    advice.add(rule.advice);
  }
  const outside: Deviation[] = [];
  for (const t of targets) {
    const value = m.values[t.quantity];
    if (value === undefined) continue;
    if (t.high !== undefined && value > t.high) outside.push({ quantity: t.quantity, value, direction: 'high', limit: t.high });
    else if (t.low !== undefined && value < t.low) outside.push({ quantity: t.quantity, value, direction: 'low', limit: t.low });
  }
  const deviations = [...danger, ...outside.filter((o) => !danger.some((d) => d.quantity === o.quantity))];
  const first = deviations[0];
  if (!first) return { deviations, advice: [] };
  const severity = danger.length > 0 ? 'danger' : 'outside-target';
  const high = first.direction === 'high';
  return {
    severity,
    deviations,
    advice: ADVICE_ORDER.filter((a) => advice.has(a)),
    interpretation: severity === 'danger' ? (high ? 'HH' : 'LL') : high ? 'H' : 'L',
  };
}

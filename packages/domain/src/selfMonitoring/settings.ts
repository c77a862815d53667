import { QUANTITIES, type Quantity } from './measures';
import { dangerLimitProblems } from './dangerBounds';

/** What the resident is told to do at once after a dangerous value (texts are in the web app's languages). */
export type MeasurementAdvice = 'call-112' | 'contact-today' | 'treat-low-glucose';
export const MEASUREMENT_ADVICE: readonly MeasurementAdvice[] = ['call-112', 'treat-low-glucose', 'contact-today'];

/** Why a work item is raised; the order is most serious first. */
export type Severity = 'danger' | 'outside-target' | 'missing';
export const SEVERITIES: readonly Severity[] = ['danger', 'outside-target', 'missing'];

/** A value that needs action now whatever the client's own target: `atLeast` or `below` (exclusive). */
export interface DangerRule {
  quantity: Quantity;
  atLeast?: number;
  below?: number;
  advice: MeasurementAdvice;
}

export type WorkUrgency = 'urgent' | 'non-urgent';
export interface SeverityDeadline {
  urgency: WorkUrgency;
  /** Hours from the finding to the work item's deadline. */
  hours: number;
}

export interface SelfMonitoringSettings {
  danger: DangerRule[];
  deadlines: Record<Severity, SeverityDeadline>;
}

/**
 * Defaults a region reviews with its physicians (stored as the `self-monitoring` setting):
 * home blood pressure ≥ 180/110 and blood glucose ≥ 20 mmol/L are contacted about today;
 * glucose below 3 mmol/L is hypoglycaemia, treated at once; a pulse below 40 or from 130 up
 * is contacted about today.
 */
export const DEFAULT_SELF_MONITORING_SETTINGS: SelfMonitoringSettings = {
  danger: [
    { quantity: 'systolic', atLeast: 180, advice: 'contact-today' },
    { quantity: 'diastolic', atLeast: 110, advice: 'contact-today' },
    { quantity: 'systolic', below: 80, advice: 'contact-today' },
    { quantity: 'glucose', below: 3, advice: 'treat-low-glucose' },
    { quantity: 'glucose', atLeast: 20, advice: 'contact-today' },
    { quantity: 'pulse', below: 40, advice: 'contact-today' },
    { quantity: 'pulse', atLeast: 130, advice: 'contact-today' },
  ],
  deadlines: {
    danger: { urgency: 'urgent', hours: 8 },
    'outside-target': { urgency: 'non-urgent', hours: 72 },
    missing: { urgency: 'non-urgent', hours: 168 },
  },
};

/** Every problem of a settings value an administrator sends, as `path: message`. */
export function selfMonitoringSettingsProblems(value: unknown): string[] {
  const problems: string[] = [];
  const v = value as Partial<SelfMonitoringSettings> | null;
  if (!v || typeof v !== 'object') return ['The setting must be an object with danger and deadlines'];
  if (!Array.isArray(v.danger)) problems.push('danger: must be a list of rules');
  (Array.isArray(v.danger) ? v.danger : []).forEach((rule, i) => {
    const at = `danger[${i}]`;
    if (!rule || !(rule.quantity in QUANTITIES)) return problems.push(`${at}.quantity: one of ${Object.keys(QUANTITIES).join(', ')}`);
    const limits = [rule.atLeast, rule.below].filter((x) => x !== undefined);
    if (limits.length !== 1 || typeof limits[0] !== 'number' || !Number.isFinite(limits[0])) problems.push(`${at}: give exactly one of atLeast or below, a number`);
    if (!MEASUREMENT_ADVICE.includes(rule.advice)) problems.push(`${at}.advice: one of ${MEASUREMENT_ADVICE.join(', ')}`);
    return 0;
  });
  // A limit a region may not move past: a clearly dangerous value must never pass (docs/SAFETY.md).
  if (Array.isArray(v.danger)) problems.push(...dangerLimitProblems(v.danger));
  for (const s of SEVERITIES) {
    const d = v.deadlines?.[s];
    if (!d || !['urgent', 'non-urgent'].includes(d.urgency)) problems.push(`deadlines.${s}.urgency: urgent or non-urgent`);
    if (!d || typeof d.hours !== 'number' || !Number.isInteger(d.hours) || d.hours < 1 || d.hours > 24 * 60) problems.push(`deadlines.${s}.hours: a whole number of hours, 1–1440`);
  }
  const danger = v.deadlines?.danger;
  const outside = v.deadlines?.['outside-target'];
  if (danger && outside && typeof danger.hours === 'number' && typeof outside.hours === 'number' && danger.hours > outside.hours) {
    problems.push('deadlines.danger.hours: a dangerous value cannot wait longer than a value outside the target');
  }
  return problems;
}

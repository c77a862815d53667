/** Validation of a care-guarantee configuration received as JSON (e.g. an admin PUT). */
import type { CareGuaranteeConfig } from './careGuarantee';
import { URGENCIES } from './types';
import {
  checkCalendarDate,
  checkInteger,
  checkLocalizedText,
  checkObject,
  checkOneOf,
  checkString,
  checkUniqueIds,
  pathOf,
} from './validation';

const CONFIG_KEYS = ['version', 'timeZone', 'officeHours', 'rules'] as const;
const RULE_KEYS = [
  'id',
  'kind',
  'service',
  'urgency',
  'minAge',
  'maxAgeExclusive',
  'limit',
  'from',
  'inForce',
  'label',
  'source',
] as const;
const MAX_AGE = 150;
/** A little over a year and a half of working days; no Finnish limit comes near it. */
const MAX_WORKING_DAYS = 400;

/** The ages and the dates a rule covers, for the overlap check. */
interface AgeBand {
  index: number;
  key: string;
  from: number;
  to: number;
  /** Inclusive 'YYYY-MM-DD'; undefined is open-ended. */
  inForceFrom?: string;
  inForceUntil?: string;
}

function checkLimit(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, ['days', 'months', 'workingDays'], errors)) return;
  const { days, months, workingDays } = value;
  if (days === undefined && months === undefined && workingDays === undefined) {
    errors.push(`${path}: must give days, months or workingDays`);
  }
  if (days !== undefined) checkInteger(days, pathOf(path, 'days'), errors, { min: 0, max: 3660 });
  if (months !== undefined) checkInteger(months, pathOf(path, 'months'), errors, { min: 0, max: 120 });
  if (workingDays !== undefined) {
    checkInteger(workingDays, pathOf(path, 'workingDays'), errors, { min: 0, max: MAX_WORKING_DAYS });
    // Working days and calendar time cannot be mixed without an order of counting the law does not give.
    if (days !== undefined || months !== undefined) errors.push(`${path}: workingDays cannot be combined with days or months`);
  }
}

function checkInForce(value: unknown, path: string, errors: string[]): { from?: string; until?: string } | undefined {
  if (!checkObject(value, path, ['from', 'until'], errors)) return undefined;
  const before = errors.length;
  if (value.from !== undefined) checkCalendarDate(value.from, pathOf(path, 'from'), errors);
  if (value.until !== undefined) checkCalendarDate(value.until, pathOf(path, 'until'), errors);
  if (errors.length > before) return undefined;
  const from = value.from as string | undefined;
  const until = value.until as string | undefined;
  if (from !== undefined && until !== undefined && from > until) {
    errors.push(`${path}: from (${from}) must not be after until (${until})`);
    return undefined;
  }
  return { ...(from !== undefined && { from }), ...(until !== undefined && { until }) };
}

function checkRule(value: unknown, path: string, errors: string[]): AgeBand | undefined {
  if (!checkObject(value, path, RULE_KEYS, errors)) return undefined;
  const before = errors.length;
  checkString(value.id, pathOf(path, 'id'), errors);
  checkOneOf(value.kind, ['legal', 'regional'] as const, pathOf(path, 'kind'), errors);
  checkString(value.service, pathOf(path, 'service'), errors);
  checkOneOf(value.urgency, URGENCIES, pathOf(path, 'urgency'), errors);
  const hasMin = value.minAge !== undefined && checkInteger(value.minAge, pathOf(path, 'minAge'), errors, { min: 0, max: MAX_AGE });
  const hasMax =
    value.maxAgeExclusive !== undefined &&
    checkInteger(value.maxAgeExclusive, pathOf(path, 'maxAgeExclusive'), errors, { min: 1, max: MAX_AGE });
  const from = hasMin ? (value.minAge as number) : 0;
  const to = hasMax ? (value.maxAgeExclusive as number) : Infinity;
  if (hasMin && hasMax && from >= to) {
    errors.push(`${path}: minAge (${from}) must be below maxAgeExclusive (${to})`);
  }
  checkLimit(value.limit, pathOf(path, 'limit'), errors);
  if (value.from !== undefined) checkOneOf(value.from, ['contact', 'assessment'] as const, pathOf(path, 'from'), errors);
  const inForce: { from?: string; until?: string } | undefined =
    value.inForce === undefined ? {} : checkInForce(value.inForce, pathOf(path, 'inForce'), errors);
  checkLocalizedText(value.label, pathOf(path, 'label'), errors);
  if (value.source !== undefined) checkString(value.source, pathOf(path, 'source'), errors);
  if (errors.length > before || !inForce) return undefined;
  return {
    index: -1,
    key: `${String(value.kind)} ${String(value.service)} ${String(value.urgency)}`,
    from,
    to,
    ...(inForce.from !== undefined && { inForceFrom: inForce.from }),
    ...(inForce.until !== undefined && { inForceUntil: inForce.until }),
  };
}

function describeBand(band: AgeBand): string {
  return band.to === Infinity ? `${band.from}+` : `${band.from}–${band.to - 1}`;
}

function describePeriod(band: AgeBand): string {
  if (band.inForceFrom === undefined && band.inForceUntil === undefined) return 'always';
  return `${band.inForceFrom ?? ''}–${band.inForceUntil ?? ''}`;
}

function periodsOverlap(a: AgeBand, b: AgeBand): boolean {
  // Inclusive periods: [a.from, a.until] and [b.from, b.until]; a missing end is open.
  const aStartsAfterB = a.inForceFrom !== undefined && b.inForceUntil !== undefined && a.inForceFrom > b.inForceUntil;
  const bStartsAfterA = b.inForceFrom !== undefined && a.inForceUntil !== undefined && b.inForceFrom > a.inForceUntil;
  return !aStartsAfterB && !bStartsAfterA;
}

/**
 * Two rules of the same kind, service and urgency must not cover the same age on the same
 * day; with `inForce` a law's old and new limits may stand side by side in turn.
 */
function checkOverlaps(bands: AgeBand[], errors: string[]): void {
  for (const [i, a] of bands.entries()) {
    for (const b of bands.slice(i + 1)) {
      if (a.key === b.key && a.from < b.to && b.from < a.to && periodsOverlap(a, b)) {
        const dated = a.inForceFrom ?? a.inForceUntil ?? b.inForceFrom ?? b.inForceUntil;
        const periods = dated === undefined ? '' : `, in force ${describePeriod(a)} and ${describePeriod(b)}`;
        errors.push(
          `rules[${b.index}]: overlaps rules[${a.index}] (${a.key}, ages ${describeBand(a)} and ${describeBand(b)}${periods})`,
        );
      }
    }
  }
}

export function validateCareGuaranteeConfig(value: unknown): { config?: CareGuaranteeConfig; errors: string[] } {
  const errors: string[] = [];
  if (!checkObject(value, '', CONFIG_KEYS, errors)) return { errors };
  checkInteger(value.version, 'version', errors, { min: 1 });
  if (value.timeZone !== 'Europe/Helsinki') {
    errors.push(`timeZone: must be "Europe/Helsinki", got ${JSON.stringify(value.timeZone) ?? 'missing'}`);
  }
  if (checkObject(value.officeHours, 'officeHours', ['start', 'end'], errors)) {
    const { start, end } = value.officeHours;
    const okStart = checkInteger(start, 'officeHours.start', errors, { min: 0, max: 23 });
    const okEnd = checkInteger(end, 'officeHours.end', errors, { min: 1, max: 23 });
    if (okStart && okEnd && start >= end) errors.push(`officeHours: start (${start}) must be before end (${end})`);
  }
  if (!Array.isArray(value.rules)) {
    errors.push('rules: must be an array');
  } else {
    const bands: AgeBand[] = [];
    value.rules.forEach((rule: unknown, index: number) => {
      const band = checkRule(rule, pathOf('rules', index), errors);
      if (band) bands.push({ ...band, index });
    });
    checkUniqueIds(value.rules.map((rule: unknown) => (rule as { id?: unknown } | null)?.id), 'rules', errors);
    checkOverlaps(bands, errors);
  }
  if (errors.length > 0) return { errors };
  return { config: structuredClone(value) as unknown as CareGuaranteeConfig, errors };
}

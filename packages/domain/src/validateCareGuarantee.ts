/** Validation of a care-guarantee configuration received as JSON (e.g. an admin PUT). */
import type { CareGuaranteeConfig } from './careGuarantee';
import { URGENCIES } from './types';
import {
  checkInteger,
  checkLocalizedText,
  checkObject,
  checkOneOf,
  checkString,
  checkUniqueIds,
  pathOf,
} from './validation';

const CONFIG_KEYS = ['version', 'timeZone', 'officeHours', 'rules'] as const;
const RULE_KEYS = ['id', 'kind', 'service', 'urgency', 'minAge', 'maxAgeExclusive', 'limit', 'label', 'source'] as const;
const MAX_AGE = 150;

interface AgeBand {
  index: number;
  key: string;
  from: number;
  to: number;
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
  const limitPath = pathOf(path, 'limit');
  if (checkObject(value.limit, limitPath, ['days', 'months'], errors)) {
    const { days, months } = value.limit;
    if (days === undefined && months === undefined) errors.push(`${limitPath}: must give days or months`);
    if (days !== undefined) checkInteger(days, pathOf(limitPath, 'days'), errors, { min: 0, max: 3660 });
    if (months !== undefined) checkInteger(months, pathOf(limitPath, 'months'), errors, { min: 0, max: 120 });
  }
  checkLocalizedText(value.label, pathOf(path, 'label'), errors);
  if (value.source !== undefined) checkString(value.source, pathOf(path, 'source'), errors);
  if (errors.length > before) return undefined;
  return { index: -1, key: `${String(value.kind)} ${String(value.service)} ${String(value.urgency)}`, from, to };
}

function describeBand(band: AgeBand): string {
  return band.to === Infinity ? `${band.from}+` : `${band.from}–${band.to - 1}`;
}

/** Two rules of the same kind, service and urgency must not cover the same age. */
function checkOverlaps(bands: AgeBand[], errors: string[]): void {
  for (const [i, a] of bands.entries()) {
    for (const b of bands.slice(i + 1)) {
      if (a.key === b.key && a.from < b.to && b.from < a.to) {
        errors.push(
          `rules[${b.index}]: overlaps rules[${a.index}] (${a.key}, ages ${describeBand(a)} and ${describeBand(b)})`,
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

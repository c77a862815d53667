/**
 * Small helpers for validating configuration that arrives as untyped JSON. Each check adds
 * an English message prefixed with the path of the offending value, e.g. `rules[2].limit`.
 */
import { isCalendarDate } from './calendarDate';
import { ADVICE_KINDS, type Language } from './types';

export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `rules[2]` + `limit` → `rules[2].limit`; the root has the empty path. */
export function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return `"${value}"`;
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : String(value);
}

/** Checks that `value` is an object; reports keys outside `allowed` (catches typos like `maxAge`). */
export function checkObject(
  value: unknown,
  path: string,
  allowed: readonly string[],
  errors: string[],
): value is Record<string, unknown> {
  if (!isRecord(value)) {
    errors.push(`${path || '(root)'}: must be an object, got ${describe(value)}`);
    return false;
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) errors.push(`${pathOf(path, key)}: unknown property`);
  }
  return true;
}

export function checkString(value: unknown, path: string, errors: string[]): value is string {
  if (typeof value === 'string' && value.trim() !== '') return true;
  errors.push(`${path}: must be a non-empty string, got ${describe(value)}`);
  return false;
}

export function checkInteger(
  value: unknown,
  path: string,
  errors: string[],
  range: { min?: number; max?: number } = {},
): value is number {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
  errors.push(`${path}: must be an integer between ${min} and ${max}, got ${describe(value)}`);
  return false;
}

export function checkNumber(value: unknown, path: string, errors: string[], min = -Infinity): value is number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min) return true;
  errors.push(`${path}: must be a number${min > -Infinity ? ` ≥ ${min}` : ''}, got ${describe(value)}`);
  return false;
}

export function checkOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  errors: string[],
): value is T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
  errors.push(`${path}: must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  return false;
}

/** A text in Finnish, Swedish and English, none of them empty. */
export function checkLocalizedText(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, LANGUAGES, errors)) return;
  for (const lang of LANGUAGES) checkString(value[lang], pathOf(path, lang), errors);
}

/** Reports every id that occurs more than once. */
export function checkUniqueIds(ids: readonly unknown[], path: string, errors: string[]): void {
  const firstIndex = new Map<string, number>();
  ids.forEach((id, index) => {
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else errors.push(`${pathOf(pathOf(path, index), 'id')}: duplicate id "${id}" (also ${pathOf(path, first)})`);
  });
}

export function checkBoolean(value: unknown, path: string, errors: string[]): value is boolean {
  if (typeof value === 'boolean') return true;
  errors.push(`${path}: must be true or false, got ${describe(value)}`);
  return false;
}

/** A real calendar date written 'YYYY-MM-DD' (so '2025-02-29' is refused). */
export function checkCalendarDate(value: unknown, path: string, errors: string[]): value is string {
  if (isCalendarDate(value)) return true;
  errors.push(`${path}: must be a real date written YYYY-MM-DD, got ${describe(value)}`);
  return false;
}

/** Checks that `value` is an array (its elements are the caller's to check). */
export function checkArray(value: unknown, path: string, errors: string[]): value is unknown[] {
  if (Array.isArray(value)) return true;
  errors.push(`${path}: must be an array, got ${describe(value)}`);
  return false;
}

/** A list of advice kinds, each known and given once (an empty list is allowed: no advice). */
export function checkAdviceList(value: unknown, path: string, errors: string[]): void {
  if (!Array.isArray(value)) {
    errors.push(`${path}: must be an array of advice kinds`);
    return;
  }
  value.forEach((kind: unknown, i: number) => {
    if (checkOneOf(kind, ADVICE_KINDS, pathOf(path, i), errors) && value.indexOf(kind) !== i) {
      errors.push(`${pathOf(path, i)}: "${kind}" is given twice`);
    }
  });
}

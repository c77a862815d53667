import { evalFhirPathTyped, toTypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { indexedParameters } from '../fhir/searchParameters';
import { dateBounds } from '../fhir/dateBounds';
import { exactSearchText, foldSearchText, nordicSortKey } from '@ovi/domain/src/searchText';

export interface IndexRows {
  tokens: Array<[param: string, system: string | null, value: string]>;
  /** `value` folded for R4's default match, `exact` for `:exact`, `sortKey` for `_sort`. */
  strings: Array<[param: string, value: string, exact: string, sortKey: string]>;
  dates: Array<[param: string, low: string, high: string]>;
}

/**
 * Extracts the values of every indexed search parameter of a resource: through the compiled
 * plain property walk where there is one, else FHIRPath (`engine: 'fhirpath'` forces it, for tests).
 */
export function extractIndexRows(resource: Resource, engine: 'fast' | 'fhirpath' = 'fast'): IndexRows {
  const rows: IndexRows = { tokens: [], strings: [], dates: [] };
  for (const param of indexedParameters(resource.resourceType).values()) {
    let values: unknown[];
    try {
      values =
        param.simple && engine === 'fast'
          ? param.simple(resource)
          : evalFhirPathTyped(param.expression, [toTypedValue(resource)]).map((v) => v.value);
    } catch {
      continue;
    }
    for (const value of values) addValue(rows, param.code, param.kind, value);
  }
  // A value found twice (a work-queue audit record names "Patient" as entity type once per
  // client) matches no more searches than once: one row each.
  return { tokens: distinctRows(rows.tokens), strings: distinctRows(rows.strings), dates: distinctRows(rows.dates) };
}

function distinctRows<T extends unknown[]>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = row.join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function addValue(rows: IndexRows, param: string, kind: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (kind === 'date') return addDate(rows, param, value);
  if (kind === 'string') return addStrings(rows, param, value);
  if (kind === 'reference') {
    const ref = (value as { reference?: string }).reference ?? (typeof value === 'string' ? value : undefined);
    if (ref) rows.tokens.push([param, null, ref]);
    return;
  }
  addTokens(rows, param, value);
}

function addTokens(rows: IndexRows, param: string, value: unknown): void {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
    rows.tokens.push([param, null, String(value)]);
    return;
  }
  const v = value as { coding?: Array<{ system?: string; code?: string }>; system?: string; code?: string; value?: string };
  if (Array.isArray(v.coding)) {
    for (const c of v.coding) if (c.code) rows.tokens.push([param, c.system ?? null, c.code]);
  } else if (v.code !== undefined) {
    rows.tokens.push([param, v.system ?? null, String(v.code)]);
  } else if (v.value !== undefined) {
    rows.tokens.push([param, v.system ?? null, String(v.value)]);
  }
}

function addStrings(rows: IndexRows, param: string, value: unknown): void {
  if (typeof value === 'string') {
    rows.strings.push(stringRow(param, value));
    return;
  }
  // HumanName, Address and similar: every string part is searchable.
  for (const part of Object.values(value as Record<string, unknown>)) {
    const items = Array.isArray(part) ? part : [part];
    for (const item of items) if (typeof item === 'string') rows.strings.push(stringRow(param, item));
  }
}

function stringRow(param: string, value: string): [string, string, string, string] {
  return [param, foldSearchText(value), exactSearchText(value), nordicSortKey(value)];
}

function addDate(rows: IndexRows, param: string, value: unknown): void {
  if (typeof value === 'string') {
    const range = dateBounds(value);
    if (range) rows.dates.push([param, range[0], range[1]]);
    return;
  }
  const period = value as { start?: string; end?: string };
  if (period.start || period.end) {
    const low = period.start ? dateBounds(period.start)?.[0] : '0001-01-01T00:00:00Z';
    const high = period.end ? dateBounds(period.end)?.[1] : '9999-12-31T23:59:59Z';
    if (low && high) rows.dates.push([param, low, high]);
  }
}

export interface IndexColumns {
  /** resource_type, resource_id, param, system, value */
  tokens: unknown[][];
  /** resource_type, resource_id, param, value, exact, sort_key */
  strings: unknown[][];
  /** resource_type, resource_id, param, low, high */
  dates: unknown[][];
}

/** The index rows of resources as column arrays, ready for `unnest`. */
export function indexColumns(resources: Array<Resource & { id: string }>): IndexColumns {
  const columns: IndexColumns = { tokens: [[], [], [], [], []], strings: [[], [], [], [], [], []], dates: [[], [], [], [], []] };
  for (const resource of resources) {
    const rows = extractIndexRows(resource);
    const owner = [resource.resourceType, resource.id];
    for (const row of rows.tokens) [...owner, ...row].forEach((v, i) => columns.tokens[i]?.push(v));
    for (const row of rows.strings) [...owner, ...row].forEach((v, i) => columns.strings[i]?.push(v));
    for (const row of rows.dates) [...owner, ...row].forEach((v, i) => columns.dates[i]?.push(v));
  }
  return columns;
}

/** Statements (as CTE parts) that insert index columns bound from parameter `first` on. */
export const INDEX_INSERTS = (first: number) => {
  const p = (n: number) => `$${first + n}`;
  return `tok AS (INSERT INTO search_token (resource_type, resource_id, param, system, value)
      SELECT * FROM unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[])),
    str AS (INSERT INTO search_string (resource_type, resource_id, param, value, exact, sort_key)
      SELECT * FROM unnest(${p(5)}::text[], ${p(6)}::text[], ${p(7)}::text[], ${p(8)}::text[], ${p(9)}::text[], ${p(10)}::text[])),
    dat AS (INSERT INTO search_date (resource_type, resource_id, param, low, high)
      SELECT * FROM unnest(${p(11)}::text[], ${p(12)}::text[], ${p(13)}::text[], ${p(14)}::timestamptz[], ${p(15)}::timestamptz[]))`;
};

export const indexParameters = (columns: IndexColumns): unknown[] => [...columns.tokens, ...columns.strings, ...columns.dates];

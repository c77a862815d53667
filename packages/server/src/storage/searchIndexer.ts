import { evalFhirPathTyped, toTypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { indexedParameters } from '../fhir/searchParameters';
import type { SqlExecutor } from '../db/database';
import { dateBounds } from '../fhir/dateBounds';

export interface IndexRows {
  tokens: Array<[param: string, system: string | null, value: string]>;
  strings: Array<[param: string, value: string]>;
  dates: Array<[param: string, low: string, high: string]>;
}

/** Extracts the values of every indexed search parameter of a resource. */
export function extractIndexRows(resource: Resource): IndexRows {
  const rows: IndexRows = { tokens: [], strings: [], dates: [] };
  for (const param of indexedParameters(resource.resourceType).values()) {
    let values: unknown[];
    try {
      values = evalFhirPathTyped(param.expression, [toTypedValue(resource)]).map((v) => v.value);
    } catch {
      continue;
    }
    for (const value of values) addValue(rows, param.code, param.kind, value);
  }
  return rows;
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
    rows.strings.push([param, value.toLowerCase()]);
    return;
  }
  // HumanName, Address and similar: every string part is searchable.
  for (const part of Object.values(value as Record<string, unknown>)) {
    const items = Array.isArray(part) ? part : [part];
    for (const item of items) if (typeof item === 'string') rows.strings.push([param, item.toLowerCase()]);
  }
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

/** Replaces a resource's index rows within the caller's transaction. */
export async function writeIndexRows(tx: SqlExecutor, resource: Resource & { id: string }): Promise<void> {
  const { resourceType: type, id } = resource;
  await tx.query('DELETE FROM search_token WHERE resource_type = $1 AND resource_id = $2', [type, id]);
  await tx.query('DELETE FROM search_string WHERE resource_type = $1 AND resource_id = $2', [type, id]);
  await tx.query('DELETE FROM search_date WHERE resource_type = $1 AND resource_id = $2', [type, id]);
  await insertIndexRows(tx, [resource]);
}

/** Inserts the index rows of new resources, three statements however many resources. */
export async function insertIndexRows(tx: SqlExecutor, resources: Array<Resource & { id: string }>): Promise<void> {
  const tokens: unknown[][] = [[], [], [], [], []];
  const strings: unknown[][] = [[], [], [], []];
  const dates: unknown[][] = [[], [], [], [], []];
  for (const resource of resources) {
    const rows = extractIndexRows(resource);
    const owner = [resource.resourceType, resource.id];
    for (const row of rows.tokens) [...owner, ...row].forEach((v, i) => tokens[i]?.push(v));
    for (const row of rows.strings) [...owner, ...row].forEach((v, i) => strings[i]?.push(v));
    for (const row of rows.dates) [...owner, ...row].forEach((v, i) => dates[i]?.push(v));
  }
  if (tokens[0]?.length) {
    await tx.query(
      `INSERT INTO search_token (resource_type, resource_id, param, system, value)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      tokens,
    );
  }
  if (strings[0]?.length) {
    await tx.query(
      `INSERT INTO search_string (resource_type, resource_id, param, value)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      strings,
    );
  }
  if (dates[0]?.length) {
    await tx.query(
      `INSERT INTO search_date (resource_type, resource_id, param, low, high)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])`,
      dates,
    );
  }
}

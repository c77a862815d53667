import { indexedParameters, type IndexedKind } from './searchParameters';
import { badRequest } from './outcomes';
import { dateBounds } from './dateBounds';
import { parseSubset, type Subset } from './subsetting';
import type { DatePrefix } from './datePrefixes';

export type { DatePrefix } from './datePrefixes';

export interface SearchFilter {
  code: string;
  kind: IndexedKind | 'id' | 'lastUpdated';
  modifier?: 'exact' | 'contains' | 'missing';
  /** Alternatives: any may match (comma-separated in the URL). */
  values: string[];
}

export interface SortRule {
  code: string;
  kind: IndexedKind | 'id' | 'lastUpdated';
  descending: boolean;
}

export interface SearchRequest {
  resourceType: string;
  filters: SearchFilter[];
  sort: SortRule[];
  count: number;
  offset: number;
  /** `_summary` and `_elements`: how much of each resource to return. */
  subset?: Subset;
}

export const MAX_COUNT = 100;
const DEFAULT_COUNT = 20;
const IGNORED = new Set(['_format', '_pretty', '_total']);

/** Parses a search URL's query into a typed request; unknown parameters are a 400, not silently ignored. */
export function parseSearchRequest(resourceType: string, query: Record<string, string | string[] | undefined>): SearchRequest {
  const request: SearchRequest = { resourceType, filters: [], sort: [], count: DEFAULT_COUNT, offset: 0 };
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) applyParameter(request, key, value);
  }
  return request;
}

function applyParameter(request: SearchRequest, key: string, value: string): void {
  if (IGNORED.has(key)) return;
  // R4: a server caps a larger page size rather than refusing it; the self link shows the cap.
  if (key === '_count') request.count = Math.min(parseInteger(key, value, 0, Number.MAX_SAFE_INTEGER), MAX_COUNT);
  else if (key === '_summary' || key === '_elements') {
    request.subset = { ...request.subset, ...parseSubset(key, value) };
    // Only the total: no page of resources is read at all.
    if (request.subset.summary === 'count') request.count = 0;
  }
  else if (key === '_offset') request.offset = parseInteger(key, value, 0, 10_000);
  else if (key === '_sort') request.sort = value.split(',').map((code) => sortRule(request.resourceType, code));
  else request.filters.push(filter(request.resourceType, key, value));
}

function parseInteger(key: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw badRequest(`${key} must be a whole number, got '${value}'`, [key]);
  const n = Number(value);
  if (n < min || n > max) throw badRequest(`${key} must be between ${min} and ${max}, got ${n}`, [key]);
  return n;
}

function kindOf(resourceType: string, code: string): SearchFilter['kind'] {
  if (code === '_id') return 'id';
  if (code === '_lastUpdated') return 'lastUpdated';
  const param = indexedParameters(resourceType).get(code);
  if (!param) throw badRequest(`Unknown search parameter '${code}' for ${resourceType}`, [code]);
  return param.kind;
}

function sortRule(resourceType: string, raw: string): SortRule {
  const descending = raw.startsWith('-');
  const code = descending ? raw.slice(1) : raw;
  return { code, kind: kindOf(resourceType, code), descending };
}

function filter(resourceType: string, key: string, value: string): SearchFilter {
  const [code = '', modifier] = key.split(':');
  const kind = kindOf(resourceType, code);
  if (modifier !== undefined && !['exact', 'contains', 'missing'].includes(modifier)) {
    throw badRequest(`Unsupported modifier ':${modifier}' on '${code}'`, [key]);
  }
  if ((modifier === 'exact' || modifier === 'contains') && kind !== 'string') {
    throw badRequest(`Modifier ':${modifier}' applies only to string parameters`, [key]);
  }
  if (modifier === 'missing' && value !== 'true' && value !== 'false') {
    throw badRequest(`':missing' takes true or false, got '${value}'`, [key]);
  }
  const values = value.split(',').filter((v) => v.length > 0);
  if (values.length === 0) throw badRequest(`Search parameter '${key}' has no value`, [key]);
  for (const v of values) {
    if (v.length > 512) throw badRequest(`The value of '${key}' is too long`, [key]);
    if ((kind === 'date' || kind === 'lastUpdated') && modifier !== 'missing') parseDateValue(key, v);
  }
  return { code, kind, modifier: modifier as SearchFilter['modifier'], values };
}

/** Splits a date search value into its prefix and the instants it covers. */
export function parseDateValue(key: string, raw: string): { prefix: DatePrefix; low: string; high: string } {
  const match = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/.exec(raw);
  if (!match) throw badRequest(`'${raw}' is not a valid date for '${key}' (use e.g. ge2026-01-31; prefixes eq, ne, gt, lt, ge, le, sa, eb, ap)`, [key]);
  const value = match[2] ?? '';
  const range = dateBounds(value);
  if (!range) throw badRequest(`'${raw}' is not a valid date for '${key}'`, [key]);
  return { prefix: (match[1] as DatePrefix | undefined) ?? 'eq', low: range[0], high: range[1] };
}

const HISTORY_CONTROLS = new Set(['_count', '_offset', '_since', '_format', '_pretty']);

/**
 * A history request: `_count`, `_offset` and `_since` (an instant); at type level also the
 * client parameter a search of personal data takes, so a professional names the client.
 */
export function parseHistoryRequest(resourceType: string, query: Record<string, string[]>, clientParams: string[]): { request: SearchRequest; since?: string } {
  const controls: Record<string, string[]> = {};
  const filters: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(query)) {
    if (HISTORY_CONTROLS.has(key)) controls[key] = values;
    else if (clientParams.includes(key)) filters[key] = values;
    else throw badRequest(`History takes _count, _since${clientParams.length > 0 ? ` and ${clientParams.join(', ')}` : ''}, not '${key}'`, [key]);
  }
  const { _since: sinceValues, ...paging } = controls;
  const request = parseSearchRequest(resourceType, { ...paging, ...filters });
  const since = sinceValues?.[0];
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(since)) {
    throw badRequest(`_since must be an instant with a time zone (e.g. 2026-01-31T08:00:00Z), got '${since.slice(0, 40)}'`, ['_since']);
  }
  return { request, ...(since ? { since } : {}) };
}

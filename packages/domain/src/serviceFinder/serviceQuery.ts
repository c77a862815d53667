/**
 * The resident's search of the service catalogue: `q`, `lang`, `municipality`, `age`, `limit`.
 * Checked here so that every bad value gets a clear 400 before any SQL runs.
 */
import type { Language } from '../types';

export const MAX_QUERY_LENGTH = 200;
export const MAX_SEARCH_WORDS = 8;
export const DEFAULT_RESULT_LIMIT = 20;
export const MAX_RESULT_LIMIT = 50;

export interface ServiceQuery {
  /** The words as typed (trimmed, whitespace collapsed); '' lists every service. */
  text: string;
  /** Letters and digits only, lower-cased: what full-text search is given. */
  words: string[];
  lang: Language;
  /** A municipality code (3 digits, urn:oid:1.2.246.537.6.21). */
  municipality?: string;
  /** Age in whole years. */
  age?: number;
  limit: number;
}

const KNOWN = new Set(['q', 'lang', 'municipality', 'age', 'limit']);

/** The words of a query: runs of letters and digits (any script), lower-cased, at most {@link MAX_SEARCH_WORDS}. */
export function searchWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}

function single(value: unknown, name: string, errors: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    errors.push(`${name} must be given once`);
    return undefined;
  }
  return value;
}

/** Parses the query string of `GET /api/services/search`; `errors` lists every problem. */
export function parseServiceQuery(raw: Record<string, unknown>): { query?: ServiceQuery; errors: string[] } {
  const errors: string[] = [];
  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) errors.push(`Unknown parameter ${key.slice(0, 40)}: use q, lang, municipality, age or limit`);
  const q = single(raw.q, 'q', errors) ?? '';
  const text = q.trim().replace(/\s+/g, ' ');
  if (q.length > MAX_QUERY_LENGTH) errors.push(`q is longer than ${MAX_QUERY_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(q)) errors.push('q must not contain control characters');
  const lang = single(raw.lang, 'lang', errors) ?? 'fi';
  if (lang !== 'fi' && lang !== 'sv' && lang !== 'en') errors.push('lang must be fi, sv or en');
  const municipality = single(raw.municipality, 'municipality', errors);
  if (municipality !== undefined && !/^\d{3}$/.test(municipality)) errors.push('municipality must be a three-digit municipality code such as 272');
  const ageText = single(raw.age, 'age', errors);
  if (ageText !== undefined && (!/^\d{1,3}$/.test(ageText) || Number(ageText) > 120)) errors.push('age must be a whole number of years from 0 to 120');
  const limitText = single(raw.limit, 'limit', errors);
  if (limitText !== undefined && (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_RESULT_LIMIT)) {
    errors.push(`limit must be a whole number from 1 to ${MAX_RESULT_LIMIT}`);
  }
  if (errors.length > 0) return { errors };
  return {
    errors,
    query: {
      text,
      words: searchWords(text),
      lang: lang as Language,
      ...(municipality !== undefined ? { municipality } : {}),
      ...(ageText !== undefined ? { age: Number(ageText) } : {}),
      limit: limitText !== undefined ? Number(limitText) : DEFAULT_RESULT_LIMIT,
    },
  };
}

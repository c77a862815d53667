import { tryGetDataType } from '@medplum/core';
import type { Coding, Resource } from '@medplum/fhirtypes';
import { badRequest } from './outcomes';

export type SummaryMode = 'true' | 'false' | 'text' | 'data' | 'count';

/** What `_summary` and `_elements` ask of each resource. */
export interface Subset {
  summary?: SummaryMode;
  elements?: string[];
}

/** R4 search.html#summary: a resource with parts left out says so. */
export const SUBSETTED: Coding = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' };

const SUMMARY_MODES = new Set<string>(['true', 'false', 'text', 'data', 'count']);

export function parseSubset(key: '_summary' | '_elements', value: string): Subset {
  if (key === '_summary') {
    if (!SUMMARY_MODES.has(value)) throw badRequest(`_summary takes true, false, text, data or count, not '${value.slice(0, 40)}'`, [key]);
    return { summary: value as SummaryMode };
  }
  const elements = value.split(',').map((e) => e.trim().replace(/^[A-Z][A-Za-z]*\./, '')).filter((e) => e.length > 0);
  if (elements.length === 0 || elements.some((e) => !/^[a-z][A-Za-z0-9]*$/.test(e))) throw badRequest(`_elements takes top-level element names separated by commas`, [key]);
  return { elements };
}

/** Always kept: what identifies the resource and says it is partial. */
const ALWAYS = new Set(['resourceType', 'id', 'meta']);

/**
 * The part of a resource `_summary`/`_elements` asks for. Mandatory elements always stay (R4),
 * and anything left out is marked SUBSETTED so no one takes it for the whole record.
 */
export function applySubset<T extends Resource>(resource: T, subset: Subset | undefined): T {
  if (!subset || (subset.summary === undefined && !subset.elements) || subset.summary === 'false') return resource;
  const schema = tryGetDataType(resource.resourceType);
  const mandatory = schema?.mandatoryProperties ?? new Set<string>();
  let keep: (key: string) => boolean;
  if (subset.elements) {
    const wanted = new Set(subset.elements);
    keep = (key) => matches(wanted, key) || matches(mandatory, key);
  } else if (subset.summary === 'text') {
    keep = (key) => key === 'text' || matches(mandatory, key);
  } else if (subset.summary === 'data') {
    keep = (key) => key !== 'text';
  } else {
    const summary = schema?.summaryProperties ?? new Set<string>();
    keep = (key) => matches(summary, key) || matches(mandatory, key);
  }
  const kept = Object.fromEntries(Object.entries(resource).filter(([key]) => ALWAYS.has(key) || keep(key.replace(/^_/, ''))));
  const tags = (resource.meta?.tag ?? []).filter((t) => !(t.system === SUBSETTED.system && t.code === SUBSETTED.code));
  return { ...kept, meta: { ...resource.meta, tag: [...tags, SUBSETTED] } } as T;
}

/** A property name against element names, where `value[x]` stands for `valueQuantity` and the like. */
function matches(names: Set<string>, key: string): boolean {
  if (names.has(key)) return true;
  for (const name of names) if (name.endsWith('[x]') && key.startsWith(name.slice(0, -3)) && /^[A-Z]/.test(key.slice(name.length - 3))) return true;
  return false;
}

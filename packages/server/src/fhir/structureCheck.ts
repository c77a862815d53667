import { tryGetDataType } from '@medplum/core';
import { requiredCodes } from './requiredCodes';

const PRIMITIVES = new Set([
  'boolean', 'integer', 'string', 'decimal', 'uri', 'url', 'canonical', 'base64Binary', 'instant', 'date', 'dateTime',
  'time', 'code', 'oid', 'id', 'markdown', 'unsignedInt', 'positiveInt', 'uuid', 'xhtml',
  'http://hl7.org/fhirpath/System.String',
]);
const NUMBERS = new Set(['integer', 'decimal', 'unsignedInt', 'positiveInt']);
const MAX_ISSUES = 20;

/**
 * A strict shape check against the R4 definitions, run before Medplum's validator: every
 * property must be defined for its type (prototype names like `constructor` included), arrays
 * exactly where the definition repeats, objects where it expects a complex type, one value per
 * choice element, and no empty strings, objects or arrays. As the official R4 JSON schema does,
 * it also refuses a `code` outside its required value set (where R4 lists the codes) and a
 * `dateTime` or `instant` with a time but no time zone.
 */
export function structureIssues(value: unknown, type: string, path: string): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  checkObject(value, type, path, issues);
  return issues;
}

function checkObject(value: unknown, type: string, path: string, issues: Array<{ path: string; message: string }>): void {
  if (issues.length >= MAX_ISSUES) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ path, message: `expected an object (${type})` });
    return;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) issues.push({ path, message: 'empty object: FHIR leaves an element out instead of sending it empty' });
  const schema = tryGetDataType(type);
  if (!schema) return;
  const choices = new Map<string, string>();
  for (const [key, item] of entries) {
    if (key === 'resourceType' || key === 'fhir_comments') continue;
    const at = `${path}.${key}`;
    if (key.startsWith('_')) {
      checkPrimitiveExtras(schema.elements, key, item, type, at, issues);
      continue;
    }
    const match = elementFor(schema.elements, key);
    if (!match) {
      issues.push({ path: at, message: `unknown property '${key}' for ${type}` });
      continue;
    }
    if (match.choice) {
      const earlier = choices.get(match.choice);
      if (earlier) issues.push({ path: at, message: `only one of ${match.choice} may be given (also ${earlier})` });
      choices.set(match.choice, key);
    }
    if (match.isArray !== Array.isArray(item)) {
      issues.push({ path: at, message: match.isArray ? 'expected an array' : 'expected a single value, not an array' });
      continue;
    }
    const items = Array.isArray(item) ? item : [item];
    if (items.length === 0) issues.push({ path: at, message: 'empty array: FHIR leaves an element out instead of sending it empty' });
    items.forEach((element, i) => checkValue(element, match, Array.isArray(item) ? `${at}[${i}]` : at, issues));
  }
}

/**
 * `_name` beside `name`: the primitive's id and extensions (e.g. translations), an `Element`
 * each, so their extensions get the same check (one value[x], no unknown properties). A
 * repeating primitive's list may hold null where a value has no extras.
 */
function checkPrimitiveExtras(elements: Record<string, ElementDefinitionLike>, key: string, item: unknown, type: string, at: string, issues: Array<{ path: string; message: string }>): void {
  const base = elementFor(elements, key.slice(1));
  if (!base || !PRIMITIVES.has(base.type)) {
    issues.push({ path: at, message: `unknown property '${key}' for ${type}` });
    return;
  }
  if (base.isArray !== Array.isArray(item)) {
    issues.push({ path: at, message: base.isArray ? 'expected an array' : 'expected a single value, not an array' });
    return;
  }
  if (!Array.isArray(item)) {
    checkObject(item, 'Element', at, issues);
    return;
  }
  item.forEach((extras, i) => {
    if (extras !== null) checkObject(extras, 'Element', `${at}[${i}]`, issues);
  });
}

function checkValue(value: unknown, element: ElementMatch, path: string, issues: Array<{ path: string; message: string }>): void {
  const type = element.type;
  if (PRIMITIVES.has(type)) {
    const expected = type === 'boolean' ? 'boolean' : NUMBERS.has(type) ? 'number' : 'string';
    if (typeof value !== expected) issues.push({ path, message: `expected a ${type} value (JSON ${expected}), got ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}` });
    else if (typeof value === 'string' && value.trim() === '') issues.push({ path, message: 'empty string: FHIR leaves an element out instead of sending it empty' });
    else if (typeof value === 'string') checkPrimitiveValue(value, element, path, issues);
    return;
  }
  if (type === 'Resource') {
    const resourceType = (value as { resourceType?: unknown } | null)?.resourceType;
    if (typeof resourceType !== 'string') issues.push({ path, message: 'expected a resource with resourceType' });
    else checkObject(value, resourceType, path, issues);
    return;
  }
  checkObject(value, type, path, issues);
}

/** A time needs its zone (R4 dateTime, instant): "2026-11-29T10:00" could be any of 24 moments. */
const TIME_WITHOUT_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function checkPrimitiveValue(value: string, element: ElementMatch, path: string, issues: Array<{ path: string; message: string }>): void {
  if ((element.type === 'dateTime' || element.type === 'instant') && TIME_WITHOUT_ZONE.test(value)) {
    issues.push({ path, message: `'${value}' has a time but no time zone: add Z or an offset such as +02:00` });
  }
  if (element.type === 'code' && element.binding?.strength === 'required' && element.binding.valueSet) {
    const codes = requiredCodes(element.binding.valueSet);
    if (codes && !codes.has(value)) {
      const listed = codes.size <= 12 ? `: one of ${[...codes].join(', ')}` : '';
      issues.push({ path, message: `'${value}' is not a code of the required value set ${element.binding.valueSet}${listed}` });
    }
  }
}

interface ElementMatch {
  type: string;
  isArray: boolean;
  choice?: string;
  binding?: { strength?: string; valueSet?: string };
}

type ElementDefinitionLike = { isArray?: boolean; type?: Array<{ code: string }>; binding?: { strength?: string; valueSet?: string } };

function elementFor(elements: Record<string, ElementDefinitionLike>, key: string): ElementMatch | undefined {
  const direct = Object.prototype.hasOwnProperty.call(elements, key) ? elements[key] : undefined;
  if (direct) return { type: direct.type?.[0]?.code ?? 'Element', isArray: !!direct.isArray, binding: direct.binding };
  for (const [name, element] of Object.entries(elements)) {
    if (!name.endsWith('[x]')) continue;
    const base = name.slice(0, -3);
    if (!key.startsWith(base)) continue;
    const suffix = key.slice(base.length);
    const type = element.type?.find((t) => t.code.toLowerCase() === suffix.toLowerCase() && suffix[0] === suffix[0]?.toUpperCase());
    if (type) return { type: type.code, isArray: !!element.isArray, choice: name, binding: element.binding };
  }
  return undefined;
}

import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, invalidResource, notFound } from './outcomes';
import { isSupportedType } from './resourceTypes';

/** Checks a body against the R4 definitions; throws a 400 OperationOutcome saying what and where. */
export function validateIncoming(body: unknown, expectedType?: string): Resource {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object holding a FHIR resource');
  }
  const resourceType = (body as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string') throw badRequest('Missing resourceType', ['resourceType']);
  if (expectedType && resourceType !== expectedType) {
    throw badRequest(`resourceType ${resourceType} does not match the URL's ${expectedType}`, ['resourceType']);
  }
  if (!isSupportedType(resourceType)) throw notFound(`Resource type ${resourceType} is not supported`);
  const empty = emptyValues(body, resourceType);
  if (empty.length > 0) {
    throw invalidResource(empty.map((path) => ({ severity: 'error', code: 'structure', details: { text: `Empty value at ${path}: FHIR leaves out an element instead of sending it empty` }, expression: [path] })));
  }
  try {
    validateResource(body as Resource);
  } catch (error) {
    if (error instanceof OperationOutcomeError) throw invalidResource(error.outcome.issue ?? []);
    throw badRequest(`Invalid ${resourceType}: ${(error as Error).message}`);
  }
  return body as Resource;
}

/** Paths of empty strings, objects and arrays, which FHIR does not allow. */
function emptyValues(value: unknown, path: string, found: string[] = []): string[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (value.trim() === '') found.push(path);
  } else if (Array.isArray(value)) {
    if (value.length === 0) found.push(path);
    value.forEach((item, i) => emptyValues(item, `${path}[${i}]`, found));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) found.push(path);
    for (const [key, item] of entries) emptyValues(item, `${path}.${key}`, found);
  }
  return found;
}

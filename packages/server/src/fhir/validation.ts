import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, invalidResource, notFound } from './outcomes';
import { isSupportedType } from './resourceTypes';
import { structureIssues } from './structureCheck';

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
  assertStructure(body, resourceType);
  try {
    validateResource(body as Resource);
  } catch (error) {
    if (error instanceof OperationOutcomeError) throw invalidResource(error.outcome.issue ?? []);
    throw badRequest(`Invalid ${resourceType}: ${(error as Error).message}`);
  }
  return body as Resource;
}

/** The strict shape check first: it is bounded, and it catches what the validator lets through. */
export function assertStructure(body: unknown, type: string): void {
  const issues = structureIssues(body, type, type);
  if (issues.length > 0) {
    throw invalidResource(issues.map((i) => ({ severity: 'error', code: 'structure', details: { text: `${i.path}: ${i.message}` }, diagnostics: `${i.path}: ${i.message}`, expression: [i.path] })));
  }
}

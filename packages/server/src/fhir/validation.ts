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
  try {
    validateResource(body as Resource);
  } catch (error) {
    if (error instanceof OperationOutcomeError) throw invalidResource(error.outcome.issue ?? []);
    throw badRequest(`Invalid ${resourceType}: ${(error as Error).message}`);
  }
  return body as Resource;
}

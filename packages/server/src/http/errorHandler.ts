import type { FastifyError, FastifyInstance } from 'fastify';
import { DatabaseUnavailableError } from '../db/database';
import type { RefusalAudit } from '../audit/refusalAudit';
import { MethodNotAllowed } from '../fhir/interactions';
import { FhirError, badRequest, payloadTooLarge, serverError, serviceUnavailable, unsupportedMediaType, notFound } from '../fhir/outcomes';

/** Statuses that refuse a user something: each gets an audit record (once). */
const REFUSALS = new Set([401, 403, 404, 429]);

/**
 * One place turns every error into an OperationOutcome with the right status; no stack traces
 * leak. Refusals not yet audited where they happened are audited here.
 */
export function installErrorHandler(app: FastifyInstance, refusals?: RefusalAudit): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const fhirError = toFhirError(error);
    if (refusals && REFUSALS.has(fhirError.status)) {
      await refusals.record(request, fhirError).catch((e: unknown) => request.log.warn(`refusal not audited: ${(e as Error).message}`));
    }
    if (fhirError.status >= 500 && !(error instanceof DatabaseUnavailableError)) request.log.error({ err: error }, 'request failed');
    const retryAfter = (error as { retryAfter?: number }).retryAfter;
    if (retryAfter) void reply.header('Retry-After', String(retryAfter));
    if (fhirError.status === 503) void reply.header('Retry-After', '5');
    if (fhirError instanceof MethodNotAllowed) void reply.header('Allow', fhirError.allow.join(', '));
    // A SMART app's token without the scope for the request (RFC 6750 insufficient_scope).
    const challenge = (error as { challenge?: string }).challenge;
    if (fhirError.status === 403 && challenge) void reply.header('WWW-Authenticate', challenge);
    if (fhirError.status === 401) void reply.header('WWW-Authenticate', bearerChallenge(request.headers.authorization !== undefined, fhirError.message));
    return reply.code(fhirError.status).type('application/fhir+json').send(fhirError.outcome);
  });
}

/**
 * RFC 6750 §3: a request without credentials gets the bare challenge; one whose token was
 * refused (expired, revoked, malformed) also gets `invalid_token` and why.
 */
function bearerChallenge(sentCredentials: boolean, message: string): string {
  const realm = 'Bearer realm="ovi"';
  if (!sentCredentials) return realm;
  return `${realm}, error="invalid_token", error_description="${message.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, "'").slice(0, 200)}"`;
}

function toFhirError(error: FastifyError): FhirError {
  if (error instanceof FhirError) return error;
  if (error instanceof DatabaseUnavailableError) return serviceUnavailable('The database is not reachable right now; try again shortly');
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return payloadTooLarge('The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return unsupportedMediaType('Send JSON with Content-Type application/fhir+json or application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return badRequest('The request body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return badRequest('The request body is not valid JSON');
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400) return badRequest(`The request is not valid: ${error.message}`);
  if (error.statusCode === 404) return notFound('Not found');
  if (error.statusCode === 413) return payloadTooLarge('The request body is too large');
  if (error.statusCode === 415) return unsupportedMediaType('Send JSON with Content-Type application/fhir+json or application/json');
  return serverError();
}

import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { LocalizedText } from '@ovi/domain';

/**
 * The only error currency of Ovi: an OperationOutcome with its HTTP status.
 * Thrown anywhere below the HTTP layer; translated in one place.
 */
export class FhirError extends Error {
  /** Set once the refusal has its audit record, so the error handler does not write another. */
  audited = false;

  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
  ) {
    super(outcome.issue?.map((i) => i.diagnostics ?? i.details?.text).join('; ') ?? 'error');
  }
}

type IssueCode = OperationOutcomeIssue['code'];

export function outcome(code: IssueCode, message: string, expression?: string[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text: message }, diagnostics: message, ...(expression ? { expression } : {}) }],
  };
}

export const badRequest = (message: string, expression?: string[]) => new FhirError(400, outcome('invalid', message, expression));
export const invalidResource = (issues: OperationOutcomeIssue[]) =>
  new FhirError(400, { resourceType: 'OperationOutcome', issue: issues });
export const unauthorized = (message: string) => new FhirError(401, outcome('login', message));
export const forbidden = (message: string) => new FhirError(403, outcome('forbidden', message));
export const notFound = (message: string) => new FhirError(404, outcome('not-found', message));
export const notAcceptable = (message: string) => new FhirError(406, outcome('not-supported', message));
export const conflict = (message: string) => new FhirError(409, outcome('conflict', message));

/**
 * A conflict told to a resident in their language: `details.text` holds the `{fi, sv, en}`
 * texts as JSON (the web app shows the reader's one, as for `$find`'s warnings), `diagnostics`
 * the English text for logs and other clients.
 */
export const conflictInWords = (text: LocalizedText) =>
  new FhirError(409, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', details: { text: JSON.stringify(text) }, diagnostics: text.en }] });
export const preconditionFailed = (message: string) => new FhirError(412, outcome('conflict', message));
export const payloadTooLarge = (message: string) => new FhirError(413, outcome('too-costly', message));
export const unsupportedMediaType = (message: string) => new FhirError(415, outcome('not-supported', message));
export const tooManyRequests = (message: string) => new FhirError(429, outcome('throttled', message));
export const serviceUnavailable = (message: string) => new FhirError(503, outcome('transient', message));
export const serverError = () => new FhirError(500, outcome('exception', 'Internal server error'));

/** Marks a refusal as already audited (with the clients it concerned). */
export function markAudited(error: FhirError): FhirError {
  error.audited = true;
  return error;
}

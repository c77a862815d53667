/**
 * Access to a client without a care relationship (docs/API.md "Access to client data"):
 * the server answers 403 and names the X-Access-Reason header; with a recorded reason the
 * access is allowed, flagged and audited.
 */
import { ApiError } from './client';

export const ACCESS_REASON_HEADER = 'X-Access-Reason';
/** The server refuses longer reasons. */
export const MAX_ACCESS_REASON = 500;

/** Whether the server refused only because no reason was recorded. */
export function needsAccessReason(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 403) return false;
  return error.issues.some((i) => /x-access-reason/i.test(`${i.diagnostics ?? ''} ${i.message}`));
}

/** The header that carries the reason; header values must be ASCII, so the text is URI-encoded. */
export function reasonHeaders(reason: string | undefined): Record<string, string> | undefined {
  const text = reason?.trim();
  return text ? { [ACCESS_REASON_HEADER]: encodeURIComponent(text) } : undefined;
}

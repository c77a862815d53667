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

export type Register = 'health' | 'social';

/** Why the server asks for a reason: no care relationship, or a record of the other register. */
export type AccessRefusal = { kind: 'relationship' } | { kind: 'register'; register: Register; message: string };

/**
 * Reads a 403 that a recorded reason would lift. A record of the other register (the server
 * names the "health-care register" or the "social-welfare register") needs the legal basis;
 * anything else naming X-Access-Reason is a client without a care relationship.
 */
export function accessRefusalOf(error: unknown): AccessRefusal | undefined {
  if (!needsAccessReason(error) || !(error instanceof ApiError)) return undefined;
  for (const issue of error.issues) {
    const text = `${issue.message} ${issue.diagnostics ?? ''}`;
    const register: Register | undefined = /social-welfare register/i.test(text) ? 'social' : /health-care register/i.test(text) ? 'health' : undefined;
    if (register) return { kind: 'register', register, message: issue.message || issue.diagnostics || '' };
  }
  return { kind: 'relationship' };
}

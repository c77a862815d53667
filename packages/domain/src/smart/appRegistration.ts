/** What an administrator sends to register a SMART app. */
export interface AppRegistration {
  clientId: string;
  name: string;
  redirectUris: string[];
  origins: string[];
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** One problem of a registration, by field (and line, for the lists), for a form to show in place. */
export type RegistrationProblem =
  | { field: 'body' }
  | { field: 'clientId' }
  | { field: 'name' }
  | { field: 'redirectUris'; kind: 'count' }
  | { field: 'redirectUris'; kind: 'address'; index: number; value: string }
  | { field: 'origins'; kind: 'count' }
  | { field: 'origins'; kind: 'address'; index: number; value: string };

/** How many redirect addresses and origins one app may have. */
export const MAX_APP_ADDRESSES = 10;

/**
 * Checks a registration: a client id of letters, digits, `.`, `_`, `-`; redirect URIs that are
 * absolute https URLs without a fragment (http only on loopback, for development, as RFC 8252
 * allows); origins that are bare `scheme://host[:port]`. Returns the problems, empty when fine.
 */
export function registrationFieldProblems(input: unknown): RegistrationProblem[] {
  if (typeof input !== 'object' || input === null) return [{ field: 'body' }];
  const r = input as Partial<Record<keyof AppRegistration, unknown>>;
  const problems: RegistrationProblem[] = [];
  if (typeof r.clientId !== 'string' || !CLIENT_ID.test(r.clientId)) problems.push({ field: 'clientId' });
  if (typeof r.name !== 'string' || r.name.trim().length === 0 || r.name.length > 100) problems.push({ field: 'name' });
  if (!Array.isArray(r.redirectUris) || r.redirectUris.length === 0 || r.redirectUris.length > MAX_APP_ADDRESSES) problems.push({ field: 'redirectUris', kind: 'count' });
  else r.redirectUris.forEach((uri, index) => !redirectUriOk(uri) && problems.push({ field: 'redirectUris', kind: 'address', index, value: String(uri).slice(0, 100) }));
  if (!Array.isArray(r.origins) || r.origins.length > MAX_APP_ADDRESSES) problems.push({ field: 'origins', kind: 'count' });
  else r.origins.forEach((origin, index) => !originOk(origin) && problems.push({ field: 'origins', kind: 'address', index, value: String(origin).slice(0, 100) }));
  return problems;
}

/** The problems as the API's 400 states them. */
export function registrationProblems(input: unknown): string[] {
  return registrationFieldProblems(input).map((p) => {
    switch (p.field) {
      case 'body':
        return 'Send a JSON object with clientId, name, redirectUris and origins';
      case 'clientId':
        return 'clientId must be 3–64 letters, digits, ".", "_" or "-"';
      case 'name':
        return 'name must be 1–100 characters';
      case 'redirectUris':
        return p.kind === 'count'
          ? `redirectUris must list 1–${MAX_APP_ADDRESSES} addresses`
          : `redirect URI ${p.value} must be an https address without a fragment (http only on localhost)`;
      case 'origins':
        return p.kind === 'count'
          ? `origins must list at most ${MAX_APP_ADDRESSES} origins`
          : `origin ${p.value} must be scheme://host[:port] with nothing after it (http only on localhost)`;
    }
  });
}

function parsed(text: unknown): URL | undefined {
  if (typeof text !== 'string' || text.length > 500) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function secureEnough(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

function redirectUriOk(text: unknown): boolean {
  const url = parsed(text);
  return url !== undefined && secureEnough(url) && url.hash === '' && !String(text).includes('#') && url.username === '' && url.password === '';
}

function originOk(text: unknown): boolean {
  const url = parsed(text);
  return url !== undefined && secureEnough(url) && url.origin === text;
}

/** What an administrator sends to register a SMART app. */
export interface AppRegistration {
  clientId: string;
  name: string;
  redirectUris: string[];
  origins: string[];
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks a registration: a client id of letters, digits, `.`, `_`, `-`; redirect URIs that are
 * absolute https URLs without a fragment (http only on loopback, for development, as RFC 8252
 * allows); origins that are bare `scheme://host[:port]`. Returns the problems, empty when fine.
 */
export function registrationProblems(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return ['Send a JSON object with clientId, name, redirectUris and origins'];
  const r = input as Partial<Record<keyof AppRegistration, unknown>>;
  const problems: string[] = [];
  if (typeof r.clientId !== 'string' || !CLIENT_ID.test(r.clientId)) problems.push('clientId must be 3–64 letters, digits, ".", "_" or "-"');
  if (typeof r.name !== 'string' || r.name.trim().length === 0 || r.name.length > 100) problems.push('name must be 1–100 characters');
  if (!Array.isArray(r.redirectUris) || r.redirectUris.length === 0 || r.redirectUris.length > 10) problems.push('redirectUris must list 1–10 addresses');
  else for (const uri of r.redirectUris) if (!redirectUriOk(uri)) problems.push(`redirect URI ${String(uri).slice(0, 100)} must be an https address without a fragment (http only on localhost)`);
  if (!Array.isArray(r.origins) || r.origins.length > 10) problems.push('origins must list at most 10 origins');
  else for (const origin of r.origins) if (!originOk(origin)) problems.push(`origin ${String(origin).slice(0, 100)} must be scheme://host[:port] with nothing after it (http only on localhost)`);
  return problems;
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

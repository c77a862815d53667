import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import { badRequest, unauthorized } from '../fhir/outcomes';
import type { UserContext } from '../auth/userContext';
import { narrowToScopes } from '../smart/scopeEnforcement';

const MAX_REASON = 500;

/** The bearer token of the request; 401 when there is none. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthorized('Log in first: the Authorization header with a Bearer token is missing');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * Reads and checks the bearer token (signature, expiry, and its account: not logged out or
 * disabled); the user travels on the request, never in module state.
 */
export async function authenticate(request: FastifyRequest, tokens: TokenService): Promise<UserContext> {
  const user = await tokens.verify(bearerToken(request), { address: request.ip });
  // A SMART app's token reaches the FHIR API only, and there only what its scopes allow.
  return user.app ? narrowToScopes(user, request.method, request.url) : user;
}

/** The reason is sent percent-encoded (it may hold any language's letters). */
function decodeReason(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw).trim();
  } catch {
    throw badRequest('X-Access-Reason must be percent-encoded text (encodeURIComponent)');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) throw badRequest('X-Access-Reason must not contain control characters');
  return decoded;
}

export async function requestContext(request: FastifyRequest, tokens: TokenService): Promise<RequestContext> {
  const user = await authenticate(request, tokens);
  const raw = request.headers['x-access-reason'];
  const reason = typeof raw === 'string' ? decodeReason(raw) : undefined;
  if (reason !== undefined && reason.length > MAX_REASON) throw badRequest(`X-Access-Reason is longer than ${MAX_REASON} characters`);
  return {
    user,
    reason: reason || undefined,
    address: request.ip,
    baseUrl: `${request.protocol}://${request.host}/fhir/R4`,
  };
}

/**
 * Query parameters whose values may be logged: paging and presentation only. Every other
 * value (identifier, name, birthdate, patient, any text) is replaced, because it may hold a
 * personal identity code or another personal detail.
 */
const PARAMETER_LIST = /^-?[A-Za-z_][\w.:-]{0,63}(,-?[A-Za-z_][\w.:-]{0,63}){0,9}$/;
const LOGGED_QUERY_VALUES = new Map<string, RegExp>([
  ['_count', /^\d{1,6}$/],
  ['_offset', /^\d{1,9}$/],
  ['_sort', PARAMETER_LIST],
  ['_elements', PARAMETER_LIST],
  ['_summary', /^[a-z-]{1,20}$/],
  ['_total', /^[a-z-]{1,20}$/],
  ['_format', /^[a-z+/.-]{1,40}$/i],
]);
/** A parameter name as FHIR spells them (with modifiers and chains); anything else is hidden too. */
const LOGGABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
const HIDDEN = '***';

/** The URL as it may be logged: the path, and the query with the values of personal parameters hidden. */
export function urlForLog(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url.slice(at + 1);
  if (query === '') return url;
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const shownName = name !== undefined && LOGGABLE_NAME.test(name) ? name : HIDDEN;
    if (eq < 0) return shownName;
    const value = safeDecode(part.slice(eq + 1));
    const shownValue = value !== undefined && LOGGED_QUERY_VALUES.get(shownName)?.test(value) ? value : HIDDEN;
    return `${shownName}=${shownValue}`;
  });
  return `${url.slice(0, at)}?${parts.join('&')}`;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

interface LoggedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request log serializer with the query values hidden (the rest as Fastify logs it). */
export const requestLogSerializers = {
  req(request: LoggedRequest) {
    const version = request.headers?.['accept-version'];
    return {
      method: request.method,
      url: urlForLog(request.url ?? ''),
      ...(typeof version === 'string' ? { version } : {}),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};

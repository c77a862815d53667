import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import { badRequest, unauthorized } from '../fhir/outcomes';
import type { UserContext } from '../auth/userContext';

const MAX_REASON = 500;

/** Reads the bearer token; the user travels on the request, never in module state. */
export async function authenticate(request: FastifyRequest, tokens: TokenService): Promise<UserContext> {
  const header = request.headers.authorization;
  if (!header) throw unauthorized('Log in first: the Authorization header with a Bearer token is missing');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>"');
  return tokens.verify(match[1]);
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

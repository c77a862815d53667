import type { FastifyInstance } from 'fastify';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { SettingsStore } from '../settings/settingsStore';
import { lookUpClients } from '../access/clientLookup';
import { ACCESS_LIFETIMES_SETTING, DEFAULT_ACCESS_LIFETIMES, type AccessLifetimes } from '../access/relationships';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { authenticate, requestContext } from './requestContext';

interface Deps {
  fhir: FhirService;
  tokens: TokenService;
  settings: SettingsStore;
}

const MAX_DAYS = 365;

function parseLifetimes(body: unknown): AccessLifetimes {
  const value = body as Partial<Record<keyof AccessLifetimes, unknown>> | null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('The body must be {"taskFollowUpDays","appointmentDays"}');
  const unknown = Object.keys(value).filter((k) => k !== 'taskFollowUpDays' && k !== 'appointmentDays' && k !== 'version');
  if (unknown.length > 0) throw badRequest(`Unknown properties: ${unknown.join(', ')}`);
  const days = (key: keyof AccessLifetimes): number => {
    const n = value[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_DAYS) throw badRequest(`${key} must be a whole number of days, 0–${MAX_DAYS}`, [key]);
    return n;
  };
  return { taskFollowUpDays: days('taskFollowUpDays'), appointmentDays: days('appointmentDays') };
}

/** Finding a client by name (reasoned, minimal) and how long care relationships last. */
export function registerClientRoutes(app: FastifyInstance, { fhir, tokens, settings }: Deps): void {
  app.get<{ Querystring: { name?: string; birthYear?: string } }>('/api/client-lookup', async (request) => ({
    clients: await lookUpClients(fhir, await requestContext(request, tokens), request.query),
  }));

  app.get('/api/admin/access-lifetimes', async (request) => {
    await authenticate(request, tokens);
    const stored = await settings.get<AccessLifetimes>(ACCESS_LIFETIMES_SETTING);
    return { ...(stored?.value ?? DEFAULT_ACCESS_LIFETIMES), version: stored?.version ?? 0 };
  });

  app.put('/api/admin/access-lifetimes', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators change how long access lasts');
    const value = parseLifetimes(request.body);
    const stored = await settings.put(ACCESS_LIFETIMES_SETTING, value, user.username);
    return { ...value, version: stored.version };
  });
}

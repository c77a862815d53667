import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import { guidanceQueue } from '../guidance/guidanceQueue';
import { guidanceStats } from '../guidance/guidanceStats';
import { hasRole } from '../auth/userContext';
import { forbidden } from '../fhir/outcomes';
import { authenticate, requestContext } from './requestContext';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  settings: GuidanceSettings;
}

/** Ovi's own operations around client guidance. */
export function registerGuidanceRoutes(app: FastifyInstance, { db, fhir, tokens, settings }: Deps): void {
  app.get('/api/guidance/queue', async (request) => ({ items: await guidanceQueue(db, fhir, await requestContext(request, tokens)) }));

  app.get('/api/guidance/stats', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'manager', 'admin')) throw forbidden('Figures are for managers');
    return guidanceStats(db);
  });

  app.get('/api/admin/routing-rules', async (request) => {
    await authenticate(request, tokens);
    return settings.routingRules();
  });

  app.put('/api/admin/routing-rules', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators change routing rules');
    return settings.replaceRoutingRules(request.body, user.username);
  });

  app.get('/api/admin/care-guarantee', async (request) => {
    await authenticate(request, tokens);
    return settings.careGuarantee();
  });

  app.put('/api/admin/care-guarantee', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators change care-guarantee rules');
    return settings.replaceCareGuarantee(request.body, user.username);
  });
}

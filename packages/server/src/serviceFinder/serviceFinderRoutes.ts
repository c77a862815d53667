import type { FastifyInstance } from 'fastify';
import { REGION_MUNICIPALITIES } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { PublicFormGuard } from '../helpRequests/publicFormGuard';
import { searchServices } from './searchServices';

/**
 * Searches per client address per hour. Generous on purpose: many residents can share one
 * address (a mobile operator's NAT, a library), and a person searching types a few words a
 * minute; the limit is there to stop one machine from running the full-text and trigram
 * search in a loop. Counted in the database like the public forms, so all processes count together.
 */
export const SEARCHES_PER_HOUR = 1200;
export const SEARCH_LIMIT_NAME = 'service-search';

/**
 * The service finder, open without logging in: the catalogue is public information about the
 * region's, NGOs' and parishes' services (no personal data), so a resident finds help at night
 * on a phone before any login. `GET /fhir/R4/HealthcareService` stays the FHIR way to the same data.
 */
export function registerServiceFinderRoutes(app: FastifyInstance, { db, guard }: { db: SqlExecutor; guard: PublicFormGuard }): void {
  app.get<{ Querystring: Record<string, unknown> }>('/api/services/search', async (request, reply) => {
    void reply.header('Cache-Control', 'no-store');
    await guard.claim(SEARCH_LIMIT_NAME, request.ip, { perHour: SEARCHES_PER_HOUR, minFillSeconds: 0 });
    return searchServices(db, request.query ?? {});
  });

  app.get('/api/services/municipalities', async () => ({ municipalities: REGION_MUNICIPALITIES }));
}

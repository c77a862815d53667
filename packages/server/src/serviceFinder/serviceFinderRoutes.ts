import type { FastifyInstance } from 'fastify';
import { REGION_MUNICIPALITIES } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { searchServices } from './searchServices';

/**
 * The service finder, open without logging in: the catalogue is public information about the
 * region's, NGOs' and parishes' services (no personal data), so a resident finds help at night
 * on a phone before any login. `GET /fhir/R4/HealthcareService` stays the FHIR way to the same data.
 */
export function registerServiceFinderRoutes(app: FastifyInstance, { db }: { db: SqlExecutor }): void {
  app.get<{ Querystring: Record<string, unknown> }>('/api/services/search', async (request, reply) => {
    void reply.header('Cache-Control', 'no-store');
    return searchServices(db, request.query ?? {});
  });

  app.get('/api/services/municipalities', async () => ({ municipalities: REGION_MUNICIPALITIES }));
}

import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import { consultationBox, consultationBoxCounts } from '../consultation/consultationBoxes';
import { requestContext } from './requestContext';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
}

/** A professional's consultation inbox and outbox across clients, and their counts for the navigation. */
export function registerConsultationRoutes(app: FastifyInstance, { db, fhir, tokens }: Deps): void {
  app.get<{ Querystring: Record<string, unknown> }>('/api/consultations', async (request) => consultationBox(db, fhir, await requestContext(request, tokens), request.query ?? {}));
  app.get('/api/consultations/counts', async (request) => consultationBoxCounts(db, fhir, await requestContext(request, tokens)));
}

import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/tokens';
import type { FhirService } from '../fhir/fhirService';
import { BundleProcessor, parseCreateOnly, type BundleLimits } from '../fhir/transaction';
import { conditionalUpdate, parseIfMatch } from '../fhir/conditionalUpdate';
import { assertConditionalUpdate } from '../fhir/interactions';
import type { Database } from '../db/database';
import { badRequest } from '../fhir/outcomes';
import { requestContext } from './requestContext';
import { parsePrefer, queryOf, send, sendWritten } from './fhirRoutes';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  limits: BundleLimits;
}

/**
 * `POST /fhir/R4` with a batch or transaction Bundle, and conditional update
 * (`PUT /fhir/R4/{type}?search`): see fhir/transaction.ts and decision 025.
 */
export function registerBundleRoutes(app: FastifyInstance, { db, fhir, tokens, limits }: Deps): void {
  const base = '/fhir/R4';
  const processor = new BundleProcessor(db, fhir, limits);

  // A bulk load is larger than one resource: its own body limit (413 beyond, as any too-large body).
  // Clients post to the base with or without its last slash (fhir-kit-client adds one).
  for (const path of [base, `${base}/`]) {
    app.post(path, { bodyLimit: limits.bodyLimit }, async (request, reply) => {
      const ctx = await requestContext(request, tokens);
      return send(reply, 200, await processor.process(ctx, request.body, parsePrefer(request.headers.prefer)));
    });
  }

  app.put<{ Params: { type: string } }>(`${base}/:type`, async (request, reply) => {
    const { type } = request.params;
    assertConditionalUpdate(type);
    const query = queryOf(request.url);
    if ([...query.keys()].length === 0) throw badRequest(`PUT ${base}/${type} needs a search (a conditional update, such as ?identifier=system|value) or an id in the path`);
    const noneMatch = request.headers['if-none-match'];
    const expectedVersion = parseIfMatch(request.headers['if-match']);
    const { resource, created } = await conditionalUpdate(fhir, await requestContext(request, tokens), type, query.toString(), request.body, {
      ...(expectedVersion ? { expectedVersion } : {}),
      createOnly: parseCreateOnly(Array.isArray(noneMatch) ? noneMatch.join(',') : noneMatch),
    });
    void reply.header('Location', `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`);
    return sendWritten(reply, created ? 201 : 200, resource, parsePrefer(request.headers.prefer));
  });
}

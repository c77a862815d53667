import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { SettingsStore } from '../settings/settingsStore';
import { requestContext } from '../http/requestContext';
import { badRequest } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { now as clockNow } from '../time/clock';
import { SharedPlans } from './sharedPlans';
import { AvainOutcomes } from './avainOutcomes';
import { raiseDueReviews } from './reviewTasks';
import { carePlanSettings } from './carePlanSettings';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  settings: SettingsStore;
  warn: (message: string) => void;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const checkId = (id: string) => {
  if (!FHIR_ID.test(id)) throw badRequest(`'${id.slice(0, 80)}' is not a valid plan id`);
  return id;
};
function ifMatch(request: FastifyRequest): string | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(String(header).trim());
  if (!match) throw badRequest('If-Match must be a version ETag such as W/"3"');
  return match[1];
}

/** The shared client plan and its AVAIN outcome over HTTP (docs/API.md, decision 031). */
export function registerCarePlanRoutes(app: FastifyInstance, { db, fhir, tokens, settings, warn }: Deps): SharedPlans {
  const ctx = (request: FastifyRequest) => requestContext(request, tokens);
  const raiseReviews = async (only?: string) => raiseDueReviews(db, fhir.store, clockNow(), (await carePlanSettings(settings, warn)).reviewLeadDays, only);
  const plans = new SharedPlans(db, fhir, async (plan) => {
    await raiseReviews(plan.id).catch((e: unknown) => warn(`plan review tasks failed: ${(e as Error).message}`));
  });
  const outcomes = new AvainOutcomes(db, fhir, settings, plans);

  // Reviews coming due as time passes are raised by the minute job (app.ts), not in queue reads.
  app.post('/api/care-plans', async (request, reply) => reply.code(201).send(await plans.create(await ctx(request), request.body)));
  app.get<{ Querystring: { patient?: string } }>('/api/care-plans', async (request) => {
    const context = await ctx(request);
    const patient = request.query?.patient ?? (context.user.roles.includes('resident') ? context.user.fhirUser : undefined);
    return { plans: await plans.forPatient(context, localReference(patient, ['Patient'], 'patient').reference) };
  });
  // Managers' aggregated change per service and method (before /:id so it is not read as an id).
  app.get('/api/care-plans/outcomes', async (request) => outcomes.aggregated(await ctx(request)));
  app.get<{ Params: { id: string } }>('/api/care-plans/:id', async (request) => plans.read(await ctx(request), checkId(request.params.id)));
  app.put<{ Params: { id: string } }>('/api/care-plans/:id', async (request) => plans.update(await ctx(request), checkId(request.params.id), request.body, ifMatch(request)));
  app.get<{ Params: { id: string } }>('/api/care-plans/:id/history', async (request) => ({ versions: await plans.history(await ctx(request), checkId(request.params.id)) }));
  app.post<{ Params: { id: string; index: string } }>('/api/care-plans/:id/activities/:index/status', async (request) => {
    if (!/^\d{1,3}$/.test(request.params.index)) throw badRequest('The action is given by its number', ['index']);
    const status = (request.body as { status?: unknown } | null)?.status;
    return plans.setActivityStatus(await ctx(request), checkId(request.params.id), Number(request.params.index), status, ifMatch(request));
  });
  app.post<{ Params: { id: string } }>('/api/care-plans/:id/comments', async (request, reply) =>
    reply.code(201).send(await plans.comment(await ctx(request), checkId(request.params.id), (request.body as { text?: unknown } | null)?.text)));
  app.get<{ Params: { id: string } }>('/api/care-plans/:id/outcome', async (request) => outcomes.outcome(await ctx(request), checkId(request.params.id)));
  app.post<{ Params: { id: string } }>('/api/care-plans/:id/outcome', async (request, reply) => reply.code(201).send(await outcomes.record(await ctx(request), checkId(request.params.id), request.body)));
  return plans;
}

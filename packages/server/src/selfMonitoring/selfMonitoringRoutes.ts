import type { FastifyInstance } from 'fastify';
import type { Observation } from '@medplum/fhirtypes';
import {
  MEASUREMENT_KINDS,
  isMeasurementContext,
  measurementObservation,
  measurementProblems,
  planGoal,
  type Measurement,
  type MeasurementKind,
  type Quantity,
  type Target,
} from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { SettingsStore } from '../settings/settingsStore';
import { requestContext } from '../http/requestContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { isStaff } from '../auth/userContext';
import { ownerReferences } from '../access/relationships';
import { openMonitoringWork } from '../storage/selfMonitoringReads';
import { localReference } from '../fhir/references';
import { now as clockNow } from '../time/clock';
import { problemsOutcome } from './measurementIntake';
import { MeasurementImport } from './measurementImport';
import { monitoringSummary } from './monitoringSummary';
import { lookForMissingMeasurements } from './missingMeasurements';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  settings: SettingsStore;
  warn: (message: string) => void;
}

/** A meter's export of a year of several readings a day is well under this. */
export const MAX_IMPORT_BYTES = 1_048_576;

/** Home self-monitoring over HTTP: recording, importing, charts' data, targets. */
export function registerSelfMonitoringRoutes(app: FastifyInstance, { db, fhir, tokens, settings, warn }: Deps): void {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, tokens);
  const importer = new MeasurementImport(db, fhir, settings);

  // A resident records a measurement in the web app: the same Observation a device app would
  // send, through the same checks, with what the value means now.
  app.post('/api/self-monitoring/measurements', async (request, reply) => {
    const context = await ctx(request);
    const measurement = measurementFromBody(request.body);
    const problems = measurementProblems(measurement, clockNow());
    if (problems.length > 0) throw problemsOutcome(problems, 'measurement');
    // Ovi gives the identifier (the hook), as for a device that sends none.
    // For oneself, or (a guardian, an authorised representative) for the client one acts for:
    // the create's access check decides, and anyone else's client answers 404 as if not there.
    const patient = patientOf(request.body) ?? context.user.fhirUser;
    const { identifier: _set, ...body }: Observation = measurementObservation(measurement, { patient, issued: clockNow().toISOString(), identifier: '-', language: languageOf(request.body) });
    const { resource, headers } = await fhir.create(context, 'Observation', body);
    return reply.code(201).send({
      observation: resource,
      finding: { severity: headers['X-Ovi-Finding'] ?? null, advice: headers['X-Ovi-Advice']?.split(',') ?? [] },
    });
  });

  // The team's open home-measurement work items: whom to look at (names are client data: audited).
  app.get('/api/self-monitoring/work', async (request) => {
    const context = await ctx(request);
    if (!isStaff(context.user)) throw forbidden('The work of the client’s team');
    await lookForMissingMeasurements(db, fhir.store, settings, clockNow()).catch((e: unknown) => warn(`looking for missing home measurements failed: ${(e as Error).message}`));
    const items = await openMonitoringWork(db, await ownerReferences(db, context.user));
    if (items.length > 0) await fhir.audit.record({ user: context.user, interaction: 'search', what: ['Task?code=self-monitoring'], patients: items.map((i) => i.patient), success: true, ...(context.address ? { address: context.address } : {}) });
    return { items };
  });

  app.get<{ Querystring: { patient?: string; days?: string } }>('/api/self-monitoring/summary', async (request) => monitoringSummary(fhir, await ctx(request), request.query ?? {}));

  // A professional sets the targets of one kind of measurement (a Goal, through the same checks as POST /fhir/R4/Goal).
  app.put('/api/self-monitoring/targets', async (request, reply) => {
    const context = await ctx(request);
    const b = (request.body ?? {}) as { patient?: string; kind?: string; targets?: unknown; everyDays?: unknown; team?: string };
    const patient = localReference(b.patient, ['Patient'], 'patient').reference;
    if (!MEASUREMENT_KINDS.includes(b.kind as MeasurementKind)) throw badRequest(`kind: one of ${MEASUREMENT_KINDS.join(', ')}`, ['kind']);
    if (!Array.isArray(b.targets)) throw badRequest('targets: a list of {quantity, low, high}', ['targets']);
    if (b.everyDays !== undefined && b.everyDays !== null && (typeof b.everyDays !== 'number' || !Number.isInteger(b.everyDays))) throw badRequest('everyDays: a whole number of days', ['everyDays']);
    const targets = (b.targets as Array<Record<string, unknown>>).map((t) => ({ quantity: t?.quantity as Quantity, ...(typeof t?.low === 'number' ? { low: t.low } : {}), ...(typeof t?.high === 'number' ? { high: t.high } : {}) }) as Target);
    const goal = planGoal({ kind: b.kind as MeasurementKind, targets, ...(b.everyDays ? { everyDays: b.everyDays as number } : {}), team: String(b.team ?? ''), start: '' }, patient, context.user.fhirUser);
    const { startDate: _start, ...withoutStart } = goal;
    const { resource } = await fhir.create(context, 'Goal', withoutStart);
    return reply.code(201).send(resource);
  });

  app.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));
    scope.post<{ Querystring: { dryRun?: string } }>('/api/self-monitoring/import', async (request) => {
      const dryRun = request.query?.dryRun;
      if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw badRequest('dryRun is true or false', ['dryRun']);
      if (typeof request.body !== 'string') throw badRequest('Send the file as text/csv', ['body']);
      return importer.run(await ctx(request), request.body, dryRun === 'true');
    });
  });
}

function languageOf(body: unknown): string {
  const language = (body as { language?: unknown } | null)?.language;
  return language === 'sv' || language === 'en' ? language : 'fi';
}

/** The web form's body as a measurement; its values are checked by measurementProblems. */
/** The client a measurement is for, when the body names one (`patient`: `Patient/<id>`). */
function patientOf(body: unknown): string | undefined {
  const named = (body ?? {}) as { patient?: unknown };
  if (named.patient === undefined) return undefined;
  if (typeof named.patient !== 'string') throw badRequest('patient: Patient/<id>', ['measurement.patient']);
  return localReference(named.patient, ['Patient'], 'measurement.patient').reference;
}

function measurementFromBody(body: unknown): Measurement {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.kind !== 'string' || !MEASUREMENT_KINDS.includes(b.kind as MeasurementKind)) throw badRequest(`kind: one of ${MEASUREMENT_KINDS.join(', ')}`, ['measurement.kind']);
  if (!b.values || typeof b.values !== 'object' || Array.isArray(b.values)) throw badRequest('values: an object such as {"systolic": 142, "diastolic": 91}', ['measurement.values']);
  const contexts = b.contexts ?? [];
  if (!Array.isArray(contexts)) throw badRequest('contexts: a list', ['measurement.contexts']);
  const bad = contexts.find((c) => !isMeasurementContext(c));
  if (bad !== undefined) throw badRequest(`Unknown context '${String(bad).slice(0, 40)}'`, ['measurement.contexts']);
  return { kind: b.kind as MeasurementKind, at: typeof b.at === 'string' ? b.at : clockNow().toISOString(), values: b.values as Measurement['values'], contexts };
}

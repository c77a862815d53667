import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Resource } from '@medplum/fhirtypes';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { ResolveTask } from '../guidance/resolveTask';
import type { AssessContact } from '../guidance/assessContact';
import type { BookAppointment } from '../scheduling/bookAppointment';
import type { AnswerConsultation } from '../consultation/answerConsultation';
import type { RecordVisitOutcome } from '../scheduling/visitOutcome';
import { findAppointments } from '../scheduling/findAppointments';
import type { SchedulingSettings } from '../scheduling/schedulingSettings';
import type { SegmentPatient } from '../segmentation/segmentPatient';
import { capabilityStatement } from '../fhir/capabilityStatement';
import { badRequest, notFound } from '../fhir/outcomes';
import { requestContext } from './requestContext';
import { assertAllowed, refusalForUnroutedPath } from '../fhir/interactions';
import { findOperationDefinition, OPERATIONS, operationDefinition } from '../fhir/operationDefinitions';
import { assertJsonWanted } from './fhirFormat';
import { applySubset, parseSubset, type Subset } from '../fhir/subsetting';
import { matchesNoneMatch, refuseCreateOnlyPut } from '../fhir/conditionalUpdate';
import { parseCreateOnly } from '../fhir/transaction';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

interface Deps {
  fhir: FhirService;
  tokens: TokenService;
  resolveTask: ResolveTask;
  assessContact: AssessContact;
  bookAppointment: BookAppointment;
  answerConsultation: AnswerConsultation;
  recordVisitOutcome: RecordVisitOutcome;
  schedulingSettings: SchedulingSettings;
  segmentPatient: SegmentPatient;
}

type Params = { type: string; id: string; vid: string; op: string };

/** The FHIR R4 REST API: HTTP in, plain calls to FhirService, HTTP out. */
export function registerFhirRoutes(app: FastifyInstance, { fhir, tokens, resolveTask, assessContact, bookAppointment, answerConsultation, recordVisitOutcome, schedulingSettings, segmentPatient }: Deps): void {
  const base = '/fhir/R4';
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, tokens);

  app.addHook('onRequest', async (request) => assertJsonWanted(request));

  // A real FHIR path with a method it does not take (DELETE, PATCH, PUT on a type without
  // update) is a 405 naming the methods that work: a 404 would tell a client "already gone".
  void app.register(
    async (scope) => {
      // Whatever the body (a JSON Patch, XML), the answer is about the method, not the body.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
      scope.setNotFoundHandler((request) => {
        const path = request.url.split('?', 1)[0] ?? '';
        throw refusalForUnroutedPath(request.method, path.slice(base.length)) ?? notFound(`No such endpoint: ${request.method} ${path}`);
      });
    },
    { prefix: base },
  );

  // The definitions of Ovi's operations, as the CapabilityStatement links them.
  app.get(`${base}/OperationDefinition`, async (request, reply) => {
    const baseUrl = `${request.protocol}://${request.host}${base}`;
    const entry = OPERATIONS.map((op) => operationDefinition(baseUrl, op)).map((resource) => ({ fullUrl: `${baseUrl}/OperationDefinition/${resource.id}`, resource, search: { mode: 'match' as const } }));
    return send(reply, 200, { resourceType: 'Bundle', type: 'searchset', total: entry.length, link: [{ relation: 'self', url: `${baseUrl}/OperationDefinition` }], entry });
  });
  app.get<{ Params: { id: string } }>(`${base}/OperationDefinition/:id`, async (request, reply) => {
    const definition = findOperationDefinition(`${request.protocol}://${request.host}${base}`, request.params.id);
    if (!definition) throw notFound(`OperationDefinition/${request.params.id.slice(0, 80)} was not found`);
    return send(reply, 200, definition);
  });

  app.get(`${base}/metadata`, async (request, reply) => send(reply, 200, capabilityStatement(`${request.protocol}://${request.host}${base}`)));

  app.get<{ Params: Params }>(`${base}/:type`, async (request, reply) => {
    return send(reply, 200, await fhir.search(await ctx(request), request.params.type, queryOf(request.url)));
  });

  app.post<{ Params: Params }>(`${base}/:type`, async (request, reply) => {
    assertAllowed(request.params.type, 'create', 'POST', 'type');
    const prefer = parsePrefer(request.headers.prefer);
    const condition = request.headers['if-none-exist'];
    if (Array.isArray(condition)) throw badRequest('Send one If-None-Exist header', ['If-None-Exist']);
    const { resource, headers, created } = condition !== undefined
      ? await fhir.createIfNoneExist(await ctx(request), request.params.type, request.body, condition)
      : { ...(await fhir.create(await ctx(request), request.params.type, request.body)), created: true };
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply.header('Location', `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`);
    // A conditional create that found its match answers 200 with it: nothing was created.
    return sendWritten(reply, created ? 201 : 200, resource, prefer);
  });

  app.post<{ Params: Params }>(`${base}/:type/:op`, async (request, reply) => {
    const { type, op } = request.params;
    if (!op.startsWith('$')) throw refusalForUnroutedPath('POST', `/${type}/${op}`) ?? notFound(`No such endpoint: POST ${base}/${type}/${op.slice(0, 80)}`);
    if (type === 'Appointment' && op === '$find') return send(reply, 200, await findAppointments(fhir, schedulingSettings, await ctx(request), request.body));
    if (type === 'Appointment' && op === '$book') return send(reply, 201, await bookAppointment.run(await ctx(request), request.body));
    throw notFound(`Operation ${op} is not defined on ${type}`);
  });

  // The add-to-calendar file of an appointment: read like the Appointment itself (access, audit).
  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>('/api/appointments/:id/calendar.ics', async (request, reply) => {
    const file = await bookAppointment.calendarFile(await ctx(request), checkId(request.params.id), request.query.lang);
    return reply.code(200).header('Content-Disposition', `attachment; filename="${file.filename}"`).header('Cache-Control', 'no-store').type('text/calendar; charset=utf-8').send(file.body);
  });

  app.get<{ Params: Params }>(`${base}/:type/:id`, async (request, reply) => {
    const refused = request.params.id.startsWith('$') ? refusalForUnroutedPath('GET', `/${request.params.type}/${request.params.id}`) : undefined;
    if (refused) throw refused;
    const subset = subsetOf(request.url);
    const resource = await fhir.read(await ctx(request), request.params.type, checkId(request.params.id));
    // The client's copy is current: 304 with the version, no body (the read is still checked and audited).
    const noneMatch = request.headers['if-none-match'];
    if (noneMatch !== undefined && matchesNoneMatch(Array.isArray(noneMatch) ? noneMatch.join(',') : noneMatch, resource.meta.versionId)) {
      return reply.code(304).header('ETag', `W/"${resource.meta.versionId}"`).send();
    }
    return send(reply, 200, applySubset(resource, subset));
  });

  app.put<{ Params: Params }>(`${base}/:type/:id`, async (request, reply) => {
    assertAllowed(request.params.type, 'update', 'PUT', 'instance');
    const expected = parseIfMatch(request.headers['if-match']);
    const prefer = parsePrefer(request.headers.prefer);
    const noneMatch = request.headers['if-none-match'];
    // If-None-Match: * asks to create only; Ovi never creates at a client's id, so it is refused.
    if (parseCreateOnly(Array.isArray(noneMatch) ? noneMatch.join(',') : noneMatch)) await refuseCreateOnlyPut(fhir, await ctx(request), request.params.type, checkId(request.params.id));
    return sendWritten(reply, 200, await fhir.update(await ctx(request), request.params.type, checkId(request.params.id), request.body, expected), prefer);
  });

  app.get<{ Params: Params }>(`${base}/:type/_history`, async (request, reply) => {
    assertAllowed(request.params.type, 'history-type', 'GET', 'type-history');
    return send(reply, 200, await fhir.typeHistory(await ctx(request), request.params.type, queryOf(request.url)));
  });

  app.get<{ Params: Params }>(`${base}/:type/:id/_history`, async (request, reply) => {
    assertAllowed(request.params.type, 'history-instance', 'GET', 'instance-history');
    return send(reply, 200, await fhir.history(await ctx(request), request.params.type, checkId(request.params.id), queryOf(request.url)));
  });

  app.get<{ Params: Params }>(`${base}/:type/:id/_history/:vid`, async (request, reply) => {
    assertAllowed(request.params.type, 'vread', 'GET', 'version');
    return send(reply, 200, await fhir.vread(await ctx(request), request.params.type, checkId(request.params.id), request.params.vid));
  });

  app.post<{ Params: Params }>(`${base}/:type/:id/:op`, async (request, reply) => {
    const { type, id, op } = request.params;
    if (type === 'Task' && op === '$assess') return send(reply, 200, await assessContact.run(await ctx(request), checkId(id), request.body));
    if (type === 'Task' && op === '$resolve') return send(reply, 200, await resolveTask.run(await ctx(request), checkId(id), request.body));
    if (type === 'Task' && op === '$answer') return send(reply, 200, await answerConsultation.run(await ctx(request), checkId(id), request.body));
    if (type === 'Appointment' && op === '$outcome') {
      return send(reply, 200, await recordVisitOutcome.run(await ctx(request), checkId(id), request.body, parseIfMatch(request.headers['if-match'])));
    }
    if (type === 'Patient' && op === '$segment') return send(reply, 201, await segmentPatient.run(await ctx(request), checkId(id), request.body));
    if (type === 'Appointment' && op === '$move') return send(reply, 201, await bookAppointment.move(await ctx(request), checkId(id), request.body));
    throw notFound(`Operation ${op} is not defined on ${type}`);
  });
}

export function send(reply: FastifyReply, status: number, body: Resource): FastifyReply {
  if (body.meta?.versionId) void reply.header('ETag', `W/"${body.meta.versionId}"`);
  if (body.meta?.lastUpdated) void reply.header('Last-Modified', new Date(body.meta.lastUpdated).toUTCString());
  return reply.code(status).type(FHIR_JSON).send(body);
}

export function queryOf(url: string): URLSearchParams {
  const at = url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
}

/** `_summary` and `_elements` on a read, as on a search. */
function subsetOf(url: string): Subset | undefined {
  const query = queryOf(url);
  let subset: Subset | undefined;
  for (const key of ['_summary', '_elements'] as const) {
    const value = query.get(key);
    if (value !== null) subset = { ...subset, ...parseSubset(key, value) };
  }
  return subset;
}

type ReturnPreference = 'minimal' | 'representation' | 'OperationOutcome';

/** RFC 7240 `Prefer: return=…` (R4 http.html#ops); anything else is the default, the resource. */
export function parsePrefer(raw: string | string[] | undefined): ReturnPreference {
  const header = Array.isArray(raw) ? raw.join(", ") : raw;
  const match = /(?:^|[;,\s])return=(minimal|representation|OperationOutcome)\b/.exec(header ?? '');
  return (match?.[1] as ReturnPreference | undefined) ?? 'representation';
}

/** A created or updated resource answered as the client preferred; the headers always say which version. */
export function sendWritten(reply: FastifyReply, status: number, resource: Resource, prefer: ReturnPreference): FastifyReply {
  void reply.header('Preference-Applied', `return=${prefer}`);
  if (prefer === 'representation') return send(reply, status, resource);
  if (resource.meta?.versionId) void reply.header('ETag', `W/"${resource.meta.versionId}"`);
  if (resource.meta?.lastUpdated) void reply.header('Last-Modified', new Date(resource.meta.lastUpdated).toUTCString());
  if (prefer === 'minimal') return reply.code(status).send();
  const text = `${resource.resourceType}/${resource.id} ${status === 201 ? 'created' : 'updated'} (version ${resource.meta?.versionId ?? '?'})`;
  return reply.code(status).type(FHIR_JSON).send({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: text, details: { text } }] });
}

function checkId(id: string): string {
  if (!FHIR_ID.test(id)) throw badRequest(`'${id.slice(0, 80)}' is not a valid FHIR id`);
  return id;
}

function parseIfMatch(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw badRequest('If-Match must be a version ETag such as W/"3"');
  return match[1];
}

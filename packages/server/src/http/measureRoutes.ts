/**
 * The managers' indicators over HTTP (decision 028): as FHIR (`Measure`, `$evaluate-measure`
 * answering a summary `MeasureReport`), as JSON for the dashboard, and as CSV. Managers and
 * administrators only; what is answered are counts that cannot be taken apart, never a person.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Parameters } from '@medplum/fhirtypes';
import { type Stratifier } from '@ovi/domain';
import type { Database } from '../db/database';
import type { TokenService } from '../auth/tokens';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { authenticate } from './requestContext';
import { findIndicator, INDICATOR_LIST, type Indicator } from '../measures/indicators';
import { measureReport, measureResource } from '../measures/measureResources';
import { measureRequest, type MeasureRequest } from '../measures/measureRequest';
import { previousOf } from '../figures/figurePeriod';
import { indicatorCsv } from '../measures/indicatorCsv';
import { demandCapacity } from '../measures/demandCapacity';
import { unitNames } from '../storage/indicatorCounts';
import { now as clockNow } from '../time/clock';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const EVALUATE_PARAMS = ['periodStart', 'periodEnd', 'reportType', 'unit', 'municipality', 'profession'];

interface Deps {
  db: Database;
  tokens: TokenService;
}

type Query = Record<string, string | string[] | undefined>;

export function registerMeasureRoutes(app: FastifyInstance, { db, tokens }: Deps): void {
  const base = '/fhir/R4';
  const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}${base}`;
  const managerOnly = async (request: FastifyRequest) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'manager', 'admin')) throw forbidden('Indicators are for managers');
    return user;
  };
  const indicatorOf = (id: string): Indicator => {
    const found = findIndicator(id);
    if (!found) throw notFound(`Measure/${id.slice(0, 64)} was not found`);
    return found;
  };
  /** Evaluates and labels units with their names (directory data, not personal). */
  const evaluate = async (indicator: Indicator, request: MeasureRequest) => {
    const published = await indicator.evaluate(db, request.period, request.filters, clockNow());
    const names = await unitNames(db, (published.strata.unit ?? []).map((s) => s.value));
    const label = (s: Stratifier, value: string) => (s === 'unit' ? names.get(value) : undefined);
    return { published, label, names };
  };
  const sendFhir = (reply: FastifyReply, body: unknown) => reply.code(200).type(FHIR_JSON).header('Cache-Control', 'no-store').send(body);

  app.get<{ Querystring: Query }>(`${base}/Measure`, async (request, reply) => {
    await managerOnly(request);
    const url = baseUrl(request);
    // The list is short and not searched; only _count (paging size) is taken.
    for (const name of Object.keys(request.query)) if (name !== '_count') throw badRequest(`Unknown search parameter '${name.slice(0, 40)}' for Measure: only _count`, [name.slice(0, 40)]);
    const count = request.query._count === undefined ? INDICATOR_LIST.length : Number(request.query._count);
    if (!Number.isSafeInteger(count) || count < 0) throw badRequest(`'_count' must be a whole number`, ['_count']);
    const entry = INDICATOR_LIST.slice(0, count).map((i) => ({ fullUrl: `${url}/Measure/${i.id}`, resource: measureResource(url, i.definition), search: { mode: 'match' as const } }));
    return sendFhir(reply, { resourceType: 'Bundle', type: 'searchset', total: INDICATOR_LIST.length, link: [{ relation: 'self', url: `${url}/Measure` }], entry });
  });

  app.get<{ Params: { id: string } }>(`${base}/Measure/:id`, async (request, reply) => {
    await managerOnly(request);
    return sendFhir(reply, measureResource(baseUrl(request), indicatorOf(request.params.id).definition));
  });

  const evaluateMeasure = async (request: FastifyRequest<{ Params: { id: string; op: string } }>, reply: FastifyReply, params: Query) => {
    if (request.params.op !== '$evaluate-measure') throw notFound(`Operation ${request.params.op.slice(0, 40)} is not defined on Measure`);
    await managerOnly(request);
    const indicator = indicatorOf(request.params.id);
    const parsed = measureRequest(params, EVALUATE_PARAMS);
    // Only a summary: an individual or subject-list report would name people.
    if (params.reportType !== undefined && params.reportType !== 'summary') throw badRequest(`'reportType' must be summary: reports about individuals are not given`, ['reportType']);
    const { published, label } = await evaluate(indicator, parsed);
    return sendFhir(reply, measureReport({ baseUrl: baseUrl(request), definition: indicator.definition, published, period: { start: parsed.period.from, end: parsed.period.to }, label, now: clockNow() }));
  };
  app.get<{ Params: { id: string; op: string }; Querystring: Query }>(`${base}/Measure/:id/:op`, async (request, reply) => evaluateMeasure(request, reply, request.query));
  app.post<{ Params: { id: string; op: string } }>(`${base}/Measure/:id/:op`, async (request, reply) => evaluateMeasure(request, reply, parametersOf(request.body)));

  // The catalogue and one indicator's figures for the dashboard, as plain JSON.
  app.get('/api/measures', async (request) => {
    await managerOnly(request);
    return { indicators: INDICATOR_LIST.map((i) => i.definition) };
  });

  // Demand and capacity per week and profession, with the queue at each week's end.
  app.get<{ Querystring: Query }>('/api/demand-capacity', async (request) => {
    await managerOnly(request);
    const parsed = measureRequest(request.query, ['periodStart', 'periodEnd', 'period', 'unit', 'municipality', 'profession'], clockNow());
    return { period: parsed.period, filters: parsed.filters, weeks: await demandCapacity(db, parsed.period, parsed.filters) };
  });

  app.get<{ Params: { file: string }; Querystring: Query }>('/api/measures/:file', async (request, reply) => {
    await managerOnly(request);
    const csv = /^(.+)\.csv$/.exec(request.params.file);
    const indicator = indicatorOf(csv ? (csv[1] as string) : request.params.file);
    const allowed = [...EVALUATE_PARAMS.filter((p) => p !== 'reportType'), 'period', ...(csv ? ['stratifier'] : [])];
    const parsed = measureRequest(request.query, allowed, clockNow());
    // The equal stretch just before, for the trend beside each figure (its whole only): read at
    // the same time as the period itself (each is one statement; with PostgreSQL, on another
    // connection and core).
    const before = csv ? undefined : previousOf(parsed.period);
    const [{ published, label, names }, previous] = await Promise.all([
      evaluate(indicator, parsed),
      before ? indicator.evaluate(db, before, parsed.filters, clockNow()) : undefined,
    ]);
    if (before && previous) {
      return { period: parsed.period, filters: parsed.filters, indicator: indicator.definition, ...published, unitNames: Object.fromEntries(names), previous: { period: { from: before.from, to: before.to }, total: previous.total } };
    }
    const body = indicatorCsv({ definition: indicator.definition, published, period: parsed.period, label, ...(parsed.stratifier ? { stratifier: parsed.stratifier } : {}) });
    const name = `${indicator.id}_${parsed.period.from}_${parsed.period.to}.csv`;
    return reply.code(200).type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${name}"`).header('Cache-Control', 'no-store').send(body);
  });
}

/** A Parameters body as query-like pairs (valueDate, valueString, valueCode); anything else is a 400. */
function parametersOf(body: unknown): Query {
  if (body === undefined || body === null) return {};
  const p = body as Parameters;
  if (typeof body !== 'object' || p.resourceType !== 'Parameters') throw badRequest('The body must be a Parameters resource');
  const out: Query = {};
  for (const param of p.parameter ?? []) {
    const value = param.valueDate ?? param.valueString ?? param.valueCode ?? param.valueDateTime;
    if (typeof param.name !== 'string' || typeof value !== 'string') throw badRequest(`Parameter '${String(param.name).slice(0, 40)}' needs a date, string or code value`, ['Parameters.parameter']);
    const existing = out[param.name];
    out[param.name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return out;
}

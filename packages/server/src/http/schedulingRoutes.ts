import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/tokens';
import type { ResourceStore } from '../storage/resourceStore';
import type { SchedulingSettings } from '../scheduling/schedulingSettings';
import type { SlotMaterializer } from '../scheduling/slotMaterializer';
import { ACCESS_PARTS, accessReport, type AccessPart } from '../scheduling/accessReport';
import { continuityReport } from '../scheduling/continuityReport';
import { periodOfQuery } from '../figures/figurePeriod';
import { now as clockNow } from '../time/clock';
import { scheduleView } from '../scheduling/scheduleView';
import { hasRole, isStaff } from '../auth/userContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { authenticate } from './requestContext';

interface Deps {
  tokens: TokenService;
  store: ResourceStore;
  settings: SchedulingSettings;
  materializer: SlotMaterializer;
}

/** Schedule templates (admins write, staff read), booking rules (everyone signed in) and access measures (managers). */
export function registerSchedulingRoutes(app: FastifyInstance, { tokens, store, settings, materializer }: Deps): void {
  app.get('/api/schedule-templates', async (request) => {
    const user = await authenticate(request, tokens);
    if (!isStaff(user) && !hasRole(user, 'admin', 'manager')) throw forbidden('Schedules are for staff');
    return { visitTypes: await settings.visitTypes(), templates: await settings.templates() };
  });

  app.put<{ Params: { id: string } }>('/api/schedule-templates/:id', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators change schedule templates');
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(request.params.id)) throw badRequest('Not a valid template id');
    const template = await settings.saveTemplate(request.params.id, request.body, user.username);
    return { template, slots: await materializer.materialize(template) };
  });

  app.get('/api/schedule-exceptions', async (request) => {
    const user = await authenticate(request, tokens);
    if (!isStaff(user) && !hasRole(user, 'admin', 'manager')) throw forbidden('Schedules are for staff');
    return { exceptions: await settings.exceptions() };
  });

  app.put<{ Params: { id: string } }>('/api/schedule-exceptions/:id', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators record absences and training');
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(request.params.id)) throw badRequest('Not a valid id');
    const exception = await settings.saveException(request.params.id, request.body, user.username);
    const template = await settings.templateOf(exception.practitioner);
    return { exception, slots: template ? await materializer.materialize(template) : undefined };
  });

  app.get<{ Querystring: { from?: string; to?: string; team?: string; location?: string } }>('/api/schedule-view', async (request) => {
    const user = await authenticate(request, tokens);
    if (!isStaff(user) && !hasRole(user, 'manager', 'admin')) throw forbidden('Schedules are for staff');
    return scheduleView(store, request.query);
  });

  // What the web needs to offer only what the rules allow (e.g. no "move" inside the notice).
  app.get('/api/scheduling/settings', async (request) => {
    await authenticate(request, tokens);
    const rules = await settings.bookingRules();
    return { cancelNoticeHours: rules.cancelNoticeHours, horizonDays: rules.horizonDays };
  });

  app.get('/api/visit-types', async (request) => {
    await authenticate(request, tokens);
    return { visitTypes: await settings.visitTypes() };
  });

  // T3 measured now; waiting times of the contacts that arrived in the period (`?period`, or `?from&to`).
  app.get<{ Querystring: Record<string, unknown> }>('/api/access/measures', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'manager', 'admin')) throw forbidden('Access measures are for managers');
    const now = clockNow();
    const { include, ...periodQuery } = request.query;
    const parts = accessParts(include);
    const period = periodOfQuery(periodQuery, now);
    return { period, ...(await accessReport(store, settings, { start: new Date(period.start), end: new Date(period.end) }, now, parts)) };
  });

  // Continuity of care (UPC, COCI, own-team share) over the visits realised in the period (decision 021).
  app.get<{ Querystring: Record<string, unknown> }>('/api/access/continuity', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'manager', 'admin')) throw forbidden('Continuity figures are for managers');
    const period = periodOfQuery(request.query, clockNow());
    return { period, ...(await continuityReport(store, { start: new Date(period.start), end: new Date(period.end) })) };
  });
}

/** `include`: one part of the access report ('t3' or 'waiting'); both when not given. */
function accessParts(include: unknown): readonly AccessPart[] {
  if (include === undefined) return ACCESS_PARTS;
  const part = ACCESS_PARTS.find((p) => p === include);
  if (!part) throw badRequest(`'include' must be given once, as one of ${ACCESS_PARTS.join(', ')}`, ['include']);
  return [part];
}

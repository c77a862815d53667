import type { FastifyInstance } from 'fastify';
import { registerOf, residentNotes } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import { GUIDANCE_SETTINGS, type GuidanceSettingName, type GuidanceSettings } from '../guidance/guidanceSettings';
import { guidanceQueue } from '../guidance/guidanceQueue';
import { ClaimContact } from '../guidance/claimContact';
import { guidanceStats } from '../guidance/guidanceStats';
import { periodOfQuery, previousOf, type FigurePeriod } from '../figures/figurePeriod';
import { now as clockNow } from '../time/clock';
import { listConfigurationGaps } from '../storage/configurationGapLog';
import { childrenInGuardianship } from '../access/guardians';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { ACCESS_LIFETIMES_SETTING } from '../access/relationships';
import { TEMPLATE_PREFIX } from '../scheduling/schedulingSettings';
import { authenticate, requestContext } from './requestContext';
import { ADMIN_SETTINGS } from '../settings/adminSettings';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  settings: GuidanceSettings;
}

/** Ovi's own operations around client guidance. */
export function registerGuidanceRoutes(app: FastifyInstance, { db, fhir, tokens, settings }: Deps): void {
  // One page of the work queue: `?page`, `pageSize`, filters `urgency`, `channel`, `profession`, `owner`, `claimed`.
  app.get<{ Querystring: Record<string, unknown> }>('/api/guidance/queue', async (request, reply) => {
    const page = await guidanceQueue(db, fhir, await requestContext(request, tokens), request.query ?? {});
    return reply.type('application/json; charset=utf-8').send(page);
  });

  // Taking a contact from the queue and giving it back (Task.owner, or routed work's claimed-by).
  const claims = new ClaimContact(db, fhir);
  for (const action of ['claim', 'release'] as const) {
    app.post<{ Params: { id: string } }>(`/fhir/R4/Task/:id/$${action}`, async (request, reply) => {
      const id = request.params.id;
      if (!FHIR_ID.test(id)) throw badRequest(`'${id.slice(0, 80)}' is not a valid FHIR id`);
      const task = await claims.run(await requestContext(request, tokens), id, request.body, action);
      void reply.header('ETag', `W/"${task.meta.versionId}"`);
      return reply.code(200).type('application/fhir+json; charset=utf-8').send(task);
    });
  }

  // The figures of a period (`?period=last-month` or `?from=2026-11-01&to=2026-11-30`), with
  // the period they cover and the same figures for the equal stretch just before.
  app.get<{ Querystring: Record<string, unknown> }>('/api/guidance/stats', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'manager', 'admin')) throw forbidden('Figures are for managers');
    const now = clockNow();
    const period = periodOfQuery(request.query, now);
    const previous = previousOf(period);
    const window = (p: FigurePeriod) => ({ start: new Date(p.start), end: new Date(p.end) });
    const [figures, before] = await Promise.all([guidanceStats(db, window(period), now), guidanceStats(db, window(previous), now)]);
    return { period, ...figures, previous: { period: previous, ...before } };
  });

  // The danger-sign screen with what to tell the resident for each sign, at once, before
  // sending and before logging in: no personal data, and nobody should wait for a login to see 112.
  app.get('/api/guidance/danger-signs', async () => {
    const [screen, whereToTurn] = await Promise.all([settings.safetyScreen(), settings.whereToTurn()]);
    return {
      questionLinkId: screen.questionLinkId,
      noneCode: screen.noneCode,
      signs: screen.signs.map((sign) => ({
        code: sign.code,
        label: sign.label,
        urgency: sign.urgency,
        notes: residentNotes({ advice: sign.advice, whereToTurn }),
      })),
      contacts: whereToTurn.contacts,
    };
  });

  // Whom a resident may send a contact about: themself and the children in their guardianship.
  app.get('/api/me/children', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'resident')) throw forbidden('Only residents have children on record here');
    return { children: await childrenInGuardianship(db, user.fhirUser) };
  });

  // The services a professional may choose in an assessment, with the register each belongs to.
  app.get('/api/guidance/services', async (request) => {
    await authenticate(request, tokens);
    return { services: settings.services().map((code) => ({ code, register: registerOf(code) })) };
  });

  app.get('/api/admin/configuration-gaps', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators see configuration gaps');
    return { gaps: await listConfigurationGaps(db) };
  });

  for (const name of Object.keys(GUIDANCE_SETTINGS) as GuidanceSettingName[]) {
    const path = `/api/admin/${GUIDANCE_SETTINGS[name]}`;
    app.get(path, async (request, reply) => {
      await authenticate(request, tokens);
      const current = await settings.get(name);
      void reply.header('ETag', `W/"${current.version}"`);
      return current;
    });

    // `?dryRun=true` checks the change and shows what it would do; nothing is stored.
    // `If-Match: W/"<version>"` (optional) refuses the change with 412 when someone saved meanwhile.
    app.put<{ Querystring: { dryRun?: string } }>(path, async (request, reply) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden(`Only administrators change the ${GUIDANCE_SETTINGS[name]}`);
      const dryRun = request.query.dryRun;
      if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw badRequest('dryRun must be true or false');
      if (dryRun === 'true') return settings.preview(name, request.body);
      const stored = await settings.replace(name, request.body, user.username, settingIfMatch(request.headers['if-match']));
      void reply.header('ETag', `W/"${stored.version}"`);
      return stored;
    });
  }

  // The versions of each setting an administrator changes, newest first with who and when, and
  // each version's value: configuration only, no client data. Schedule templates too.
  const histories: Array<{ path: string; label: string; stored: (params: Record<string, string>) => string; ownVersion: boolean }> = [
    ...[...Object.values(GUIDANCE_SETTINGS), ACCESS_LIFETIMES_SETTING, ...ADMIN_SETTINGS.map((s) => s.name)].map((stored) => ({ path: `/api/admin/${stored}/history`, label: stored, stored: () => stored, ownVersion: true })),
    { path: '/api/schedule-templates/:id/history', label: 'schedule template', stored: (params: Record<string, string>) => `${TEMPLATE_PREFIX}${params.id ?? ''}`, ownVersion: false },
  ];
  for (const history of histories) {
    const storedName = (params: Record<string, string>): string => {
      if (params.id !== undefined && !FHIR_ID.test(params.id)) throw badRequest('Not a valid template id');
      return history.stored(params);
    };
    app.get<{ Params: Record<string, string>; Querystring: { limit?: string; before?: string } }>(history.path, async (request) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden(`Only administrators see the history of the ${history.label}`);
      const limit = historyNumber(request.query.limit, 'limit', 200);
      const before = historyNumber(request.query.before, 'before');
      const name = storedName(request.params);
      const versions = await settings.history(name, { limit, before });
      // A known setting never saved has no versions yet; a template id that names none is not found.
      if (versions.length === 0 && before === undefined && !history.ownVersion) throw notFound(`No ${history.label} is stored under that name`);
      return { setting: name, versions };
    });
    app.get<{ Params: Record<string, string> }>(`${history.path}/:version`, async (request) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden(`Only administrators see the history of the ${history.label}`);
      const version = historyNumber(request.params.version, 'version');
      const found = version === undefined ? undefined : await settings.version(storedName(request.params), version);
      if (!found) throw notFound(`Version ${String(request.params.version).slice(0, 20)} of the ${history.label} was not found`);
      // A guidance setting answers its own version inside the value, as its GET does.
      const value = history.ownVersion && found.value !== null && typeof found.value === 'object' && !Array.isArray(found.value) ? { ...found.value, version: found.version } : found.value;
      return { ...found, value };
    });
  }
}

/** A whole number from the query or path (1 up to `max`); undefined when not given. */
export function historyNumber(text: string | undefined, name: string, max = 2_147_483_647): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > max) throw badRequest(`${name} must be a whole number from 1 to ${max}`);
  return Number(text);
}

/** The version an `If-Match` header names (`W/"3"`, `"3"` or `3`); undefined without one. */
export function settingIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?([1-9]\d{0,9}|0)"?\s*$/.exec(Array.isArray(header) ? (header[0] ?? '') : header);
  if (!match) throw badRequest('If-Match must be a version ETag such as W/"3"');
  return Number(match[1]);
}

import type { FastifyInstance } from 'fastify';
import { registerOf, residentNotes } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import { GUIDANCE_SETTINGS, type GuidanceSettingName, type GuidanceSettings } from '../guidance/guidanceSettings';
import { guidanceQueue } from '../guidance/guidanceQueue';
import { guidanceStats } from '../guidance/guidanceStats';
import { listConfigurationGaps } from '../storage/configurationGapLog';
import { childrenInGuardianship } from '../access/guardians';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { authenticate, requestContext } from './requestContext';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  settings: GuidanceSettings;
}

/** Ovi's own operations around client guidance. */
export function registerGuidanceRoutes(app: FastifyInstance, { db, fhir, tokens, settings }: Deps): void {
  app.get('/api/guidance/queue', async (request) => ({ items: await guidanceQueue(db, fhir, await requestContext(request, tokens)) }));

  app.get('/api/guidance/stats', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'manager', 'admin')) throw forbidden('Figures are for managers');
    return guidanceStats(db);
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
    app.get(path, async (request) => {
      await authenticate(request, tokens);
      return settings.get(name);
    });

    // `?dryRun=true` checks the change and shows what it would do; nothing is stored.
    app.put<{ Querystring: { dryRun?: string } }>(path, async (request) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden(`Only administrators change the ${GUIDANCE_SETTINGS[name]}`);
      const dryRun = request.query.dryRun;
      if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw badRequest('dryRun must be true or false');
      if (dryRun === 'true') return settings.preview(name, request.body);
      return settings.replace(name, request.body, user.username);
    });
  }
}

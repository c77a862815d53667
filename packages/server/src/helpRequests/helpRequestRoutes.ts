import type { FastifyInstance } from 'fastify';
import { parseHelpRequest } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden, invalidResource } from '../fhir/outcomes';
import { authenticate } from '../http/requestContext';
import { HelpRequestIntake } from './helpRequestIntake';
import type { HelpRequestSettingsStore } from './helpRequestSettings';
import { PublicFormGuard } from './publicFormGuard';

export const HELP_FORM = 'help-request';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  guidance: GuidanceSettings;
  settings: HelpRequestSettingsStore;
  guard: PublicFormGuard;
}

/**
 * The help button without logging in: `GET /api/help-requests/form` opens the form (a signed
 * token with the time), `POST /api/help-requests` sends it. Refusals are 400 (bad field, bot
 * checks) or 429 (too many from one address this hour); nothing is stored then.
 */
export function registerHelpRequestRoutes(app: FastifyInstance, { db, fhir, tokens, guidance, settings, guard }: Deps): void {
  const intake = new HelpRequestIntake(db, fhir, guidance);

  app.get('/api/help-requests/form', async (_request, reply) => {
    void reply.header('Cache-Control', 'no-store');
    return guard.issue(HELP_FORM);
  });

  app.post('/api/help-requests', async (request, reply) => {
    const { request: help, issues } = parseHelpRequest(request.body);
    if (!help) throw invalidResource(issues.map((i) => ({ severity: 'error', code: 'invalid', details: { text: i.message }, diagnostics: i.message, expression: [i.field] })));
    const current = await settings.get();
    const limits = { perHour: current.maxPerAddressPerHour, minFillSeconds: current.minFillSeconds };
    guard.checkForm(HELP_FORM, help.formToken, help.website, limits);
    await guard.claim(HELP_FORM, request.ip, limits);
    const answer = await intake.receive(help, current, request.ip);
    return reply.code(201).header('Cache-Control', 'no-store').send(answer);
  });

  app.get('/api/admin/help-request-settings', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators see the help-request settings');
    return settings.get();
  });

  app.put('/api/admin/help-request-settings', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators change the help-request settings');
    if (request.body === undefined) throw badRequest('The body must hold the settings');
    return settings.replace(request.body, user.username);
  });
}

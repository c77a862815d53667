import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import { badRequest } from '../fhir/outcomes';
import { authenticate, requestContext } from '../http/requestContext';
import type { HelpRequestSettingsStore } from '../helpRequests/helpRequestSettings';
import type { PublicFormGuard } from '../helpRequests/publicFormGuard';
import { NoticeIntake, senderOf } from './noticeIntake';
import { noticeQueue } from './noticeQueue';
import { NoticeActions } from './noticeActions';

export const NOTICE_FORM = 'social-notice';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  guidance: GuidanceSettings;
  /** The limits against bots are the help button's (one setting for the public forms). */
  limits: HelpRequestSettingsStore;
  guard: PublicFormGuard;
}

/**
 * Social-welfare contacts, child-welfare notifications and applications: sent with or without
 * logging in (`POST /api/social-notices`; without, through the public form's bot checks), and
 * listed for social-welfare staff with their legal deadlines (`GET /api/social-notices`).
 */
export function registerNoticeRoutes(app: FastifyInstance, { db, fhir, tokens, guidance, limits, guard }: Deps): void {
  const intake = new NoticeIntake(db, fhir, guidance);
  const actions = new NoticeActions(db, fhir);

  app.get('/api/social-notices/form', async (_request, reply) => {
    void reply.header('Cache-Control', 'no-store');
    return guard.issue(NOTICE_FORM);
  });

  app.post('/api/social-notices', async (request, reply) => {
    const user = request.headers.authorization ? await authenticate(request, tokens) : undefined;
    const sender = senderOf(user);
    const draft = intake.parse(request.body, sender);
    if (sender === 'public') {
      const settings = await limits.get();
      const guardLimits = { perHour: settings.maxPerAddressPerHour, minFillSeconds: settings.minFillSeconds };
      const { formToken, website } = botFields(request);
      guard.checkForm(NOTICE_FORM, formToken, website, guardLimits);
      await guard.claim(NOTICE_FORM, request.ip, guardLimits);
    }
    return reply.code(201).header('Cache-Control', 'no-store').send(await intake.receive(draft, user, request.ip));
  });

  app.get<{ Querystring: Record<string, unknown> }>('/api/social-notices', async (request) => {
    const unknown = Object.keys(request.query ?? {})[0];
    if (unknown !== undefined) throw badRequest(`Unknown parameter ${unknown.slice(0, 40)}: /api/social-notices takes none`);
    return noticeQueue(db, fhir, await requestContext(request, tokens));
  });

  // The social worker's same-day urgency assessment, then the decision (LSL 26 § / SHL 36 §).
  app.post<{ Params: { id: string } }>('/api/social-notices/:id/urgency', async (request) =>
    actions.assessUrgency(await requestContext(request, tokens), checkId(request.params.id), request.body),
  );
  app.post<{ Params: { id: string } }>('/api/social-notices/:id/decision', async (request) =>
    actions.decide(await requestContext(request, tokens), checkId(request.params.id), request.body),
  );
}

function botFields(request: FastifyRequest): { formToken: string; website: string } {
  const body = request.body as Record<string, unknown>;
  const formToken = typeof body.formToken === 'string' ? body.formToken : '';
  if (!formToken) throw badRequest('formToken is required when sending without logging in (GET /api/social-notices/form)', ['formToken']);
  return { formToken, website: typeof body.website === 'string' ? body.website : body.website === undefined ? '' : String(body.website) };
}

/** A FHIR id, else 400 before anything is read. */
function checkId(id: string): string {
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw badRequest('The notice id is not a valid id');
  return id;
}

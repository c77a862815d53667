import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/tokens';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { authenticate } from '../http/requestContext';
import { historyNumber, settingIfMatch } from '../http/guidanceRoutes';
import type { FeedbackAnswers } from './feedbackAnswers';
import type { FeedbackResultsService } from './feedbackResults';
import { FEEDBACK_RESPONSIBLE_SETTING, FEEDBACK_SURVEY_SETTING, type FeedbackSettings } from './feedbackSettings';

interface Deps {
  tokens: TokenService;
  answers: FeedbackAnswers;
  results: FeedbackResultsService;
  settings: FeedbackSettings;
}

/** Client feedback over HTTP: the survey by link (no login), the resident's pending surveys, results, handling, settings. */
export function registerFeedbackRoutes(app: FastifyInstance, { tokens, answers, results, settings }: Deps): void {
  // Static paths first in meaning; Fastify prefers them over `/:token` anyway.
  app.get('/api/feedback/pending', async (request) => answers.pending(await authenticate(request, tokens)));
  app.get<{ Params: { id: string } }>('/api/feedback/pending/:id', async (request) => answers.showOwn(await authenticate(request, tokens), request.params.id));
  app.post<{ Params: { id: string } }>('/api/feedback/pending/:id', async (request, reply) => {
    const stored = await answers.answerOwn(await authenticate(request, tokens), request.params.id, request.body);
    return reply.status(201).send(stored);
  });

  app.get('/api/feedback/scope', async (request) => results.scope(await authenticate(request, tokens)));
  app.get<{ Querystring: Record<string, unknown> }>('/api/feedback/results', async (request) => results.results(await authenticate(request, tokens), request.query ?? {}, request.ip));
  app.post<{ Params: { id: string } }>('/api/feedback/responses/:id/handled', async (request) => results.markHandled(await authenticate(request, tokens), request.params.id, request.ip));
  app.post<{ Params: { id: string } }>('/api/feedback/responses/:id/reply', async (request) => results.reply(await authenticate(request, tokens), request.params.id, request.body, request.ip));

  // The survey by its link: no login; the token is the only key (256 random bits, kept hashed).
  app.get<{ Params: { token: string } }>('/api/feedback/:token', async (request) => answers.showByToken(request.params.token));
  app.post<{ Params: { token: string } }>('/api/feedback/:token', async (request, reply) => {
    const stored = await answers.answerByToken(request.params.token, request.body);
    return reply.status(201).send(stored);
  });

  const edited = [
    { path: '/api/admin/feedback-survey', name: FEEDBACK_SURVEY_SETTING, read: () => settings.survey(), replace: settings.replaceSurvey.bind(settings) },
    { path: '/api/admin/feedback-responsible', name: FEEDBACK_RESPONSIBLE_SETTING, read: () => settings.responsible(), replace: settings.replaceResponsible.bind(settings) },
  ];
  for (const setting of edited) {
    app.get(setting.path, async (request, reply) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden('Only administrators see the feedback settings');
      const current = await setting.read();
      void reply.header('ETag', `W/"${current.version}"`);
      return current;
    });
    // `If-Match: W/"<version>"` refuses the change with 412 when someone saved meanwhile.
    app.put(setting.path, async (request, reply) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden('Only administrators change the feedback settings');
      const stored = await setting.replace(request.body, user.username, settingIfMatch(request.headers['if-match']));
      void reply.header('ETag', `W/"${stored.version}"`);
      return stored;
    });
    app.get<{ Querystring: { limit?: string; before?: string } }>(`${setting.path}/history`, async (request) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden('Only administrators see the history of the feedback settings');
      const limit = historyNumber(request.query.limit, 'limit', 200);
      const before = historyNumber(request.query.before, 'before');
      return { setting: setting.name, versions: await settings.history(setting.name, { limit, before }) };
    });
    app.get<{ Params: { version: string } }>(`${setting.path}/history/:version`, async (request) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden('Only administrators see the history of the feedback settings');
      const version = historyNumber(request.params.version, 'version');
      if (version === undefined) throw badRequest('version is required');
      const found = await settings.version(setting.name, version);
      if (!found) throw notFound(`Version ${version} was not found`);
      // Each version answers with its own version inside the value, as the GET does.
      return { ...found, value: { ...(found.value as object), version: found.version } };
    });
  }
}

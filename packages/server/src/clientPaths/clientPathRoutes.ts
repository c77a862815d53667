import type { FastifyInstance } from 'fastify';
import type { Language } from '@ovi/domain';
import type { TokenService } from '../auth/tokens';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { authenticate } from '../http/requestContext';
import { historyNumber, settingIfMatch } from '../http/guidanceRoutes';
import type { SettingsStore } from '../settings/settingsStore';
import { CLIENT_PATHS_SETTING, type ClientPathStore } from './clientPathStore';

interface Deps {
  paths: ClientPathStore;
  settings: SettingsStore;
  tokens: TokenService;
}

const PATH_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function languageOf(query: Record<string, unknown>, allowed: readonly string[] = ['lang']): Language {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw badRequest(`Unknown parameter ${unknown[0]?.slice(0, 40) ?? ''}: use lang`);
  const lang = query.lang ?? 'fi';
  if (lang !== 'fi' && lang !== 'sv' && lang !== 'en') throw badRequest('lang must be fi, sv or en');
  return lang;
}

async function requireAdmin(request: Parameters<typeof authenticate>[0], tokens: TokenService, what: string) {
  const user = await authenticate(request, tokens);
  if (!hasRole(user, 'admin')) throw forbidden(`Only administrators ${what} the client paths`);
  return user;
}

/** Client paths: read without logging in (general information), changed by administrators. */
export function registerClientPathRoutes(app: FastifyInstance, { paths, settings, tokens }: Deps): void {
  app.get<{ Querystring: Record<string, unknown> }>('/api/client-paths', async (request) => {
    const lang = languageOf(request.query ?? {});
    const { value } = await paths.current();
    return { paths: value.paths.map((p) => ({ id: p.id, title: p.title[lang], summary: p.summary[lang] })) };
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/api/client-paths/:id', async (request) => {
    const lang = languageOf(request.query ?? {});
    const id = request.params.id;
    const path = PATH_ID.test(id) ? (await paths.current()).value.paths.find((p) => p.id === id) : undefined;
    if (!path) throw notFound('No client path has that id');
    return paths.show(path, lang);
  });

  app.get('/api/admin/client-paths', async (request, reply) => {
    await requireAdmin(request, tokens, 'edit');
    const current = await paths.current();
    void reply.header('ETag', `W/"${current.version}"`);
    return { ...current.value, version: current.version };
  });

  // `If-Match: W/"<version>"` refuses the change with 412 when someone saved meanwhile.
  app.put('/api/admin/client-paths', async (request, reply) => {
    const user = await requireAdmin(request, tokens, 'change');
    const stored = await paths.replace(request.body, user.username, settingIfMatch(request.headers['if-match']));
    void reply.header('ETag', `W/"${stored.version}"`);
    return { ...stored.value, version: stored.version };
  });

  // One draft path as the resident would see it (`?lang=`), checked as a save would be; nothing stored.
  app.post<{ Querystring: Record<string, unknown> }>('/api/admin/client-paths/preview', async (request) => {
    await requireAdmin(request, tokens, 'preview');
    return paths.preview(request.body, languageOf(request.query ?? {}));
  });

  app.get<{ Querystring: { limit?: string; before?: string } }>('/api/admin/client-paths/history', async (request) => {
    await requireAdmin(request, tokens, 'see the history of');
    const versions = await settings.history(CLIENT_PATHS_SETTING, { limit: historyNumber(request.query.limit, 'limit', 200), before: historyNumber(request.query.before, 'before') });
    return { setting: CLIENT_PATHS_SETTING, versions };
  });

  app.get<{ Params: { version: string } }>('/api/admin/client-paths/history/:version', async (request) => {
    await requireAdmin(request, tokens, 'see the history of');
    const version = historyNumber(request.params.version, 'version');
    const found = version === undefined ? undefined : await settings.version(CLIENT_PATHS_SETTING, version);
    if (!found) throw notFound(`Version ${String(request.params.version).slice(0, 20)} of the client paths was not found`);
    return found;
  });
}

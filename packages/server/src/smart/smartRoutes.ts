import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { registrationProblems, type AppRegistration } from '@ovi/domain';
import type { Database } from '../db/database';
import type { Accounts } from '../auth/accounts';
import type { TokenService } from '../auth/tokens';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { authenticate } from '../http/requestContext';
import { purgeExpiredOidcState } from '../storage/oidcStateStore';
import { SmartAppStore } from '../storage/smartAppStore';
import { appTokenCheck } from './appTokens';
import { createProvider, OAUTH_PREFIX, offlineAccessAsksConsent, providerKeys } from './oidcProvider';
import { smartConfiguration } from './smartConfiguration';
import { registerInteractionRoutes } from './interactionRoutes';
import { installAppCors } from './appCors';
import { RegionSignIn } from './regionSignIn';
import { registerWebSessionRoutes } from './webSession';
import { WEB_CLIENT_ID } from './webClient';
import { messagePage } from './interactionPages';
import { pageLanguage, TEXTS } from './interactionTexts';
import type { RegionSignInConfig } from '../config';

const MAX_ORIGINS = 8;
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * One provider per public origin (its issuer is `<origin>/oauth`), built when first asked.
 * With OVI_PUBLIC_URL there is exactly one; without it the origin of the request, so a laptop
 * and a test server on a random port work too. Built from the database alone, so every process
 * builds the same one.
 */
export class SmartProviders {
  private readonly providers = new Map<string, Promise<Provider>>();

  constructor(
    private readonly db: Database,
    private readonly accounts: Pick<Accounts, 'activeUser'>,
    private readonly publicUrl?: string,
  ) {}

  originOf(request: FastifyRequest): string {
    return this.publicUrl ? new URL(this.publicUrl).origin : `${request.protocol}://${request.host}`;
  }

  forRequest(request: FastifyRequest): Promise<Provider> {
    const origin = this.originOf(request);
    let provider = this.providers.get(origin);
    if (!provider) {
      if (this.providers.size >= MAX_ORIGINS) this.providers.clear();
      provider = providerKeys(this.db).then((keys) => createProvider(origin, this.db, this.accounts, keys));
      provider.catch(() => this.providers.delete(origin));
      this.providers.set(origin, provider);
    }
    return provider;
  }
}

interface Deps {
  db: Database;
  accounts: Accounts;
  tokens: TokenService;
  publicUrl?: string;
  regionSignIn?: RegionSignInConfig;
}

/** SMART on FHIR: discovery, the OpenID provider under /oauth, its log-in pages, app registration and CORS (decision 027). */
export async function registerSmartRoutes(app: FastifyInstance, { db, accounts, tokens, publicUrl, regionSignIn }: Deps): Promise<void> {
  const providers = new SmartProviders(db, accounts, publicUrl);
  const apps = new SmartAppStore(db);
  tokens.useAppTokens(appTokenCheck(db, accounts));
  await installAppCors(app, apps);

  for (const path of ['/.well-known/smart-configuration', '/fhir/R4/.well-known/smart-configuration']) {
    app.get(path, async (request) => smartConfiguration(providers.originOf(request)));
  }
  // OpenID discovery at the root too; the provider's own is under its issuer (/oauth/.well-known/…).
  app.get('/.well-known/openid-configuration', async (request, reply) => pass(await providers.forRequest(request), request, reply, `${OAUTH_PREFIX}/.well-known/openid-configuration`));

  const region = regionSignIn ? new RegionSignIn(regionSignIn, db, accounts) : undefined;
  registerInteractionRoutes(app, { providers, accounts, ...(region ? { region } : {}) });
  registerWebSessionRoutes(app, { db, accounts, tokens, regionSignIn: region !== undefined });
  if (region) {
    // The region's provider sends the browser back here (register this address there); the interaction finishes on its own page.
    app.get('/oauth/region/callback', async (request, reply) => {
      const done = await region.finish(new URL(request.url, RegionSignIn.callbackUrl(providers.originOf(request))), request.ip);
      if (!done) {
        const lang = pageLanguage(request.headers['accept-language']);
        return reply.code(400).type('text/html; charset=utf-8').send(messagePage(lang, TEXTS[lang].loginTitle, TEXTS[lang].expired));
      }
      return reply.code(303).redirect(`${OAUTH_PREFIX}/interaction/${encodeURIComponent(done.uid)}/region-done?result=${done.key}`);
    });
  }
  await app.register(
    async (scope) => {
      // The provider reads its own bodies: Fastify leaves the request stream untouched.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
      scope.all('/*', async (request, reply) => pass(await providers.forRequest(request), request, reply, request.url));
      scope.all('/', async (request, reply) => pass(await providers.forRequest(request), request, reply, request.url));
    },
    { prefix: OAUTH_PREFIX },
  );

  registerAppAdminRoutes(app, tokens, apps);

  const purge = setInterval(() => void purgeExpiredOidcState(db).catch((e: unknown) => app.log.warn(`purging expired OpenID state failed: ${(e as Error).message}`)), PURGE_EVERY_MS);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));
}

/** Hands the raw request to the provider as if it were mounted at /oauth (Express-style `originalUrl`). */
function pass(provider: Provider, request: FastifyRequest, reply: FastifyReply, url: string): void {
  const raw = request.raw as IncomingMessage & { originalUrl?: string };
  const asked = offlineAccessAsksConsent(request.method, url);
  raw.originalUrl = asked;
  raw.url = asked.slice(OAUTH_PREFIX.length) || '/';
  void reply.hijack();
  provider.callback()(raw, reply.raw);
}

/** `GET/PUT/DELETE /api/admin/smart-apps[/:clientId]`: administrators register apps. */
function registerAppAdminRoutes(app: FastifyInstance, tokens: TokenService, apps: SmartAppStore): void {
  const admin = async (request: FastifyRequest) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators register SMART apps');
    return user;
  };
  app.get('/api/admin/smart-apps', async (request) => {
    await admin(request);
    return apps.list();
  });
  app.put<{ Params: { clientId: string } }>('/api/admin/smart-apps/:clientId', async (request) => {
    const user = await admin(request);
    const body = { ...(request.body as object), clientId: request.params.clientId };
    const problems = registrationProblems(body);
    if (problems.length > 0) throw badRequest(problems.join('; '));
    if (request.params.clientId === WEB_CLIENT_ID) throw badRequest(`${WEB_CLIENT_ID} is Ovi's own web app, registered by the server itself`);
    const registration = body as AppRegistration;
    await apps.save({ clientId: registration.clientId, name: registration.name.trim(), redirectUris: registration.redirectUris, origins: registration.origins }, user.username);
    return apps.find(registration.clientId);
  });
  app.delete<{ Params: { clientId: string } }>('/api/admin/smart-apps/:clientId', async (request, reply) => {
    await admin(request);
    if (!(await apps.remove(request.params.clientId))) throw notFound('No such app');
    return reply.code(204).send();
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionDetails } from 'oidc-provider';
import { parseResourceScope } from '@ovi/domain';
import type { Accounts } from '../auth/accounts';
import { hasRole } from '../auth/userContext';
import { badRequest, FhirError } from '../fhir/outcomes';
import { consentPage, loginPage, messagePage } from './interactionPages';
import { pageLanguage, TEXTS, type PageLanguage } from './interactionTexts';
import { OAUTH_PREFIX } from './oidcProvider';
import type { SmartProviders } from './smartRoutes';
import type { RegionSignIn } from './regionSignIn';
import { WEB_CLIENT_ID, webLoginUrl } from './webClient';

const FORM_LIMIT = 4096;

interface Deps {
  providers: SmartProviders;
  accounts: Accounts;
  /** Staff sign-in through the region's identity provider, when configured. */
  region?: RegionSignIn;
}

/** The page's own Content-Security-Policy: the form may lead on to the app's redirect URI, nowhere else. */
const pagePolicies = new WeakMap<FastifyRequest, string>();

/**
 * The log-in and consent pages of the OpenID provider: plain server-rendered forms (no script),
 * in Finnish, Swedish or English by Accept-Language. The log-in is Ovi's own (same password
 * check, failure limits and audit records as the web app's); the consent lists what the app
 * asks in plain words.
 */
export function registerInteractionRoutes(app: FastifyInstance, { providers, accounts, region }: Deps): void {
  const regionHref = (uid: string) => (region ? `${OAUTH_PREFIX}/interaction/${uid}/region` : undefined);
  void app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
      // The web app's own log-in screen sends JSON (and gets JSON back), see webLogin below.
      scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
        try {
          done(null, JSON.parse(body as string) as unknown);
        } catch {
          done(badRequest('The request body is not valid JSON'), undefined);
        }
      });
      scope.addHook('onSend', async (request, reply) => {
        const policy = pagePolicies.get(request);
        if (policy) void reply.header('Content-Security-Policy', policy);
      });

      scope.get<{ Params: { uid: string } }>('/:uid', async (request, reply) => {
        const lang = pageLanguage(request.headers['accept-language']);
        const found = await interaction(providers, request, reply, lang);
        if (!found) return reply;
        const { details, appName } = found;
        // The web app's log-in is its own screen (translated, tested), which posts back here as JSON.
        if (details.params.client_id === WEB_CLIENT_ID) return reply.code(303).redirect(webLoginUrl(details.uid));
        if (details.prompt.name === 'login') return html(reply, 200, loginPage(lang, `${OAUTH_PREFIX}/interaction/${details.uid}/login`, appName, undefined, '', regionHref(details.uid)));
        return showConsent(reply, lang, details, appName, accounts);
      });

      scope.post<{ Params: { uid: string }; Body: Record<string, string> }>('/:uid/login', async (request, reply) => {
        if (String(request.headers['content-type'] ?? '').startsWith('application/json')) return webLogin(providers, accounts, request, reply);
        const lang = pageLanguage(request.headers['accept-language']);
        const found = await interaction(providers, request, reply, lang);
        if (!found) return reply;
        const { provider, details, appName } = found;
        const username = String(request.body?.username ?? '').slice(0, 200);
        const password = String(request.body?.password ?? '').slice(0, 1000);
        const action = `${OAUTH_PREFIX}/interaction/${details.uid}/login`;
        try {
          const user = await accounts.authenticate(username, password, request.ip);
          const to = await provider.interactionResult(request.raw, reply.raw, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
          return reply.code(303).redirect(to);
        } catch (error) {
          if (!(error instanceof FhirError) || (error.status !== 401 && error.status !== 429)) throw error;
          const seconds = (error as { retryAfter?: number }).retryAfter;
          if (seconds) void reply.header('Retry-After', String(seconds));
          const message = error.status === 429 ? TEXTS[lang].tooMany(seconds ?? 1) : TEXTS[lang].wrongCredentials;
          return html(reply, error.status, loginPage(lang, action, appName, message, username, regionHref(details.uid)));
        }
      });

      // Sign-in at the region: there and back (smartRoutes.ts takes the callback), then the log-in is finished here.
      scope.get<{ Params: { uid: string } }>('/:uid/region', async (request, reply) => {
        const lang = pageLanguage(request.headers['accept-language']);
        const found = region && (await interaction(providers, request, reply, lang));
        if (!found || !region) return reply.sent ? reply : html(reply, 404, messagePage(lang, TEXTS[lang].loginTitle, TEXTS[lang].expired));
        return reply.code(303).redirect(await region.start(providers.originOf(request), found.details.uid));
      });
      scope.get<{ Params: { uid: string }; Querystring: { result?: string } }>('/:uid/region-done', async (request, reply) => {
        const lang = pageLanguage(request.headers['accept-language']);
        const found = region && (await interaction(providers, request, reply, lang));
        if (!found || !region) return reply.sent ? reply : html(reply, 404, messagePage(lang, TEXTS[lang].loginTitle, TEXTS[lang].expired));
        const { provider, details, appName } = found;
        const result = await region.result(String(request.query.result ?? ''), details.uid);
        if (!result?.accountId && details.params.client_id === WEB_CLIENT_ID) {
          // The web app shows why on its own log-in screen (its callback reads the description).
          const why = result?.refused === 'no-account' ? 'region-no-account' : 'region-failed';
          const to = await provider.interactionResult(request.raw, reply.raw, { error: 'access_denied', error_description: why }, { mergeWithLastSubmission: false });
          return reply.code(303).redirect(to);
        }
        if (!result?.accountId) {
          const message = result?.refused === 'no-account' ? TEXTS[lang].regionRefused : TEXTS[lang].regionFailed;
          return html(reply, result?.refused === 'no-account' ? 403 : 400, loginPage(lang, `${OAUTH_PREFIX}/interaction/${details.uid}/login`, appName, message, '', regionHref(details.uid)));
        }
        const to = await provider.interactionResult(request.raw, reply.raw, { login: { accountId: result.accountId } }, { mergeWithLastSubmission: false });
        return reply.code(303).redirect(to);
      });

      scope.post<{ Params: { uid: string }; Body: Record<string, string> }>('/:uid/consent', async (request, reply) => {
        const lang = pageLanguage(request.headers['accept-language']);
        const found = await interaction(providers, request, reply, lang);
        if (!found) return reply;
        const { provider, details } = found;
        const accountId = details.session?.accountId;
        if (details.prompt.name !== 'consent' || !accountId) return html(reply, 400, messagePage(lang, TEXTS[lang].loginTitle, TEXTS[lang].expired));
        if (request.body?.decision !== 'allow') {
          const to = await provider.interactionResult(request.raw, reply.raw, { error: 'access_denied', error_description: 'The user did not allow the app' }, { mergeWithLastSubmission: false });
          return reply.code(303).redirect(to);
        }
        const user = await accounts.activeUser(accountId);
        if (!user) return html(reply, 400, messagePage(lang, TEXTS[lang].loginTitle, TEXTS[lang].expired));
        const grantId = await saveGrant(provider, details, accountId, hasRole(user, 'resident'));
        const to = await provider.interactionResult(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return reply.code(303).redirect(to);
      });
    },
    { prefix: `${OAUTH_PREFIX}/interaction` },
  );
}

/**
 * The web app's log-in (its own React screen is the provider's log-in for `ovi-web`): JSON in,
 * JSON out, the same checks, limits, 429s and audit records as `POST /auth/login`. Answers
 * where the browser goes on to (the provider's resume, which redirects to the web app's
 * callback with the code).
 */
async function webLogin(providers: SmartProviders, accounts: Accounts, request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
  const provider = await providers.forRequest(request);
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    throw badRequest('The sign-in has expired; start again');
  }
  if (details.uid !== request.params.uid || details.params.client_id !== WEB_CLIENT_ID || details.prompt.name !== 'login') {
    throw badRequest('The sign-in has expired; start again');
  }
  const body = request.body as { username?: unknown; password?: unknown } | undefined;
  if (typeof body?.username !== 'string' || typeof body.password !== 'string' || !body.username || body.username.length > 100 || body.password.length > 200) {
    throw badRequest('Send JSON {"username": "...", "password": "..."}');
  }
  const user = await accounts.authenticate(body.username, body.password, request.ip);
  const location = await provider.interactionResult(request.raw, reply.raw, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
  return reply.code(200).send({ location });
}

/** The interaction of the request, with its app; an expired or foreign one gets a plain page. */
async function interaction(providers: SmartProviders, request: FastifyRequest, reply: FastifyReply, lang: PageLanguage) {
  const provider = await providers.forRequest(request);
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    await html(reply, 400, messagePage(lang, TEXTS[lang].loginTitle, TEXTS[lang].expired));
    return undefined;
  }
  if (details.uid !== (request.params as { uid: string }).uid) {
    await html(reply, 400, messagePage(lang, TEXTS[lang].loginTitle, TEXTS[lang].expired));
    return undefined;
  }
  const client = details.params.client_id ? await provider.Client.find(details.params.client_id) : undefined;
  const redirectOrigins = (client?.redirectUris ?? []).map((uri) => new URL(uri).origin);
  pagePolicies.set(request, `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${[...new Set(redirectOrigins)].join(' ')}; frame-ancestors 'none'; base-uri 'none'`);
  return { provider, details, appName: client?.clientName ?? details.params.client_id ?? '' };
}

/** The scopes the app asked for and has not been granted yet. */
function askedScopes(details: InteractionDetails): { openid: string[]; resources: Record<string, string[]> } {
  const d = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
  return { openid: d.missingOIDCScope ?? [], resources: d.missingResourceScopes ?? {} };
}

/** Staff get no patient context here (there is no patient picker): patient scopes are left out of their grant. */
function grantable(scopes: string[], resident: boolean): string[] {
  return resident ? scopes : scopes.filter((s) => s !== 'launch/patient' && parseResourceScope(s)?.context !== 'patient');
}

async function showConsent(reply: FastifyReply, lang: PageLanguage, details: InteractionDetails, appName: string, accounts: Accounts) {
  const user = details.session?.accountId ? await accounts.activeUser(details.session.accountId) : undefined;
  if (!user) return html(reply, 400, messagePage(lang, TEXTS[lang].loginTitle, TEXTS[lang].expired));
  const asked = askedScopes(details);
  const all = [...asked.openid, ...Object.values(asked.resources).flat()];
  const resident = hasRole(user, 'resident');
  const shown = grantable(all, resident);
  return html(reply, 200, consentPage(lang, `${OAUTH_PREFIX}/interaction/${details.uid}/consent`, appName, user.name, [...new Set(shown)], shown.length < all.length));
}

async function saveGrant(provider: Provider, details: InteractionDetails, accountId: string, resident: boolean): Promise<string> {
  const clientId = details.params.client_id ?? '';
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const asked = askedScopes(details);
  // What is not granted is recorded as refused, so the provider does not ask again.
  const openid = grantable(asked.openid, resident);
  if (openid.length > 0) grant.addOIDCScope(openid.join(' '));
  const refusedOpenid = asked.openid.filter((s) => !openid.includes(s));
  if (refusedOpenid.length > 0) grant.rejectOIDCScope(refusedOpenid.join(' '));
  const claims = (details.prompt.details as { missingOIDCClaims?: string[] }).missingOIDCClaims;
  if (claims && claims.length > 0) grant.addOIDCClaims(claims);
  for (const [resource, scopes] of Object.entries(asked.resources)) {
    const allowed = grantable(scopes, resident);
    if (allowed.length > 0) grant.addResourceScope(resource, allowed.join(' '));
    const refused = scopes.filter((s) => !allowed.includes(s));
    if (refused.length > 0) grant.rejectResourceScope(resource, refused.join(' '));
  }
  return grant.save();
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

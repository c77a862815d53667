import { interactionPolicy, type KoaContext } from 'oidc-provider';
import type { OidcPayload } from '../storage/oidcStateStore';

/** Ovi's own web app: a first-party public client of Ovi's provider, registered by the server itself (decision 035). */
export const WEB_CLIENT_ID = 'ovi-web';
/** The web app's log-in screen: the provider's log-in for this client (`?interaction=<uid>`). */
export const WEB_LOGIN_PATH = '/login';
/** Where the provider sends the web app's code (the web app's own route, on the server's own origin). */
export const WEB_CALLBACK_PATH = '/login/callback';

/** The web app's registration: one exact redirect URI on the provider's own origin, PKCE, no secret. */
export function webClientRegistration(origin: string): OidcPayload {
  return {
    client_id: WEB_CLIENT_ID,
    client_name: 'Ovi',
    redirect_uris: [`${origin}${WEB_CALLBACK_PATH}`],
    // The browser sends its Origin with the token request; the provider checks it per client.
    allowed_origins: [origin],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
}

export function webLoginUrl(uid: string): string {
  return `${WEB_LOGIN_PATH}?interaction=${encodeURIComponent(uid)}`;
}

interface PolicyContext {
  oidc: { client?: { clientId: string }; result?: { login?: unknown } };
}

/**
 * The provider's prompts, with one check more: the web app's sign-in always asks for the
 * password (or the region's sign-in) in this very interaction. A provider session left by an
 * app's log-in in the same browser must not sign the next person into the web app.
 */
export function interactionPolicyWithWebLogin(): unknown {
  const { base, Check } = interactionPolicy;
  const policy = base();
  policy.get('login').checks.push(
    new Check('ovi_web_login', 'The web app signs in afresh every time', 'login_required', (ctx: PolicyContext) =>
      ctx.oidc.client?.clientId === WEB_CLIENT_ID && !ctx.oidc.result?.login ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
    ),
  );
  return policy;
}

interface GrantContext extends KoaContext {
  oidc: {
    client: { clientId: string };
    account?: { accountId: string };
    result?: { consent?: { grantId?: string } };
    session: { grantIdFor(clientId: string): string | undefined };
    provider: { Grant: { find(id: string): Promise<unknown>; new (p: { accountId: string; clientId: string }): { addOIDCScope(s: string): void; save(): Promise<string> } } };
  } & KoaContext['oidc'];
}

/**
 * The provider's default (the grant of the consent just given, or the session's), and for the
 * web app a grant made on the spot: it is Ovi itself, so there is no consent screen. It grants
 * `openid` only; the web app's access comes from the session it is exchanged for (webSession.ts).
 */
export async function loadExistingGrant(ctx: GrantContext): Promise<unknown> {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
  if (grantId) return oidc.provider.Grant.find(grantId);
  if (oidc.client.clientId !== WEB_CLIENT_ID || !oidc.account) return undefined;
  const grant = new oidc.provider.Grant({ accountId: oidc.account.accountId, clientId: WEB_CLIENT_ID });
  grant.addOIDCScope('openid');
  await grant.save();
  return grant;
}

import type { Database } from '../db/database';
import type { Session } from '../auth/tokens';
import type { Accounts } from '../auth/accounts';
import { OidcStateStore } from '../storage/oidcStateStore';
import { WEB_CLIENT_ID } from './webClient';

/** The FHIR API's audience: every access token the provider issues names it (see oidcProvider.ts). */
export const FHIR_AUDIENCE_PATH = '/fhir/R4';

/** An access token as oidc-provider stores it (the fields the FHIR API reads). */
interface StoredAccessToken {
  accountId?: string;
  clientId?: string;
  scope?: string;
  aud?: string | string[];
  exp?: number;
  extra?: { patient?: string };
}

/**
 * Checks a SMART app's access token on each request: it must be in the database (revoked
 * tokens and those of a removed app are deleted), unexpired, for the FHIR API, and its account
 * must still exist and not be disabled. The user is then the account's own user context, so
 * Ovi's access rules apply unchanged, with the app's grant beside it.
 */
export function appTokenCheck(db: Database, accounts: Pick<Accounts, 'activeUser'>): (token: string) => Promise<Session | undefined> {
  const tokens = new OidcStateStore(db, 'AccessToken');
  return async (value) => {
    if (!/^[A-Za-z0-9_-]{20,200}$/.test(value)) return undefined;
    const stored = (await tokens.find(value)) as StoredAccessToken | undefined;
    // The web app's provider token is only exchanged for Ovi's session (webSession.ts), never used here.
    if (!stored?.accountId || !stored.clientId || stored.clientId === WEB_CLIENT_ID || typeof stored.exp !== 'number' || stored.exp * 1000 <= Date.now()) return undefined;
    const audiences = Array.isArray(stored.aud) ? stored.aud : [stored.aud];
    if (!audiences.some((aud) => typeof aud === 'string' && new URL(aud).pathname === FHIR_AUDIENCE_PATH)) return undefined;
    const user = await accounts.activeUser(stored.accountId);
    if (!user) return undefined;
    const patient = stored.extra?.patient;
    return { user: { ...user, app: { clientId: stored.clientId, scope: stored.scope ?? '', ...(patient ? { patient } : {}) } }, generation: -1 };
  };
}

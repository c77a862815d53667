import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import type { Accounts } from '../auth/accounts';
import { TOKEN_LIFETIME_SECONDS, type TokenService } from '../auth/tokens';
import { unauthorized } from '../fhir/outcomes';
import { bearerToken } from '../http/requestContext';
import { OidcStateStore } from '../storage/oidcStateStore';
import { WEB_CLIENT_ID } from './webClient';

const NOT_WEB = "Send the access token the web app's own sign-in (client ovi-web) has just received; it is used once";

interface StoredWebToken {
  accountId?: string;
  clientId?: string;
  grantId?: string;
  sessionUid?: string;
  exp?: number;
}

/**
 * The end of the web app's sign-in (decision 035): the access token the provider issued to
 * `ovi-web` is exchanged, once, for Ovi's own session token, so the web app keeps Ovi's full
 * rules, its log-out, expiry and audit exactly as with `POST /auth/login`. The provider's
 * token, grant and session are removed at the same moment: nothing of the sign-in outlives it
 * in the provider (an app opened later in the same browser asks for the password again).
 */
export function registerWebSessionRoutes(app: FastifyInstance, deps: { db: Database; accounts: Accounts; tokens: TokenService; regionSignIn: boolean }): void {
  const accessTokens = new OidcStateStore(deps.db, 'AccessToken');
  const grants = new OidcStateStore(deps.db, 'Grant');
  const sessions = new OidcStateStore(deps.db, 'Session');

  app.post('/auth/session', async (request) => {
    const value = bearerToken(request);
    if (!/^[A-Za-z0-9_-]{20,200}$/.test(value)) throw unauthorized(NOT_WEB);
    // Looked at before it is taken: an app's token presented here is refused and left alone.
    const seen = (await accessTokens.find(value)) as StoredWebToken | undefined;
    if (seen?.clientId !== WEB_CLIENT_ID) throw unauthorized(NOT_WEB);
    const stored = (await accessTokens.take(value)) as StoredWebToken | undefined;
    if (!stored?.accountId || typeof stored.exp !== 'number' || stored.exp * 1000 <= Date.now()) throw unauthorized(NOT_WEB);
    if (stored.grantId) {
      await accessTokens.revokeByGrantId(stored.grantId);
      await grants.destroy(stored.grantId);
    }
    if (stored.sessionUid) await sessions.destroyByUid(stored.sessionUid);
    const user = await deps.accounts.activeUser(stored.accountId);
    const status = await deps.accounts.tokenStatus(stored.accountId);
    if (!user || !status || status.disabled) throw unauthorized('The account is disabled or no longer exists');
    const token = await deps.tokens.issue({ ...user, tokenGeneration: status.generation });
    return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, fhirUser: user.fhirUser };
  });

  /** What the web app's log-in screen offers besides the password (public: shown before signing in). */
  app.get('/auth/sign-in-options', async () => ({ region: deps.regionSignIn }));
}

import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../auth/accounts';
import type { TokenService } from '../auth/tokens';
import { TOKEN_LIFETIME_SECONDS } from '../auth/tokens';
import { badRequest, forbidden } from '../fhir/outcomes';
import { authenticate, bearerToken } from './requestContext';
import type { ResourceStore } from '../storage/resourceStore';
import { cachedQualificationsOf } from '../access/qualifications';
import { isStaff } from '../auth/userContext';

/** Local log-in; an OpenID Connect provider can issue the same UserContext later. */
export function registerAuthRoutes(app: FastifyInstance, deps: { accounts: Accounts; tokens: TokenService; store: ResourceStore }): void {
  // Tokens are checked against their account (logged out, disabled) on every request.
  deps.tokens.useAccounts(deps.accounts);

  app.post('/auth/login', async (request) => {
    const body = request.body as { username?: unknown; password?: unknown } | undefined;
    if (typeof body?.username !== 'string' || typeof body.password !== 'string' || !body.username || body.username.length > 100 || body.password.length > 200) {
      throw badRequest('Send JSON {"username": "...", "password": "..."}');
    }
    const user = await deps.accounts.authenticate(body.username, body.password, request.ip);
    return { access_token: await deps.tokens.issue(user), token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, fhirUser: user.fhirUser };
  });

  app.get('/auth/me', async (request) => {
    const user = await authenticate(request, deps.tokens);
    // The registers a professional is licensed for, so the app offers only the screens they may use (notices: social).
    const q = isStaff(user) ? await cachedQualificationsOf(deps.store, user) : { health: false, social: false };
    const registers = (['health', 'social'] as const).filter((r) => q[r]);
    return { username: user.username, roles: user.roles, fhirUser: user.fhirUser, name: user.name, registers };
  });

  /** Ends the session of the presented token: every token of the account issued so far stops working. */
  app.post('/auth/logout', async (request, reply) => {
    const session = await deps.tokens.session(bearerToken(request), { address: request.ip });
    // An app's token is not a session of Ovi's own: it is ended by revoking it (the provider's
    // revocation endpoint), and an app must not end the person's other sessions.
    if (session.user.app) throw forbidden("An app's token is ended by revoking it at the OAuth revocation endpoint, not by logging out");
    await deps.accounts.logout(session.user, session.generation, request.ip);
    deps.tokens.forget(session.user.username);
    return reply.code(204).send();
  });
}

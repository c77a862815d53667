import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../auth/accounts';
import type { TokenService } from '../auth/tokens';
import { TOKEN_LIFETIME_SECONDS } from '../auth/tokens';
import { badRequest } from '../fhir/outcomes';
import { authenticate } from './requestContext';

/** Local log-in; an OpenID Connect provider can issue the same UserContext later. */
export function registerAuthRoutes(app: FastifyInstance, deps: { accounts: Accounts; tokens: TokenService }): void {
  app.post('/auth/login', async (request) => {
    const body = request.body as { username?: unknown; password?: unknown } | undefined;
    if (typeof body?.username !== 'string' || typeof body.password !== 'string' || !body.username || body.username.length > 100 || body.password.length > 200) {
      throw badRequest('Send JSON {"username": "...", "password": "..."}');
    }
    const user = await deps.accounts.authenticate(body.username, body.password);
    return { access_token: await deps.tokens.issue(user), token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, fhirUser: user.fhirUser };
  });

  app.get('/auth/me', async (request) => {
    const user = await authenticate(request, deps.tokens);
    return { username: user.username, roles: user.roles, fhirUser: user.fhirUser, name: user.name };
  });
}

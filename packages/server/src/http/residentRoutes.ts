import type { FastifyInstance } from 'fastify';
import type { SqlExecutor } from '../db/database';
import type { TokenService } from '../auth/tokens';
import { principalsOf } from '../access/guardians';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { authenticate } from './requestContext';

interface Deps {
  db: SqlExecutor;
  tokens: TokenService;
}

/** The resident's own standing: whom they may act for. */
export function registerResidentRoutes(app: FastifyInstance, { db, tokens }: Deps): void {
  // Everyone a resident may act for today, and on what authority: children under 18 in their
  // guardianship ("guardian") and adults who have authorised them, while the authorisation's
  // period holds ("representative"). `GET /api/me/children` stays: it lists the children only.
  app.get<{ Querystring: Record<string, unknown> }>('/api/me/principals', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'resident')) throw forbidden('Only residents act for others here');
    const unknown = Object.keys(request.query ?? {});
    if (unknown.length > 0) throw badRequest(`Unknown parameter ${unknown[0]?.slice(0, 40) ?? ''}: /api/me/principals takes none`);
    const principals = await principalsOf(db, user.fhirUser);
    return {
      principals: principals.map((p) => ({
        reference: p.reference,
        ...(p.name ? { name: p.name } : {}),
        ...(p.birthDate ? { birthDate: p.birthDate } : {}),
        kind: p.kind,
        relatedPerson: p.relatedPerson,
        ...(p.until ? { validUntil: p.until } : {}),
      })),
    };
  });
}

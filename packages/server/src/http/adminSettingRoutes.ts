import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/tokens';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { ADMIN_SETTINGS, type AdminSettings } from '../settings/adminSettings';
import { authenticate } from './requestContext';
import { settingIfMatch } from './guidanceRoutes';

/**
 * `GET/PUT /api/admin/<name>` for the small settings an administrator edits in one form
 * (`message-settings`, `wait-list`, `self-monitoring`, `care-plan`): the value with its `version` (ETag);
 * `?dryRun=true` runs the server's check and stores nothing; `If-Match` refuses a change saved
 * over another (412). Their history is under `/api/admin/<name>/history` (guidanceRoutes).
 */
export function registerAdminSettingRoutes(app: FastifyInstance, { tokens, settings }: { tokens: TokenService; settings: AdminSettings }): void {
  for (const setting of ADMIN_SETTINGS) {
    const path = `/api/admin/${setting.name}`;
    app.get(path, async (request, reply) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden(`Only administrators see the ${setting.name}`);
      const current = await settings.get(setting);
      void reply.header('ETag', `W/"${current.version}"`);
      return current;
    });
    app.put<{ Querystring: { dryRun?: string } }>(path, async (request, reply) => {
      const user = await authenticate(request, tokens);
      if (!hasRole(user, 'admin')) throw forbidden(`Only administrators change the ${setting.name}`);
      const dryRun = request.query.dryRun;
      if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw badRequest('dryRun must be true or false');
      if (dryRun === 'true') return settings.check(setting, request.body);
      const stored = await settings.replace(setting, request.body, user.username, settingIfMatch(request.headers['if-match']));
      void reply.header('ETag', `W/"${stored.version}"`);
      return stored;
    });
  }
}

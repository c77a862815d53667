import type { FastifyInstance } from 'fastify';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { SettingsStore } from '../settings/settingsStore';
import { clientOverview } from '../guidance/clientOverview';
import { ReplyTemplates } from '../guidance/replyTemplates';
import { hasRole, isStaff } from '../auth/userContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { authenticate, requestContext } from './requestContext';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

interface Deps {
  fhir: FhirService;
  tokens: TokenService;
  settings: SettingsStore;
}

/** The nurse's contact view: the client's overview, and the ready-made replies per outcome. */
export function registerContactRoutes(app: FastifyInstance, { fhir, tokens, settings }: Deps): void {
  // Phone, language, open matters, contacts and visits of 12 months, a child's guardians (audited reads).
  app.get<{ Params: { id: string } }>('/api/clients/:id/overview', async (request) => {
    const id = request.params.id;
    if (!FHIR_ID.test(id)) throw badRequest(`'${id.slice(0, 80)}' is not a valid FHIR id`);
    return clientOverview(fhir, await requestContext(request, tokens), id);
  });

  const templates = new ReplyTemplates(settings);

  // Staff pick them in the decision form; administrators edit them.
  app.get('/api/reply-templates', async (request) => {
    const user = await authenticate(request, tokens);
    if (!isStaff(user) && !hasRole(user, 'admin')) throw forbidden('Reply templates are for the professionals who answer contacts');
    return templates.get();
  });

  app.put('/api/admin/reply-templates', async (request) => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators change the reply templates');
    return templates.replace(request.body, user.username);
  });
}

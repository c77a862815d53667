import type { FastifyInstance } from 'fastify';
import type { Questionnaire } from '@medplum/fhirtypes';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { QuestionnaireChanges } from '../guidance/questionnaireChanges';
import { hasRole } from '../auth/userContext';
import { badRequest, forbidden } from '../fhir/outcomes';
import { validateIncoming } from '../fhir/validation';
import { requestContext } from './requestContext';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

interface Deps {
  fhir: FhirService;
  tokens: TokenService;
  changes: QuestionnaireChanges;
}

/**
 * The dry run of a questionnaire change: the body is the whole new Questionnaire (as PUT takes
 * it); the answer lists its problems per field and what it would change. Nothing is stored.
 */
export function registerQuestionnaireRoutes(app: FastifyInstance, { fhir, tokens, changes }: Deps): void {
  app.post<{ Params: { id: string } }>('/api/admin/questionnaires/:id/preview', async (request) => {
    const ctx = await requestContext(request, tokens);
    if (!hasRole(ctx.user, 'admin')) throw forbidden('Only administrators change questionnaires');
    const { id } = request.params;
    if (!FHIR_ID.test(id)) throw badRequest('Not a valid questionnaire id');
    const next = validateIncoming(request.body, 'Questionnaire') as Questionnaire;
    if (next.id !== id) throw badRequest(`The body's id '${next.id ?? ''}' does not match the URL's '${id}'`, ['Questionnaire.id']);
    const current = await fhir.read(ctx, 'Questionnaire', id);
    return { currentVersion: Number(current.meta.versionId), ...(await changes.preview(next, current as Questionnaire)) };
  });
}

import type { Extension, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { checkFeedbackAnswer, OVI_FHIR_BASE, type FeedbackAnswer, type FeedbackSurvey } from '@ovi/domain';
import type { Database } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import type { UserContext } from '../auth/userContext';
import { hasRole } from '../auth/userContext';
import { badRequest, conflict, FhirError, forbidden, notFound, outcome } from '../fhir/outcomes';
import { validateIncoming } from '../fhir/validation';
import { now as clockNow } from '../time/clock';
import { closeInvitation, invitationById, invitationByTokenHash, openInvitationsOf, type FeedbackContext, type FeedbackInvitationRow } from '../storage/feedbackStore';
import { feedbackTokenHash, isFeedbackTokenShape } from './feedbackMail';
import type { FeedbackSettings } from './feedbackSettings';

export const FEEDBACK_QUESTIONNAIRE = `${OVI_FHIR_BASE}/Questionnaire/client-feedback`;
export const FEEDBACK_CONTEXT_URL = `${OVI_FHIR_BASE}/StructureDefinition/feedback-context`;
export const FEEDBACK_ANSWER_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/feedback-answer`;
export const STATEMENT_PREFIX = 'statement-';

const gone = (message: string) => new FhirError(410, outcome('expired' as never, message));

/** What the resident's survey page shows: the survey's texts in every language and where the visit was. */
export interface SurveyView {
  survey: Omit<FeedbackSurvey, 'source' | 'contactOutcomes' | 'linkValidDays'> & { version: number };
  kind: FeedbackContext['kind'];
  unitName?: string;
  month: string;
  expiresAt: string;
}

/**
 * Shows and answers a survey, through its link (no login) or from the resident's portal. The
 * answer is stored as a QuestionnaireResponse carrying only the visit's context (service, unit,
 * profession, channel, month): no subject, no author, no link to the invitation, a month for
 * its date. The invitation is closed in the same transaction, on its locked row, so a visit
 * has exactly one answer however many arrive at once (decision 015).
 */
export class FeedbackAnswers {
  constructor(
    private readonly db: Database,
    private readonly store: ResourceStore,
    private readonly settings: FeedbackSettings,
  ) {}

  async showByToken(token: string): Promise<SurveyView> {
    return this.view(await this.open(await this.byToken(token)));
  }

  async answerByToken(token: string, body: unknown): Promise<{ id: string }> {
    return this.answer(await this.byToken(token), body);
  }

  /** The logged-in resident's open surveys, newest first. */
  async pending(user: UserContext): Promise<{ surveys: Array<{ id: string; kind: string; unitName?: string; month: string; expiresAt: string }> }> {
    if (!hasRole(user, 'resident')) throw forbidden('Only residents have surveys to answer');
    const rows = await openInvitationsOf(this.db, [user.fhirUser], clockNow());
    return { surveys: rows.map((row) => ({ id: row.id, kind: row.context.kind, ...(row.context.unitName ? { unitName: row.context.unitName } : {}), month: row.context.month, expiresAt: new Date(row.expires_at).toISOString() })) };
  }

  async showOwn(user: UserContext, id: string): Promise<SurveyView> {
    return this.view(await this.open(await this.own(user, id)));
  }

  async answerOwn(user: UserContext, id: string, body: unknown): Promise<{ id: string }> {
    return this.answer(await this.own(user, id), body);
  }

  private async byToken(token: string): Promise<FeedbackInvitationRow> {
    const found = isFeedbackTokenShape(token) ? await invitationByTokenHash(this.db, feedbackTokenHash(token)) : undefined;
    if (!found) throw notFound('No survey has this link. Check that the whole link was copied.');
    return found;
  }

  /** Someone else's survey answers as if it did not exist. */
  private async own(user: UserContext, id: string): Promise<FeedbackInvitationRow> {
    if (!hasRole(user, 'resident')) throw forbidden('Only residents answer surveys');
    const found = /^[0-9a-f-]{36}$/.test(id) ? await invitationById(this.db, id) : undefined;
    if (!found || found.patient !== user.fhirUser) throw notFound('Survey not found');
    return found;
  }

  private async open(invitation: FeedbackInvitationRow): Promise<FeedbackInvitationRow> {
    if (invitation.answered) throw conflict('This survey has already been answered. Thank you!');
    if (new Date(invitation.expires_at).getTime() <= clockNow().getTime()) throw gone('This survey has closed: its link was open for a limited time.');
    return invitation;
  }

  private async view(invitation: FeedbackInvitationRow): Promise<SurveyView> {
    const { source: _source, contactOutcomes: _outcomes, linkValidDays: _days, ...survey } = await this.settings.survey();
    return {
      survey,
      kind: invitation.context.kind,
      ...(invitation.context.unitName ? { unitName: invitation.context.unitName } : {}),
      month: invitation.context.month,
      expiresAt: new Date(invitation.expires_at).toISOString(),
    };
  }

  private async answer(invitation: FeedbackInvitationRow, body: unknown): Promise<{ id: string }> {
    await this.open(invitation);
    const survey = await this.settings.survey();
    const checked = checkFeedbackAnswer(survey, body);
    if (!checked.ok) throw badRequest(`The answer was not saved: ${checked.problems.join('; ')}`);
    const response = validateIncoming(feedbackResponse(checked.answer, invitation.context, survey.version), 'QuestionnaireResponse') as QuestionnaireResponse;
    const now = clockNow();
    return this.db.transaction(async (tx) => {
      if (!(await closeInvitation(tx, invitation.id, now))) {
        // Answered (or closed) by a request that committed meanwhile.
        const latest = await invitationById(tx, invitation.id);
        if (latest?.answered) throw conflict('This survey has already been answered. Thank you!');
        throw gone('This survey has closed: its link was open for a limited time.');
      }
      const stored = await this.store.create(response, { tx });
      return { id: stored.id };
    });
  }
}

/** The answer as FHIR: the visit's context and the answers, nothing that names the resident unless they left contact details. */
export function feedbackResponse(answer: FeedbackAnswer, context: FeedbackContext, surveyVersion: number): QuestionnaireResponse {
  const item: QuestionnaireResponseItem[] = [
    { linkId: 'recommend', answer: [{ valueInteger: answer.recommend }] },
    ...Object.entries(answer.statements).map(([id, code]) => ({ linkId: `${STATEMENT_PREFIX}${id}`, answer: [{ valueCoding: { system: FEEDBACK_ANSWER_SYSTEM, code } }] })),
    ...(answer.freeText ? [{ linkId: 'free-text', answer: [{ valueString: answer.freeText }] }] : []),
    ...(answer.contact
      ? [
          {
            linkId: 'reply-contact',
            item: [
              { linkId: 'reply-email', answer: [{ valueString: answer.contact.email }] },
              ...(answer.contact.name ? [{ linkId: 'reply-name', answer: [{ valueString: answer.contact.name }] }] : []),
            ],
          },
        ]
      : []),
  ];
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: `${FEEDBACK_QUESTIONNAIRE}|${surveyVersion}`,
    // The month only: a day or a time could be matched with the unit's appointment list.
    authored: context.month,
    extension: [{ url: FEEDBACK_CONTEXT_URL, extension: contextExtensions(context) }],
    item,
  };
}

function contextExtensions(context: FeedbackContext): Extension[] {
  return [
    { url: 'kind', valueCode: context.kind },
    ...(context.service ? [{ url: 'service', valueCoding: { code: context.service } }] : []),
    ...(context.unit ? [{ url: 'unit', valueReference: { reference: context.unit, ...(context.unitName ? { display: context.unitName } : {}) } }] : []),
    ...(context.profession ? [{ url: 'profession', valueCoding: { code: context.profession } }] : []),
    ...(context.channel ? [{ url: 'channel', valueCoding: { code: context.channel } }] : []),
    { url: 'month', valueDate: context.month },
  ];
}

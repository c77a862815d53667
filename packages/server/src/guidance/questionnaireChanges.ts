import type { OperationOutcomeIssue, Questionnaire, Resource } from '@medplum/fhirtypes';
import { CHANGED_BY_EXTENSION_URL, CONTACT_QUESTIONNAIRE_URL, checkQuestionnaireChange, checkQuestionnaireStructure, describeQuestionnaireChange, type QuestionnaireFinding, type StructureProblem } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { CreateHook, RequestContext, UpdateHook } from '../fhir/fhirService';
import { conflict, forbidden, invalidResource } from '../fhir/outcomes';
import type { Stored } from '../storage/resourceStore';
import { activeQuestionnaire } from '../storage/contactReads';
import { hasRole } from '../auth/userContext';
import { now } from '../time/clock';
import type { GuidanceSettings } from './guidanceSettings';

/** What a questionnaire change would do: its problems (none = it may be saved) and its findings. */
export interface QuestionnaireChangePreview {
  valid: boolean;
  problems: StructureProblem[];
  findings: QuestionnaireFinding[];
}

const toIssue = (p: StructureProblem): OperationOutcomeIssue => ({
  severity: 'error',
  code: 'invariant',
  details: { text: p.message },
  diagnostics: p.message,
  expression: [p.expression, ...(p.linkId ? [p.linkId] : [])],
});

/**
 * Questionnaires change as a whole new version, never in part: each is checked for its own shape
 * and, for the contact questionnaire, against the danger-sign screen, the danger-word scan and the
 * routing rules in force. The stored version carries its number in `version` (what a response's
 * `questionnaire` canonical names as `url|version`), when it was saved and by whom.
 */
export class QuestionnaireChanges implements CreateHook, UpdateHook {
  constructor(
    private readonly settings: GuidanceSettings,
    private readonly db: SqlExecutor,
  ) {}

  /** The problems and findings of `next` replacing `previous`; stores nothing. */
  async preview(next: Questionnaire, previous: Questionnaire | undefined): Promise<QuestionnaireChangePreview> {
    const problems: StructureProblem[] = [];
    if (previous && previous.url !== next.url) problems.push({ expression: 'Questionnaire.url', message: `The canonical URL stays ${previous.url ?? ''}: responses name the questionnaire by it.` });
    const isContactForm = next.url === CONTACT_QUESTIONNAIRE_URL;
    const { routing, safetyScreen } = await this.settings.all();
    problems.push(...(isContactForm ? checkQuestionnaireChange(next, { ...(previous ? { previous } : {}), routing, safetyScreen }) : checkQuestionnaireStructure(next)));
    return { valid: problems.length === 0, problems, findings: describeQuestionnaireChange(previous, next, isContactForm ? routing : { ...routing, rules: [] }) };
  }

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource }> {
    const next = resource as Questionnaire;
    this.requireAdmin(ctx);
    // A second contact questionnaire is checked against the one in use, as a change of it would be.
    const previous = next.url ? await activeQuestionnaire(this.db, next.url) : undefined;
    await this.refuseProblems(next, previous);
    return { resource: this.stamped(ctx, next, 1) };
  }

  async afterCreate(): Promise<Record<string, string>> {
    return {};
  }

  async prepareUpdate(ctx: RequestContext, current: Stored, next: Resource): Promise<Resource> {
    this.requireAdmin(ctx);
    await this.refuseProblems(next as Questionnaire, current as Questionnaire);
    return this.stamped(ctx, next as Questionnaire, Number(current.meta.versionId) + 1);
  }

  /** Two changes at once without If-Match would give two versions one number: the second is refused. */
  async afterUpdate(_ctx: RequestContext, stored: Stored): Promise<void> {
    if ((stored as Questionnaire).version !== stored.meta.versionId) throw conflict('Someone saved the questionnaire at the same moment: read it again and repeat the change');
  }

  private requireAdmin(ctx: RequestContext): void {
    if (!hasRole(ctx.user, 'admin')) throw forbidden('Only administrators change questionnaires');
  }

  private async refuseProblems(next: Questionnaire, previous: Questionnaire | undefined): Promise<void> {
    const { problems } = await this.preview(next, previous);
    if (problems.length > 0) throw invalidResource(problems.map(toIssue));
  }

  private stamped(ctx: RequestContext, q: Questionnaire, version: number): Questionnaire {
    return {
      ...q,
      version: String(version),
      date: now().toISOString(),
      extension: [...(q.extension ?? []).filter((e) => e.url !== CHANGED_BY_EXTENSION_URL), { url: CHANGED_BY_EXTENSION_URL, valueString: ctx.user.username }],
    };
  }
}

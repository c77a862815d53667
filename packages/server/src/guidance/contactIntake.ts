import type { Patient, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import {
  CHANNELS,
  CONTACT_QUESTIONNAIRE_URL,
  EXTENSIONS,
  ageOn,
  checkResponseAgainstQuestionnaire,
  computeDeadlines,
  extractAnswers,
  suggestRouting,
  toHelsinkiDate,
  type Channel,
  type Deadlines,
  type RoutingSuggestion,
} from '@ovi/domain';
import type { CreateHook, RequestContext } from '../fhir/fhirService';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { AccessPolicy, AccessGrant } from '../access/accessPolicy';
import { hasRole } from '../auth/userContext';
import { badRequest, invalidResource, notFound } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import type { GuidanceSettings } from './guidanceSettings';
import { buildGuidanceTask } from './guidanceTask';

interface Suggested {
  contactAt: Date;
  suggestion: RoutingSuggestion;
  deadlines: Deadlines;
}

const STAFF_CHANNELS = new Set<string>(CHANNELS.filter((c) => c !== 'web-form'));

/**
 * A QuestionnaireResponse to the contact request is a contact: answers are checked against
 * the questionnaire, and the contact becomes one Task in the client-guidance queue with
 * the rules' suggestion and the care-guarantee deadlines.
 */
export class ContactIntake implements CreateHook {
  constructor(
    private readonly store: ResourceStore,
    private readonly access: AccessPolicy,
    private readonly settings: GuidanceSettings,
  ) {}

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; grant: AccessGrant; prepared?: Suggested }> {
    const response = resource as QuestionnaireResponse;
    const patientRef = localReference(response.subject?.reference, ['Patient'], 'QuestionnaireResponse.subject').reference;
    if (response.status !== 'completed') throw badRequest("A contact is sent with status 'completed'", ['QuestionnaireResponse.status']);
    const { grant, patient } = await this.grant(ctx, patientRef);
    const questionnaire = await this.questionnaire(response.questionnaire);
    const issues = checkResponseAgainstQuestionnaire(questionnaire, response);
    if (issues.length > 0) {
      throw invalidResource(issues.map((i) => ({ severity: 'error', code: 'invalid', details: { text: i.message }, diagnostics: i.message, expression: [i.linkId] })));
    }
    const channel = this.channel(ctx, response);
    const completed: QuestionnaireResponse = {
      ...response,
      authored: contactTime(response.authored).toISOString(),
      author: { reference: ctx.user.fhirUser, display: ctx.user.name },
      extension: [...(response.extension ?? []).filter((e) => e.url !== EXTENSIONS.contactChannel), { url: EXTENSIONS.contactChannel, valueCode: channel }],
    };
    const prepared = response.questionnaire === CONTACT_QUESTIONNAIRE_URL ? await this.suggest(completed, patient) : undefined;
    return { resource: completed, grant, prepared };
  }

  /** Runs the routing rules and the care-guarantee deadlines for the contact. */
  private async suggest(response: QuestionnaireResponse, patient: Patient): Promise<Suggested> {
    const contactAt = new Date(response.authored ?? Date.now());
    const age = patient.birthDate ? ageOn(patient.birthDate, toHelsinkiDate(contactAt)) : undefined;
    const suggestion = suggestRouting(extractAnswers(response), { age }, await this.settings.routingRules());
    const deadlines = computeDeadlines({
      contactAt,
      service: suggestion.service,
      urgency: suggestion.urgency,
      birthDate: patient.birthDate,
      config: await this.settings.careGuarantee(),
    });
    return { contactAt, suggestion, deadlines };
  }

  async afterCreate(_ctx: RequestContext, stored: Stored, tx: SqlExecutor, prepared: unknown): Promise<Record<string, string>> {
    if (!prepared) return {};
    const { contactAt, suggestion, deadlines } = prepared as Suggested;
    const response = stored as Stored<QuestionnaireResponse>;
    const channel = (response.extension?.find((e) => e.url === EXTENSIONS.contactChannel)?.valueCode ?? 'web-form') as Channel;
    const reason = response.item?.find((i) => i.linkId === 'reason')?.answer?.[0]?.valueCoding;
    const task = buildGuidanceTask({
      patient: response.subject?.reference ?? '',
      response: `QuestionnaireResponse/${response.id}`,
      channel,
      contactAt,
      suggestion,
      deadlines,
      summary: reason?.display ?? reason?.code ?? 'Yhteydenotto',
    });
    const created = await this.store.create(task, { tx });
    return { 'X-Ovi-Task': `Task/${created.id}` };
  }

  private async grant(ctx: RequestContext, patientRef: string): Promise<{ grant: AccessGrant; patient: Patient }> {
    const patient = await this.store.readOptional<Patient>('Patient', patientRef.replace('Patient/', ''));
    const isOwn = hasRole(ctx.user, 'resident') && patientRef === ctx.user.fhirUser;
    if (!patient || (hasRole(ctx.user, 'resident') && !isOwn)) throw notFound(`${patientRef} was not found`);
    // Recording a contact is how client guidance starts a relationship.
    if (isOwn || hasRole(ctx.user, 'guidance')) return { grant: { patients: [patientRef], byRecordedReason: false }, patient };
    return { grant: await this.access.checkPatients(ctx.user, 'QuestionnaireResponse', [patientRef], 'create', ctx.reason), patient };
  }

  private async questionnaire(canonical: string | undefined): Promise<Questionnaire> {
    if (!canonical) throw badRequest('questionnaire must name the questionnaire answered', ['QuestionnaireResponse.questionnaire']);
    const [url, version] = canonical.split('|');
    const found = await this.store.search({
      resourceType: 'Questionnaire',
      filters: [{ code: 'url', kind: 'uri', values: [url ?? ''] }, ...(version ? [{ code: 'version', kind: 'token' as const, values: [version] }] : [])],
      sort: [],
      count: 1,
      offset: 0,
    });
    const questionnaire = found.resources[0] as Questionnaire | undefined;
    if (!questionnaire) throw badRequest(`Unknown questionnaire ${canonical}`, ['QuestionnaireResponse.questionnaire']);
    if (questionnaire.status !== 'active') throw badRequest(`Questionnaire ${canonical} is not active`, ['QuestionnaireResponse.questionnaire']);
    return questionnaire;
  }

  private channel(ctx: RequestContext, response: QuestionnaireResponse): Channel {
    if (hasRole(ctx.user, 'resident')) return 'web-form';
    const code = response.extension?.find((e) => e.url === EXTENSIONS.contactChannel)?.valueCode;
    if (!code || !STAFF_CHANNELS.has(code)) {
      throw badRequest(`A contact recorded by staff needs its channel (${[...STAFF_CHANNELS].join(', ')}) in the contact-channel extension`, [
        'QuestionnaireResponse.extension',
      ]);
    }
    return code as Channel;
  }
}

const BACKDATE_LIMIT_MS = 24 * 60 * 60 * 1000;

/** A contact recorded after the fact may carry its real time, up to a day back; never the future. */
function contactTime(authored: string | undefined): Date {
  const now = Date.now();
  const t = authored ? Date.parse(authored) : Number.NaN;
  return Number.isNaN(t) || t > now || t < now - BACKDATE_LIMIT_MS ? new Date(now) : new Date(t);
}

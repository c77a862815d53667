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
} from '@ovi/domain';
import type { CreateHook, RequestContext } from '../fhir/fhirService';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { AccessPolicy, AccessGrant } from '../access/accessPolicy';
import { hasRole, isStaff } from '../auth/userContext';
import { badRequest, invalidResource, notFound } from '../fhir/outcomes';
import type { GuidanceSettings } from './guidanceSettings';
import { buildGuidanceTask } from './guidanceTask';

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

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; grant: AccessGrant }> {
    const response = resource as QuestionnaireResponse;
    const patientRef = response.subject?.reference;
    if (!patientRef?.startsWith('Patient/')) throw badRequest('subject must reference the Patient the contact is about', ['QuestionnaireResponse.subject']);
    if (response.status !== 'completed') throw badRequest("A contact is sent with status 'completed'", ['QuestionnaireResponse.status']);
    const grant = await this.grant(ctx, patientRef);
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
    return { resource: completed, grant };
  }

  async afterCreate(_ctx: RequestContext, stored: Stored, tx: Parameters<CreateHook['afterCreate']>[2]): Promise<Record<string, string>> {
    const response = stored as Stored<QuestionnaireResponse>;
    if (response.questionnaire !== CONTACT_QUESTIONNAIRE_URL) return {};
    const patientRef = response.subject?.reference ?? '';
    const patient = await this.store.read<Patient>('Patient', patientRef.replace('Patient/', ''), tx);
    const contactAt = new Date(response.authored ?? Date.now());
    const answers = extractAnswers(response);
    const age = patient.birthDate ? ageOn(patient.birthDate, toHelsinkiDate(contactAt)) : undefined;
    const suggestion = suggestRouting(answers, { age }, await this.settings.routingRules());
    const deadlines = computeDeadlines({
      contactAt,
      service: suggestion.service,
      urgency: suggestion.urgency,
      birthDate: patient.birthDate,
      config: await this.settings.careGuarantee(),
    });
    const channel = (response.extension?.find((e) => e.url === EXTENSIONS.contactChannel)?.valueCode ?? 'web-form') as Channel;
    const reason = response.item?.find((i) => i.linkId === 'reason')?.answer?.[0]?.valueCoding;
    const task = buildGuidanceTask({
      patient: patientRef,
      response: `QuestionnaireResponse/${response.id}`,
      channel,
      contactAt,
      suggestion,
      deadlines,
      summary: reason?.display ?? reason?.code ?? 'Yhteydenotto',
    });
    const stored2 = await this.store.create(task, { tx });
    return { 'X-Ovi-Task': `Task/${stored2.id}` };
  }

  private async grant(ctx: RequestContext, patientRef: string): Promise<AccessGrant> {
    const patient = await this.store.readOptional('Patient', patientRef.replace('Patient/', ''));
    if (hasRole(ctx.user, 'resident')) {
      if (patientRef !== ctx.user.fhirUser || !patient) throw notFound(`${patientRef} was not found`);
      return { patients: [patientRef], byRecordedReason: false };
    }
    if (!patient) throw notFound(`${patientRef} was not found`);
    // Recording a contact is how client guidance starts a relationship.
    if (hasRole(ctx.user, 'guidance')) return { patients: [patientRef], byRecordedReason: false };
    if (!isStaff(ctx.user)) return this.access.checkPatients(ctx.user, 'QuestionnaireResponse', [patientRef], 'create');
    return this.access.checkPatients(ctx.user, 'QuestionnaireResponse', [patientRef], 'create', ctx.reason);
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

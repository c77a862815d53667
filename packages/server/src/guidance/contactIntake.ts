import { randomUUID } from 'node:crypto';
import type { Patient, Questionnaire, QuestionnaireResponse, Resource, Task } from '@medplum/fhirtypes';
import {
  CHANNELS,
  CONTACT_QUESTIONNAIRE_URL,
  EXTENSIONS,
  ageOn,
  checkResponseAgainstQuestionnaire,
  computeDeadlines,
  extractAnswers,
  isOpenAt,
  nextOpening,
  nobodyBefore,
  optionTexts,
  queueFor,
  questionnaireToCheck,
  registerOf,
  residentNotes,
  toHelsinkiDate,
  triageContact,
  type Channel,
  type Deadlines,
  type LocalizedText,
  type NamedVersion,
  type ResidentNote,
  type RoutingRuleSet,
  type TriageResult,
} from '@ovi/domain';
import type { Companions, CreateHook, RequestContext } from '../fhir/fhirService';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { AccessPolicy, AccessGrant } from '../access/accessPolicy';
import { hasRole } from '../auth/userContext';
import { badRequest, invalidResource, notFound } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { GUIDANCE_SETTINGS, type GuidanceSettings } from './guidanceSettings';
import { buildGuidanceTask } from './guidanceTask';
import { recordConfigurationGap } from '../storage/configurationGapLog';
import { IntakeReads, type IntakeRead } from '../storage/intakeReads';
import { actingFor } from '../access/guardians';
import { inRegister } from '../access/registerLabels';
import { nowMs } from '../time/clock';
import { questionnaireVersion } from '../storage/contactReads';

/** The topic the resident chose ("reason"). */
function reasonOf(response: QuestionnaireResponse) {
  return response.item?.find((i) => i.linkId === 'reason')?.answer?.[0]?.valueCoding;
}

interface Suggested {
  contactAt: Date;
  triage: TriageResult;
  deadlines: Deadlines;
  notes: ResidentNote[];
  queueOpensAt?: Date;
  outOfHours: boolean;
  age?: number;
  /** The topic (the reason chosen) in every language the questionnaire offers it in. */
  topic?: LocalizedText;
}

// A message arrives as a Communication (messages/messageIntake.ts), never as a recorded contact.
const STAFF_CHANNELS = new Set<string>(CHANNELS.filter((c) => c !== 'web-form' && c !== 'message'));

/** The current questionnaire with a URL, and the version a response names (if any, and if it exists). */
interface FoundQuestionnaire {
  current?: Questionnaire;
  named?: NamedVersion<Questionnaire>;
}

type GuidanceConfig = Awaited<ReturnType<GuidanceSettings['all']>>;

/**
 * A QuestionnaireResponse to the contact request is a contact: answers are checked against
 * the questionnaire, and the contact becomes one Task in the client-guidance queue with
 * the rules' suggestion and the care-guarantee deadlines.
 */
export class ContactIntake implements CreateHook {
  private readonly reads: IntakeReads;
  /** The guidance configuration as last read, with the setting versions it was read at. */
  private config?: { versions: string; values: Promise<GuidanceConfig> };
  /** Questionnaires as last looked up, by canonical, with the versions of that URL's Questionnaires then. */
  private readonly questionnaires = new Map<string, { versions: string; found: Promise<FoundQuestionnaire> }>();

  constructor(
    private readonly store: ResourceStore,
    private readonly access: AccessPolicy,
    private readonly settings: GuidanceSettings,
    private readonly db: SqlExecutor,
  ) {
    this.reads = new IntakeReads(db, Object.values(GUIDANCE_SETTINGS));
  }

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; grant: AccessGrant; prepared?: Suggested }> {
    const response = resource as QuestionnaireResponse;
    const patientRef = localReference(response.subject?.reference, ['Patient'], 'QuestionnaireResponse.subject').reference;
    if (response.status !== 'completed') throw badRequest("A contact is sent with status 'completed'", ['QuestionnaireResponse.status']);
    // One grouped statement: the client's record, and whether the settings and the questionnaire
    // kept in memory are still the stored ones (else they are read again).
    const read = await this.reads.read(patientRef.replace('Patient/', ''), response.questionnaire?.split('|')[0] ?? '');
    const { grant, patient, author } = await this.grant(ctx, patientRef, read.patient);
    if (!response.questionnaire) throw badRequest('questionnaire must name the questionnaire answered', ['QuestionnaireResponse.questionnaire']);
    const questionnaire = await this.questionnaire(response.questionnaire, read);
    const issues = checkResponseAgainstQuestionnaire(questionnaire, response);
    if (issues.length > 0) {
      throw invalidResource(issues.map((i) => ({ severity: 'error', code: 'invalid', details: { text: i.message }, diagnostics: i.message, expression: [i.linkId] })));
    }
    const channel = this.channel(ctx, response);
    const url = response.questionnaire.split('|')[0] ?? '';
    const completed: QuestionnaireResponse = {
      ...response,
      // The response names the version it was checked against: old contacts keep theirs when the questionnaire changes.
      questionnaire: questionnaire.version ? `${url}|${questionnaire.version}` : url,
      authored: contactTime(response.authored).toISOString(),
      author,
      extension: [...(response.extension ?? []).filter((e) => e.url !== EXTENSIONS.contactChannel), { url: EXTENSIONS.contactChannel, valueCode: channel }],
    };
    const suggested = url === CONTACT_QUESTIONNAIRE_URL ? await this.suggest(completed, patient, await this.guidanceConfig(read)) : undefined;
    const topic = optionTexts(questionnaire, 'reason', reasonOf(completed)?.code);
    const prepared = suggested && topic ? { ...suggested, topic } : suggested;
    // A contact belongs to the register of the service it is routed to.
    return { resource: prepared ? inRegister(completed, registerOf(prepared.triage.service)) : completed, grant, prepared };
  }

  /**
   * The danger-sign screen, the free-text scan and the routing rules (the most urgent wins,
   * nothing lowers it), the care-guarantee deadlines, and what the resident must be told now:
   * emergency numbers, and where to turn when the queue is closed until after the contact is due.
   */
  private async suggest(response: QuestionnaireResponse, patient: Patient, config: GuidanceConfig): Promise<Suggested> {
    const contactAt = new Date(response.authored ?? nowMs());
    const age = patient.birthDate ? ageOn(patient.birthDate, toHelsinkiDate(contactAt)) : undefined;
    const triage = triageContact(extractAnswers(response), { age }, config.routing, config.safetyScreen);
    const deadlines = computeDeadlines({ contactAt, service: triage.service, urgency: triage.urgency, birthDate: patient.birthDate, config: config.careGuarantee });
    const queue = queueFor(config.serviceHours, 'guidance');
    const closed = !isOpenAt(queue, contactAt);
    const outOfHours = nobodyBefore(queue, contactAt, deadlines.workTo);
    const queueOpensAt = closed ? nextOpening(queue, contactAt) : undefined;
    const notes = residentNotes({
      advice: triage.advice,
      whereToTurn: config.whereToTurn,
      ...(outOfHours ? { outOfHours: { ...(queueOpensAt ? { opensAt: queueOpensAt } : {}) } } : {}),
      // When the screen raised the contact, the emergency advice speaks; the milder rule's words would mislead.
      ...(triage.raisedBy ? {} : { ruleAdvice: residentRuleAdvice(config.routing, triage.ruleId) }),
    });
    return { contactAt, triage, deadlines, notes, outOfHours, ...(queueOpensAt ? { queueOpensAt } : {}), ...(age !== undefined ? { age } : {}) };
  }

  /**
   * The contact's Task, stored in the same statement as the response and its audit record.
   * A contact that no care-guarantee rule fitted also records the gap: that one goes through
   * `afterCreate`'s transaction instead.
   */
  companions(_ctx: RequestContext, toStore: Resource & { id: string }, prepared: unknown): Companions | undefined {
    if (!prepared || (prepared as Suggested).deadlines.gap) return prepared ? undefined : { resources: [], headers: {} };
    const task = { ...this.task(toStore as QuestionnaireResponse & { id: string }, prepared as Suggested), id: randomUUID() };
    return { resources: [task], headers: { 'X-Ovi-Task': `Task/${task.id}` } };
  }

  async afterCreate(_ctx: RequestContext, stored: Stored, tx: SqlExecutor, prepared: unknown): Promise<Record<string, string>> {
    if (!prepared) return {};
    const { deadlines, age } = prepared as Suggested;
    const created = await this.store.create(this.task(stored as Stored<QuestionnaireResponse>, prepared as Suggested), { tx });
    // The contact got the strictest limit; the missing rule is logged for the administrator.
    if (deadlines.gap) await recordConfigurationGap(tx, { service: deadlines.gap.service, urgency: deadlines.gap.urgency, ...(age !== undefined ? { age } : {}) });
    return { 'X-Ovi-Task': `Task/${created.id}` };
  }

  /** The contact's Task in the client-guidance queue, in the register of the service it is routed to. */
  private task(response: QuestionnaireResponse & { id: string }, prepared: Suggested): Task {
    const { contactAt, triage, deadlines, notes, queueOpensAt, outOfHours, topic } = prepared;
    const channel = (response.extension?.find((e) => e.url === EXTENSIONS.contactChannel)?.valueCode ?? 'web-form') as Channel;
    const reason = reasonOf(response);
    const task = buildGuidanceTask({
      patient: response.subject?.reference ?? '',
      response: `QuestionnaireResponse/${response.id}`,
      channel,
      contactAt,
      triage,
      deadlines,
      summary: topic?.fi ?? reason?.display ?? reason?.code ?? 'Yhteydenotto',
      ...(topic ? { summaryTexts: topic } : {}),
      notes,
      outOfHours,
      ...(queueOpensAt ? { queueOpensAt } : {}),
    });
    return inRegister(task, registerOf(triage.service));
  }

  /**
   * Who may send a contact about whom, and who its author is: a resident about themself, a
   * guardian about their child, an authorised representative about the adult who authorised
   * them while the authorisation holds (recorded on the child or the principal, authored by the
   * guardian's or representative's RelatedPerson; the audit names the sender as the agent and
   * the client as the entity); professionals, guidance staff included, through the access policy: a
   * client who is not yet in one's work needs a recorded reason (e.g. "the client called").
   */
  private async grant(ctx: RequestContext, patientRef: string, patient: Patient | undefined): Promise<{ grant: AccessGrant; patient: Patient; author: NonNullable<QuestionnaireResponse['author']> }> {
    const self: NonNullable<QuestionnaireResponse['author']> = { reference: ctx.user.fhirUser, display: ctx.user.name };
    if (hasRole(ctx.user, 'resident')) {
      if (patient && patientRef === ctx.user.fhirUser) return { grant: { patients: [patientRef], byRecordedReason: false }, patient, author: self };
      const proxy = patient ? await actingFor(this.db, ctx.user.fhirUser, patientRef) : undefined;
      // Whether someone else's record exists is itself personal: answer as if it did not.
      if (!patient || !proxy) throw notFound(`${patientRef} was not found`);
      return {
        grant: { patients: [patientRef], byRecordedReason: false },
        patient,
        author: { reference: proxy.relatedPerson, display: proxy.display ?? ctx.user.name },
      };
    }
    if (!patient) throw notFound(`${patientRef} was not found`);
    return { grant: await this.access.checkPatients(ctx.user, 'QuestionnaireResponse', [patientRef], 'create', ctx.reason), patient, author: self };
  }

  /**
   * The guidance configuration (routing rules, care-guarantee rules, safety screen, opening
   * hours, where to turn), read again only when a setting's version has changed since.
   */
  private guidanceConfig(read: IntakeRead): Promise<GuidanceConfig> {
    const versions = JSON.stringify(Object.entries(read.settingVersions).sort(([a], [b]) => a.localeCompare(b)));
    if (this.config?.versions !== versions) {
      // Read after the versions were: at worst newer than they say, and then read again next time.
      const values = this.settings.all();
      this.config = { versions, values };
      values.catch(() => {
        if (this.config?.values === values) this.config = undefined;
      });
    }
    return this.config.values;
  }

  /**
   * The questionnaire version the answers are checked against (decision 011): the version the
   * response names while it was in force within the last day, the current one otherwise. Looked
   * up again only when a Questionnaire with its URL has changed.
   */
  private async questionnaire(canonical: string, read: IntakeRead): Promise<Questionnaire> {
    let cached = this.questionnaires.get(canonical);
    if (cached?.versions !== read.questionnaires) {
      const found = this.findQuestionnaire(canonical);
      cached = { versions: read.questionnaires, found };
      if (this.questionnaires.size > 100) this.questionnaires.clear();
      this.questionnaires.set(canonical, cached);
      found.catch(() => {
        if (this.questionnaires.get(canonical)?.found === found) this.questionnaires.delete(canonical);
      });
    }
    const { current, named } = await cached.found;
    if (!current) throw badRequest(`Unknown questionnaire ${canonical}`, ['QuestionnaireResponse.questionnaire']);
    if (canonical.includes('|') && !named) throw badRequest(`Unknown questionnaire version ${canonical}`, ['QuestionnaireResponse.questionnaire']);
    const questionnaire = questionnaireToCheck(current, named, new Date(nowMs()));
    // A retired questionnaire takes no new contacts, whichever version was answered.
    if (current.status !== 'active' || questionnaire.status !== 'active') throw badRequest(`Questionnaire ${canonical} is not active`, ['QuestionnaireResponse.questionnaire']);
    return questionnaire;
  }

  private async findQuestionnaire(canonical: string): Promise<FoundQuestionnaire> {
    const [url = '', version] = canonical.split('|');
    const found = await this.store.search({ resourceType: 'Questionnaire', filters: [{ code: 'url', kind: 'uri', values: [url] }], sort: [], count: 1, offset: 0 }, undefined, false);
    const current = found.resources[0] as Questionnaire | undefined;
    if (!current || !version) return { ...(current ? { current } : {}) };
    if (current.version === version) return { current, named: { questionnaire: current } };
    const named = await questionnaireVersion(this.db, url, version);
    return { current, ...(named ? { named } : {}) };
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
  const now = nowMs();
  const t = authored ? Date.parse(authored) : Number.NaN;
  return Number.isNaN(t) || t > now || t < now - BACKDATE_LIMIT_MS ? new Date(now) : new Date(t);
}

/** The winning rule's own words for the resident (the fallback's when no rule matched). */
function residentRuleAdvice(rules: RoutingRuleSet, ruleId: string): LocalizedText | undefined {
  if (ruleId === 'fallback') return rules.fallback.explanation;
  return rules.rules.find((r) => r.id === ruleId)?.explanation;
}

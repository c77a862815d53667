import { randomUUID } from 'node:crypto';
import type { Communication, HealthcareService, Patient, Task } from '@medplum/fhirtypes';
import {
  SYSTEMS,
  TASK_CODES,
  noticeDeadlines,
  parseNoticeDraft,
  residentNotes,
  taskPriorityFor,
  toHelsinkiDate,
  triageMessage,
  type NoticeDeadline,
  type NoticeDraft,
  type NoticeSender,
  type ResidentNote,
  type Urgency,
} from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import type { UserContext } from '../auth/userContext';
import { hasRole, isStaff } from '../auth/userContext';
import { forbidden, invalidResource, notFound } from '../fhir/outcomes';
import { taskInput } from '../guidance/guidanceTask';
import { inRegister } from '../access/registerLabels';
import { now as clockNow } from '../time/clock';
import { publicSender, unverifiedPerson } from '../helpRequests/unverifiedPerson';
import { CONFIDENTIAL_NOTICE, NOTICE_KIND_SYSTEM } from './noticeLabels';

/** Hilmo – Yhteystapa R56: remote contact without real-time interaction (an electronic form). DOMAIN.md §8.1. */
const HILMO_FORM_CONTACT_MODE = 'R56';

export interface NoticeAnswer {
  id: string;
  receivedAt: string;
  deadlines: NoticeDeadline[];
  urgency: Urgency;
  advice: string[];
  notes: ResidentNote[];
}

/** Who sends: nobody logged in, a resident, or a professional (managers and admins do not send notices). */
export function senderOf(user: UserContext | undefined): NoticeSender {
  if (!user) return 'public';
  if (hasRole(user, 'resident')) return 'resident';
  if (isStaff(user)) return 'professional';
  throw forbidden('Notices are sent by professionals, residents or anyone without logging in; not from a manager or administrator account');
}

/**
 * A social-welfare contact, a child-welfare notification or an application becomes one item of
 * work in the social-services queue: the notice as a Communication and a Task owned by the social
 * services, both in the social-welfare register, the notices also marked confidential (only
 * social-welfare staff see them). The Task carries the legal deadlines with their sources; the
 * same-day urgency assessment is its assessment-due, the next legal limit its deadline. The
 * danger-word scan runs on the description: it raises, and the sender is told at once where
 * to turn. One transaction with the audit record.
 */
export class NoticeIntake {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly guidance: GuidanceSettings,
  ) {}

  /** The draft checked for its sender (400 with every problem). */
  parse(body: unknown, sender: NoticeSender): NoticeDraft {
    const { draft, issues } = parseNoticeDraft(body, sender, toHelsinkiDate(clockNow()));
    if (!draft) throw invalidResource(issues.map((i) => ({ severity: 'error', code: 'invalid', details: { text: i.message }, diagnostics: i.message, expression: [i.field] })));
    return draft;
  }

  async receive(draft: NoticeDraft, user: UserContext | undefined, address: string | undefined): Promise<NoticeAnswer> {
    const at = clockNow();
    const person = await this.personOf(draft, user);
    const [owner, screen, whereToTurn] = await Promise.all([this.socialServices(), this.guidance.safetyScreen(), this.guidance.whereToTurn()]);
    const deadlines = noticeDeadlines(draft.kind, at, { birthDate: person.birthDate ?? draft.about.birthDate, highestCareAllowance: draft.about.highestCareAllowance });
    // A child-welfare notification is urgent until a social worker has assessed it (LSL 26 §); danger words raise further.
    const triage = triageMessage(draft.description, screen, draft.kind === 'child-welfare-notification' ? 'urgent' : 'non-urgent');
    const confidential = draft.kind !== 'application';
    const label = <T extends Task | Communication>(r: T): T => {
      const labelled = inRegister(r, 'social');
      return confidential ? { ...labelled, meta: { ...labelled.meta, tag: [...(labelled.meta?.tag ?? []), CONFIDENTIAL_NOTICE] } } : labelled;
    };
    const subject = { reference: `Patient/${person.id}`, ...(person.name?.[0]?.text ? { display: person.name[0].text } : {}) };
    const reporter = reporterOf(draft, user);
    const messageId = randomUUID();
    const taskId = randomUUID();
    const message: Communication & { id: string } = {
      ...label<Communication>({
        resourceType: 'Communication',
        status: 'completed',
        category: [{ coding: [{ system: NOTICE_KIND_SYSTEM, code: draft.kind }] }],
        subject,
        ...(reporter.sender ? { sender: reporter.sender } : {}),
        recipient: [owner],
        sent: at.toISOString(),
        payload: [{ contentString: draft.description }],
      }),
      id: messageId,
    };
    const task: Task & { id: string } = {
      ...label<Task>({
        resourceType: 'Task',
        status: 'ready',
        intent: 'order',
        priority: taskPriorityFor(triage.urgency),
        code: { coding: [{ system: SYSTEMS.taskCode, code: TASK_CODES.socialNotice, display: 'Social-welfare notice' }] },
        description: `${KIND_TEXT[draft.kind]}${draft.service ? ` (${draft.service})` : ''}: ${draft.description.replace(/\s+/g, ' ').slice(0, 80)}`,
        for: subject,
        focus: { reference: `Communication/${messageId}` },
        authoredOn: at.toISOString(),
        owner,
        performerType: [{ coding: [{ system: SYSTEMS.profession, code: draft.kind === 'child-welfare-notification' ? 'social-worker' : 'social-instructor' }] }],
        restriction: { period: { end: deadlines.workTo.toISOString() } },
        input: [
          taskInput('urgency', { valueCode: triage.urgency }),
          taskInput('channel', { valueCode: draft.kind === 'application' ? 'web-form' : 'concern' }),
          taskInput('contact-mode', { valueCoding: { system: SYSTEMS.contactMode, code: HILMO_FORM_CONTACT_MODE, display: 'Etäasiointi ilman reaaliaikaista kontaktia' } }),
          taskInput('service', { valueCode: 'social-services' }),
          taskInput('notice-kind', { valueCode: draft.kind }),
          taskInput('assessment-due', { valueDateTime: deadlines.assessmentDue.toISOString() }),
          ...(deadlines.workToIsLegal
            ? [taskInput('legal-deadline', { valueDateTime: deadlines.workTo.toISOString() }), taskInput('legal-basis', { valueString: JSON.stringify({ ruleId: draft.kind, label: deadlines.deadlines[1]?.label, source: deadlines.workToSource }) })]
            : [taskInput('regional-deadline', { valueDateTime: deadlines.workTo.toISOString() }), taskInput('regional-basis', { valueString: JSON.stringify({ ruleId: draft.kind, label: deadlines.deadlines[1]?.label, source: deadlines.workToSource }) })]),
          taskInput('notice-deadlines', { valueString: JSON.stringify(deadlines.deadlines) }),
          taskInput('reporter', { valueString: JSON.stringify(reporter.details) }),
          taskInput('about', { valueString: JSON.stringify(draft.about) }),
          ...(draft.service ? [taskInput('applied-service', { valueCode: draft.service })] : []),
          ...(triage.raised ? [taskInput('raised-by', { valueCode: 'free-text' }), taskInput('rule-urgency', { valueCode: draft.kind === 'child-welfare-notification' ? 'urgent' : 'non-urgent' })] : []),
          ...triage.textMatches.map((m) => taskInput('danger-words', { valueString: JSON.stringify({ groupId: m.groupId, matched: m.matched, label: m.label }) })),
        ],
      }),
      id: taskId,
    };
    const audit = this.fhir.audit.event({
      user: user ?? publicSender(),
      interaction: 'create',
      what: [`Task/${taskId}`, `Communication/${messageId}`, ...(person.created ? [`Patient/${person.id}`] : [])],
      patients: [`Patient/${person.id}`],
      success: true,
      address,
      description: 'social-services matter received',
    });
    await this.db.transaction((tx) => this.fhir.store.createMany([...(person.created ? [person.record] : []), message, task, audit], tx));
    return { id: taskId, receivedAt: at.toISOString(), deadlines: deadlines.deadlines, urgency: triage.urgency, advice: triage.advice, notes: residentNotes({ advice: triage.advice, whereToTurn }) };
  }

  /**
   * The person the matter is about. An application: the resident or someone they act for (else
   * 404). A notice: the client with that identity code when one is given and known, else a new
   * record of what the reporter told (never matched by name: see unverifiedPerson).
   */
  private async personOf(draft: NoticeDraft, user: UserContext | undefined): Promise<{ id: string; name?: Patient['name']; birthDate?: string; created: boolean; record: Patient & { id: string } }> {
    if (draft.kind === 'application') {
      const ref = draft.about.patient ?? user?.fhirUser ?? '';
      if (!user || !(await this.fhir.access.residentActsFor(user, ref))) throw notFound(`${ref} was not found`);
      const patient = await this.fhir.store.readOptional<Patient>('Patient', ref.slice('Patient/'.length));
      if (!patient?.id) throw notFound(`${ref} was not found`);
      return { id: patient.id, name: patient.name, birthDate: patient.birthDate, created: false, record: patient as Patient & { id: string } };
    }
    const { about } = draft;
    if (about.identityCode) {
      const found = await this.fhir.store.search(
        { resourceType: 'Patient', filters: [{ code: 'identifier', kind: 'token', values: [`${SYSTEMS.personalIdentityCode}|${about.identityCode}`] }], sort: [], count: 2, offset: 0 },
        undefined,
        false,
      );
      const known = found.resources.length === 1 ? (found.resources[0] as Patient & { id: string }) : undefined;
      if (known) return { id: known.id, name: known.name, birthDate: known.birthDate, created: false, record: known };
    }
    const record = { ...unverifiedPerson(about), id: randomUUID() };
    return { id: record.id, name: record.name, birthDate: record.birthDate, created: true, record };
  }

  /** The social services' own service, whose staff the notice's Task belongs to. */
  private async socialServices(): Promise<{ reference: string; display?: string }> {
    const found = await this.fhir.store.search(
      { resourceType: 'HealthcareService', filters: [{ code: 'service-type', kind: 'token', values: ['social-services'] }], sort: [{ code: '_id', kind: 'id', descending: false }], count: 1, offset: 0 },
      undefined,
      false,
    );
    const service = found.resources[0] as HealthcareService | undefined;
    if (!service?.id) throw forbidden('No social-services service is configured to receive notices; call the social services instead');
    return { reference: `HealthcareService/${service.id}`, ...(service.name ? { display: service.name } : {}) };
  }
}

const KIND_TEXT: Record<NoticeDraft['kind'], string> = {
  'child-welfare-notification': 'Lastensuojeluilmoitus',
  'social-welfare-contact': 'Yhteydenotto sosiaalihuoltoon',
  application: 'Hakemus',
};

/** Who notified: a professional and a named resident by their account; anyone else as they told; an anonymous one not at all. */
function reporterOf(draft: NoticeDraft, user: UserContext | undefined): { sender?: { reference?: string; display: string }; details: Record<string, unknown> } {
  const r = draft.reporter;
  if (r.anonymous) return { details: { anonymous: true } };
  if (user) {
    const details = { anonymous: false, name: user.name, reference: user.fhirUser, professional: isStaff(user), ...(r.phone ? { phone: r.phone } : {}), ...(r.email ? { email: r.email } : {}), ...(r.organisation ? { organisation: r.organisation } : {}), ...(r.relation ? { relation: r.relation } : {}) };
    return { sender: { reference: user.fhirUser, display: user.name }, details };
  }
  return { sender: { display: r.name ?? '' }, details: { ...r, professional: false } };
}

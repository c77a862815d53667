import { randomUUID } from 'node:crypto';
import type { Communication, Patient, Task } from '@medplum/fhirtypes';
import {
  SYSTEMS,
  TASK_CODES,
  callbackBy,
  queueFor,
  registerOf,
  residentNotes,
  taskPriorityFor,
  triageMessage,
  type HelpRequest,
  type HelpRequestSettings,
  type HelpService,
  type ResidentNote,
  type Urgency,
} from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import { taskInput } from '../guidance/guidanceTask';
import { inRegister } from '../access/registerLabels';
import { now as clockNow } from '../time/clock';
import { publicSender, unverifiedPerson } from './unverifiedPerson';

/** Hilmo – Yhteystapa R52: real-time remote contact (a call). The call-back is one. DOMAIN.md §8.1. */
export const HILMO_CALL_CONTACT_MODE = 'R52';

/** Who calls back for each service the help button offers. */
const CALLER: Record<HelpService, string> = { 'family-centre': 'public-health-nurse', 'social-services': 'social-instructor', 'primary-care': 'nurse' };

export interface HelpRequestAnswer {
  id: string;
  callbackBy: string;
  urgency: Urgency;
  /** What to do now, life-saving call first (the danger-word scan's advice). */
  advice: string[];
  notes: ResidentNote[];
}

/**
 * A help-button request becomes one contact in the client-guidance queue, measured like any
 * other: a client-guidance Task, channel help-button with the Hilmo contact type R52, the
 * call-back promise as its deadline, the request text as a Communication from the caller, and
 * the caller's client record (unverified). The danger-word scan runs on the message; it only
 * raises. All in one transaction with its audit record.
 */
export class HelpRequestIntake {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly guidance: GuidanceSettings,
  ) {}

  async receive(request: HelpRequest, settings: HelpRequestSettings, address: string | undefined): Promise<HelpRequestAnswer> {
    const [screen, hours, whereToTurn] = await Promise.all([this.guidance.safetyScreen(), this.guidance.serviceHours(), this.guidance.whereToTurn()]);
    const at = clockNow();
    const triage = triageMessage(request.message, screen);
    const due = callbackBy(at, triage.urgency, queueFor(hours, request.service), settings);
    const register = registerOf(request.service);
    const patientId = randomUUID();
    const messageId = randomUUID();
    const taskId = randomUUID();
    const patient: Patient & { id: string } = { ...unverifiedPerson({ name: request.name, phone: request.phone }), id: patientId };
    const subject = { reference: `Patient/${patientId}`, display: request.name };
    const message: Communication & { id: string } = {
      ...inRegister<Communication>(
        {
          resourceType: 'Communication',
          status: 'completed',
          category: [{ coding: [{ system: SYSTEMS.channel, code: 'help-button' }] }],
          subject,
          sender: subject,
          sent: at.toISOString(),
          payload: [{ contentString: request.message }],
        },
        register,
      ),
      id: messageId,
    };
    const task: Task & { id: string } = { ...inRegister(helpTask({ request, subject, message: `Communication/${messageId}`, at, due, urgency: triage.urgency, raised: triage.raised, matches: triage.textMatches }), register), id: taskId };
    const audit = this.fhir.audit.event({
      user: publicSender(request.name),
      interaction: 'create',
      what: [`Task/${taskId}`, `Communication/${messageId}`, `Patient/${patientId}`],
      patients: [`Patient/${patientId}`],
      success: true,
      address,
      description: 'help button: call-back request',
    });
    await this.db.transaction((tx) => this.fhir.store.createMany([patient, message, task, audit], tx));
    const notes = residentNotes({ advice: triage.advice, whereToTurn });
    return { id: taskId, callbackBy: due.toISOString(), urgency: triage.urgency, advice: triage.advice, notes };
  }
}

function helpTask(h: {
  request: HelpRequest;
  subject: { reference: string; display: string };
  message: string;
  at: Date;
  due: Date;
  urgency: Urgency;
  raised: boolean;
  matches: ReturnType<typeof triageMessage>['textMatches'];
}): Task {
  const profession = CALLER[h.request.service];
  return {
    resourceType: 'Task',
    status: 'ready',
    intent: 'order',
    priority: taskPriorityFor(h.urgency),
    code: { coding: [{ system: SYSTEMS.taskCode, code: TASK_CODES.clientGuidance, display: 'Client guidance' }] },
    description: `Soittopyyntö: ${h.request.message.replace(/\s+/g, ' ').slice(0, 80)}`,
    for: h.subject,
    focus: { reference: h.message },
    authoredOn: h.at.toISOString(),
    performerType: [{ coding: [{ system: SYSTEMS.profession, code: profession }] }],
    restriction: { period: { end: h.due.toISOString() } },
    input: [
      taskInput('urgency', { valueCode: h.urgency }),
      taskInput('channel', { valueCode: 'help-button' }),
      taskInput('contact-mode', { valueCoding: { system: SYSTEMS.contactMode, code: HILMO_CALL_CONTACT_MODE, display: 'Reaaliaikainen etäasiointi' } }),
      taskInput('service', { valueCode: h.request.service }),
      // The call is the assessment: it is due when the call-back is.
      taskInput('assessment-due', { valueDateTime: h.due.toISOString() }),
      taskInput('callback-by', { valueDateTime: h.due.toISOString() }),
      taskInput('callback-phone', { valueString: h.request.phone }),
      taskInput('best-time', { valueCode: h.request.bestTime }),
      taskInput('suggested', { valueString: JSON.stringify({ urgency: h.urgency, service: h.request.service, profession }) }),
      ...(h.raised ? [taskInput('raised-by', { valueCode: 'free-text' }), taskInput('rule-urgency', { valueCode: 'non-urgent' })] : []),
      ...h.matches.map((m) => taskInput('danger-words', { valueString: JSON.stringify({ groupId: m.groupId, matched: m.matched, label: m.label }) })),
    ],
  };
}

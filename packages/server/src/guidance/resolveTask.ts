import type { Appointment, Communication, Location, Organization, Patient, PractitionerRole, Reference, Task } from '@medplum/fhirtypes';
import { GUIDANCE_OUTCOMES, MESSAGE_THREAD_EXTENSION, OVI_FHIR_BASE, SYSTEMS, TASK_CODES, calendarDaysBetween, registerOf, toHelsinkiDate, type GuidanceOutcome } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import { badRequest, conflict, forbidden } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { OperationParameters } from '../fhir/parameters';
import { isStaff } from '../auth/userContext';
import { taskInput } from './guidanceTask';
import { assertQualified, qualificationsOf, type Qualifications } from '../access/qualifications';
import type { GuidanceSettings } from './guidanceSettings';
import { currentNeed, isAssessed, recordAssessment, type AssessedNeed } from './needAssessment';
import { now as clockNow, nowMs } from '../time/clock';
import type { SqlExecutor } from '../db/database';
import { bookingOf, contactAlreadyBooked, contactOf, liveBooking } from '../scheduling/contactBooking';
import { handoverInputs, parseHandover, takeHandover, withHandover } from './handoverNote';
import { originOf, type FeedbackTrigger } from '../feedback/feedbackTrigger';

const ROUTE_TARGETS = ['CareTeam', 'HealthcareService', 'Practitioner', 'PractitionerRole', 'Organization'];
const MAX_NOTE = 4000;

interface Decision {
  outcome: GuidanceOutcome;
  note: string;
  routeTo?: Reference;
  appointment?: Reference;
}

/**
 * `Task/{id}/$resolve`: the professional's decision on a contact. Completes the Task with the
 * outcome, sends the note to the resident as a Communication and, when routed, gives the
 * receiving team or service a new Task with the same deadline. All in one transaction.
 */
export class ResolveTask {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: GuidanceSettings,
    /** Told of the reply once it is committed (the "a message waits" e-mail). */
    private readonly onReply: (message: Communication) => void = () => undefined,
    /** A closed contact gives the resident a survey, made in the resolving transaction. */
    private readonly feedback?: FeedbackTrigger,
  ) {}

  async run(ctx: RequestContext, taskId: string, body: unknown): Promise<Stored<Task>> {
    if (!isStaff(ctx.user)) throw forbidden('Only client-guidance and team professionals resolve contacts');
    const decision = parseDecision(body);
    const current = await this.fhir.store.read<Task>('Task', taskId);
    const code = current.code?.coding?.[0]?.code;
    if (code !== TASK_CODES.clientGuidance && code !== TASK_CODES.routedWork && code !== TASK_CODES.message) throw badRequest(`Task/${taskId} is not a contact to resolve`);
    const grant = await this.fhir.authorize(ctx, current, 'operation', [`Task/${taskId}`], false);
    const qualifications = await qualificationsOf(this.fhir.store, ctx.user);
    const register = registerOf(currentNeed(current).service ?? 'primary-care');
    assertMayResolve(qualifications, register, decision.outcome);
    // An unassessed contact closed by a professional qualified for it: the decision is their assessment.
    const assessBy = !isAssessed(current) && qualifications[register] ? await this.implicitAssessment(current) : undefined;
    if (decision.routeTo) await this.assertTargetExists(decision.routeTo);
    // Checked here for a plain answer, and again under the Task's lock below.
    if (decision.appointment) await this.bookedAppointment(decision.appointment, current);
    const sent: Communication[] = [];
    // Read before the transaction: PGlite has one connection.
    const terms = this.feedback ? await this.feedback.invitations.terms() : undefined;
    let invited = false;
    const result = await this.db.transaction(async (tx) => {
      const now = clockNow().toISOString();
      let routedTask: Stored<Task> | undefined;
      if (assessBy) {
        const latest = await this.fhir.store.read<Task>('Task', taskId, tx);
        if (latest.status !== 'completed' && latest.status !== 'cancelled' && !isAssessed(latest)) {
          await recordAssessment(this.fhir.store, tx, { task: latest, need: assessBy.need, user: ctx.user, at: new Date(now), patient: assessBy.patient, config: assessBy.config });
        }
      }
      const resolved = await this.fhir.store.update<Task>(
        'Task',
        taskId,
        async (task) => {
          if (task.status === 'completed' || task.status === 'cancelled') {
            throw conflict(`Task/${taskId} was already resolved (${task.businessStatus?.coding?.[0]?.code ?? task.status})`);
          }
          if (decision.outcome === 'routed' && decision.routeTo) {
            routedTask = await this.fhir.store.create(routedWork(task, taskId, decision.routeTo, ctx.user.fhirUser), { tx });
          }
          const booked = decision.appointment ? await this.bookedAppointment(decision.appointment, task, tx) : undefined;
          return completeTask(task, decision, ctx, now, routedTask, booked);
        },
        { tx },
      );
      // The visit names the contact it answers, as `$book` with `task` does: the waiting-time
      // measure finds the assessment through it (decision 018).
      if (decision.appointment) await linkVisitToContact(this.fhir.store, tx, decision.appointment, taskId);
      const message = await this.fhir.store.create(inThread(await reply(this.fhir.store, tx, resolved, decision.note, ctx, now), resolved), { tx });
      sent.push(message);
      await this.fhir.audit.record(
        {
          user: ctx.user,
          interaction: 'operation',
          what: [`Task/${taskId}`, `Communication/${message.id}`, ...(routedTask ? [`Task/${routedTask.id}`] : [])],
          patients: grant.patients,
          success: true,
          reason: ctx.reason,
          byRecordedReason: grant.byRecordedReason,
          description: `$resolve ${decision.outcome}`,
        },
        tx,
      );
      if (terms && this.feedback) invited = await this.feedback.invitations.inviteForContact(tx, resolved, decision.outcome, ctx.user, terms, new Date(now));
      return resolved;
    });
    for (const message of sent) this.onReply(message);
    if (invited) this.feedback?.mail.sendSoon(originOf(ctx.baseUrl));
    return result;
  }

  /**
   * The booked Appointment of the same client that answers this contact. When the contact
   * already has a booked visit recorded (`$book` with `task`), the decision must name that one:
   * booking and deciding then stay one booking per contact (decision 006). In `tx` (under the
   * Task's lock) the checks see what cancellations and moves have committed.
   */
  private async bookedAppointment(ref: Reference, task: Task, tx?: SqlExecutor): Promise<Appointment> {
    const { id } = localReference(ref.reference, ['Appointment'], 'Parameters.parameter.appointment');
    if (tx && bookingOf(task) && bookingOf(task) !== `Appointment/${id}`) {
      const recorded = await liveBooking(this.fhir.store, tx, task, nowMs());
      if (recorded) throw contactAlreadyBooked(recorded);
    }
    const appointment = await this.fhir.store.readOptional<Appointment>('Appointment', id, tx);
    if (!appointment) throw badRequest(`appointment ${ref.reference ?? ''} does not exist`, ['Parameters.parameter.appointment']);
    if (appointment.status !== 'booked') throw badRequest(`Appointment/${id} is ${appointment.status}, not booked`, ['Parameters.parameter.appointment']);
    if (!appointment.participant.some((p) => p.actor?.reference === task.for?.reference)) {
      throw badRequest(`Appointment/${id} is not for this contact's client`, ['Parameters.parameter.appointment']);
    }
    return appointment;
  }

  /** The suggestion accepted as it stands, with what the deadlines need. */
  private async implicitAssessment(task: Task): Promise<{ need: AssessedNeed; patient?: Patient; config: Awaited<ReturnType<GuidanceSettings['careGuarantee']>> } | undefined> {
    const need = currentNeed(task);
    if (!need.urgency || !need.service || !need.profession) return undefined;
    const [patient, config] = await Promise.all([
      task.for?.reference ? this.fhir.store.readOptional<Patient>('Patient', task.for.reference.replace('Patient/', '')) : undefined,
      this.settings.careGuarantee(),
    ]);
    return { need: { urgency: need.urgency, service: need.service, profession: need.profession }, ...(patient ? { patient } : {}), config };
  }

  private async assertTargetExists(ref: Reference): Promise<void> {
    const { type, id, reference } = localReference(ref.reference, ROUTE_TARGETS, 'Parameters.parameter.routeTo');
    if (!(await this.fhir.store.readOptional(type, id))) throw badRequest(`routeTo ${reference} does not exist`, ['Parameters.parameter.routeTo']);
  }
}

/**
 * Closing a contact decides its need, so it takes a professional qualified for the matter's
 * register. Routing passes the matter on unassessed to those who are, so any registered
 * professional may route.
 */
function assertMayResolve(q: Qualifications, register: 'health' | 'social', outcome: GuidanceOutcome): void {
  if (outcome === 'routed') {
    if (!q.health && !q.social) throw forbidden('You may not route contacts: routing needs a registered health-care (Terhikki) or social-welfare (Suosikki) professional');
    return;
  }
  assertQualified(q, [register], `close this contact as ${outcome}`);
}

function parseDecision(body: unknown): Decision {
  const params = OperationParameters.parse(body, ['outcome', 'note', 'routeTo', 'appointment', 'handover']);
  const outcome = params.get('outcome')?.valueCode;
  if (!outcome || !(GUIDANCE_OUTCOMES as readonly string[]).includes(outcome)) {
    throw badRequest(`outcome must be a valueCode, one of ${GUIDANCE_OUTCOMES.join(', ')}`, ['Parameters.parameter.outcome']);
  }
  const note = params.get('note')?.valueString?.trim();
  if (!note) throw badRequest('note (valueString) to the resident is required', ['Parameters.parameter.note']);
  if (note.length > MAX_NOTE) throw badRequest(`note is longer than ${MAX_NOTE} characters`, ['Parameters.parameter.note']);
  // The internal hand-over note rides on routeTo to the routed Task (handoverNote.ts).
  const routeTo = withHandover(params.get('routeTo')?.valueReference, parseHandover(params.get('handover'), outcome));
  if (outcome === 'routed' && !routeTo) throw badRequest('routeTo (valueReference) is required when the outcome is routed', ['Parameters.parameter.routeTo']);
  if (outcome !== 'routed' && routeTo) throw badRequest('routeTo is only for the outcome routed', ['Parameters.parameter.routeTo']);
  const appointment = params.get('appointment')?.valueReference;
  if (outcome === 'booked' && !appointment) throw badRequest('appointment (valueReference to the booked Appointment) is required when the outcome is booked', ['Parameters.parameter.appointment']);
  if (outcome !== 'booked' && appointment) throw badRequest('appointment is only for the outcome booked', ['Parameters.parameter.appointment']);
  return { outcome: outcome as GuidanceOutcome, note, routeTo, appointment };
}

function completeTask(task: Task, decision: Decision, ctx: RequestContext, now: string, routed?: Stored<Task>, booked?: Appointment): Task {
  return {
    ...task,
    status: 'completed',
    businessStatus: { coding: [{ system: SYSTEMS.guidanceOutcome, code: decision.outcome }], text: decision.outcome },
    owner: task.owner ?? { reference: ctx.user.fhirUser, display: ctx.user.name },
    executionPeriod: { ...task.executionPeriod, end: now },
    lastModified: now,
    output: [
      { type: { coding: [{ system: SYSTEMS.taskParameter, code: 'note' }] }, valueString: decision.note },
      { type: { coding: [{ system: SYSTEMS.taskParameter, code: 'resolved-by' }] }, valueReference: { reference: ctx.user.fhirUser, display: ctx.user.name } },
      ...(routed ? [{ type: { coding: [{ system: SYSTEMS.taskParameter, code: 'routed-task' }] }, valueReference: { reference: `Task/${routed.id}` } }] : []),
      ...(booked
        ? [
            { type: { coding: [{ system: SYSTEMS.taskParameter, code: 'appointment' }] }, valueReference: { reference: `Appointment/${booked.id}` } },
            { type: { coding: [{ system: SYSTEMS.taskParameter, code: 'appointment-start' }] }, valueDateTime: booked.start },
            {
              type: { coding: [{ system: SYSTEMS.taskParameter, code: 'waiting-days' }] },
              valueInteger: calendarDaysBetween(toHelsinkiDate(new Date(task.authoredOn ?? now)), toHelsinkiDate(new Date(booked.start ?? now))),
            },
          ]
        : []),
    ],
  };
}

async function linkVisitToContact(store: ResourceStore, tx: SqlExecutor, ref: Reference, taskId: string): Promise<void> {
  const { id } = localReference(ref.reference, ['Appointment'], 'Parameters.parameter.appointment');
  const current = await store.read<Appointment>('Appointment', id, tx);
  if (contactOf(current)) return;
  await store.update<Appointment>('Appointment', id, (a) => (contactOf(a) ? a : { ...a, supportingInformation: [...(a.supportingInformation ?? []), { reference: `Task/${taskId}` }] }), { tx });
}

function routedWork(task: Task, taskId: string, routeTo: Reference, requester: string): Task {
  const { owner, handover } = takeHandover(routeTo);
  return {
    resourceType: 'Task',
    // Routed work stays in the register of the matter.
    ...(task.meta?.security ? { meta: { security: task.meta.security } } : {}),
    status: 'ready',
    intent: 'order',
    priority: task.priority,
    code: { coding: [{ system: SYSTEMS.taskCode, code: TASK_CODES.routedWork, display: 'Routed work' }] },
    description: task.description,
    for: task.for,
    focus: task.focus,
    basedOn: [{ reference: `Task/${taskId}` }],
    requester: { reference: requester },
    owner: owner as Task['owner'],
    authoredOn: task.authoredOn,
    performerType: task.performerType,
    restriction: task.restriction,
    // The hand-over note for the receiving team (staff only); an earlier one stays on the earlier work.
    input: handoverInputs([...(task.input ?? []), taskInput('routed-from', { valueReference: { reference: `Task/${taskId}` } })], handover),
  };
}

/** The answer to a secure message stays in its thread (messages/messageIntake.ts). */
function inThread(message: Communication, task: Task): Communication {
  const focus = task.focus?.reference;
  if (task.code?.coding?.[0]?.code !== TASK_CODES.message || !focus?.startsWith('Communication/')) return message;
  const thread = task.input?.find((i) => i.type.coding?.[0]?.code === 'message-thread')?.valueReference?.reference ?? focus;
  const answered = [...(task.input ?? [])].reverse().find((i) => i.type.coding?.[0]?.code === 'message')?.valueReference?.reference ?? focus;
  return {
    ...message,
    extension: [...(message.extension ?? []), { url: MESSAGE_THREAD_EXTENSION, valueReference: { reference: thread } }],
    inResponseTo: [{ reference: answered }],
  };
}

/**
 * The message to the resident, signed by the profession and unit of the one who wrote it: the
 * `sender` is their PractitionerRole (the one for the contact's owner when they have several)
 * with "profession, unit" as its display, and the `reply-signature` extension holds the author,
 * the profession coding and the unit. Without a PractitionerRole the sender is the Practitioner.
 * Runs in the resolving transaction: every read goes through `tx`.
 */
async function reply(store: ResourceStore, tx: SqlExecutor, task: Task, note: string, ctx: RequestContext, now: string): Promise<Communication> {
  const author = { reference: ctx.user.fhirUser, display: ctx.user.name };
  const found = await store.search(
    { resourceType: 'PractitionerRole', filters: [{ code: 'practitioner', kind: 'reference', values: [ctx.user.fhirUser] }], sort: [], count: 20, offset: 0 },
    tx,
    false,
  );
  const roles = (found.resources as PractitionerRole[]).filter((r) => r.active !== false && !(r.period?.end && Date.parse(r.period.end) < Date.parse(now)));
  const owner = task.owner?.reference;
  const role =
    roles.find((r) => !!owner && (r.healthcareService?.some((s) => s.reference === owner) || r.organization?.reference === owner || r.location?.some((l) => l.reference === owner))) ??
    roles[0];
  const profession = role?.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === SYSTEMS.profession);
  const professionText = profession?.display ?? role?.code?.[0]?.text;
  const unitRef = role?.location?.[0] ?? role?.organization;
  let unitName = unitRef?.display;
  if (unitRef?.reference && !unitName) {
    const [type, id] = unitRef.reference.split('/');
    if ((type === 'Location' || type === 'Organization') && id) unitName = (await store.readOptional<Location | Organization>(type, id, tx))?.name;
  }
  const signed = [professionText, unitName].filter((part): part is string => !!part);
  return {
    resourceType: 'Communication',
    ...(task.meta?.security ? { meta: { security: task.meta.security } } : {}),
    ...(role?.id
      ? {
          extension: [
            {
              url: `${OVI_FHIR_BASE}/StructureDefinition/reply-signature`,
              extension: [
                { url: 'author', valueReference: author },
                ...(profession ? [{ url: 'profession', valueCoding: profession }] : professionText ? [{ url: 'profession', valueCoding: { display: professionText } }] : []),
                ...(unitRef?.reference ? [{ url: 'unit', valueReference: { reference: unitRef.reference, ...(unitName ? { display: unitName } : {}) } }] : []),
              ],
            },
          ],
        }
      : {}),
    status: 'completed',
    basedOn: [{ reference: `Task/${task.id}` }],
    subject: task.for as Communication['subject'],
    recipient: task.for ? [task.for as NonNullable<Communication['recipient']>[number]] : [],
    sender: role?.id ? { reference: `PractitionerRole/${role.id}`, display: signed.length > 0 ? signed.join(', ') : ctx.user.name } : author,
    sent: now,
    payload: [{ contentString: note }],
  };
}

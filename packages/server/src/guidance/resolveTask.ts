import type { Appointment, Communication, Patient, Reference, Task } from '@medplum/fhirtypes';
import { GUIDANCE_OUTCOMES, SYSTEMS, TASK_CODES, calendarDaysBetween, registerOf, toHelsinkiDate, type GuidanceOutcome } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { badRequest, conflict, forbidden } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { OperationParameters } from '../fhir/parameters';
import { isStaff } from '../auth/userContext';
import { taskInput } from './guidanceTask';
import { assertQualified, qualificationsOf, type Qualifications } from '../access/qualifications';
import type { GuidanceSettings } from './guidanceSettings';
import { currentNeed, isAssessed, recordAssessment, type AssessedNeed } from './needAssessment';
import { now as clockNow } from '../time/clock';

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
  ) {}

  async run(ctx: RequestContext, taskId: string, body: unknown): Promise<Stored<Task>> {
    if (!isStaff(ctx.user)) throw forbidden('Only client-guidance and team professionals resolve contacts');
    const decision = parseDecision(body);
    const current = await this.fhir.store.read<Task>('Task', taskId);
    const code = current.code?.coding?.[0]?.code;
    if (code !== TASK_CODES.clientGuidance && code !== TASK_CODES.routedWork) throw badRequest(`Task/${taskId} is not a contact to resolve`);
    const grant = await this.fhir.authorize(ctx, current, 'operation', [`Task/${taskId}`], false);
    const qualifications = await qualificationsOf(this.fhir.store, ctx.user);
    const register = registerOf(currentNeed(current).service ?? 'primary-care');
    assertMayResolve(qualifications, register, decision.outcome);
    // An unassessed contact closed by a professional qualified for it: the decision is their assessment.
    const assessBy = !isAssessed(current) && qualifications[register] ? await this.implicitAssessment(current) : undefined;
    if (decision.routeTo) await this.assertTargetExists(decision.routeTo);
    const booked = decision.appointment ? await this.bookedAppointment(decision.appointment, current) : undefined;
    return this.db.transaction(async (tx) => {
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
          return completeTask(task, decision, ctx, now, routedTask, booked);
        },
        { tx },
      );
      const message = await this.fhir.store.create(reply(resolved, decision.note, ctx, now), { tx });
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
      return resolved;
    });
  }

  /** The booked Appointment of the same client that answers this contact. */
  private async bookedAppointment(ref: Reference, task: Task): Promise<Appointment> {
    const { id } = localReference(ref.reference, ['Appointment'], 'Parameters.parameter.appointment');
    const appointment = await this.fhir.store.readOptional<Appointment>('Appointment', id);
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
  const params = OperationParameters.parse(body, ['outcome', 'note', 'routeTo', 'appointment']);
  const outcome = params.get('outcome')?.valueCode;
  if (!outcome || !(GUIDANCE_OUTCOMES as readonly string[]).includes(outcome)) {
    throw badRequest(`outcome must be a valueCode, one of ${GUIDANCE_OUTCOMES.join(', ')}`, ['Parameters.parameter.outcome']);
  }
  const note = params.get('note')?.valueString?.trim();
  if (!note) throw badRequest('note (valueString) to the resident is required', ['Parameters.parameter.note']);
  if (note.length > MAX_NOTE) throw badRequest(`note is longer than ${MAX_NOTE} characters`, ['Parameters.parameter.note']);
  const routeTo = params.get('routeTo')?.valueReference;
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

function routedWork(task: Task, taskId: string, routeTo: Reference, requester: string): Task {
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
    owner: routeTo as Task['owner'],
    authoredOn: task.authoredOn,
    performerType: task.performerType,
    restriction: task.restriction,
    input: [...(task.input ?? []), taskInput('routed-from', { valueReference: { reference: `Task/${taskId}` } })],
  };
}

function reply(task: Task, note: string, ctx: RequestContext, now: string): Communication {
  return {
    resourceType: 'Communication',
    ...(task.meta?.security ? { meta: { security: task.meta.security } } : {}),
    status: 'completed',
    basedOn: [{ reference: `Task/${task.id}` }],
    subject: task.for as Communication['subject'],
    recipient: task.for ? [task.for as NonNullable<Communication['recipient']>[number]] : [],
    sender: { reference: ctx.user.fhirUser, display: ctx.user.name },
    sent: now,
    payload: [{ contentString: note }],
  };
}

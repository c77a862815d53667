import type { Patient, Task } from '@medplum/fhirtypes';
import { PROFESSIONS, TASK_CODES, URGENCIES, registerOf, type Profession, type Urgency } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { badRequest, conflict, forbidden } from '../fhir/outcomes';
import { OperationParameters } from '../fhir/parameters';
import { isStaff } from '../auth/userContext';
import { assertQualified, qualificationsOf } from '../access/qualifications';
import type { GuidanceSettings } from './guidanceSettings';
import { currentNeed, recordAssessment, type AssessedNeed } from './needAssessment';
import { now } from '../time/clock';

const MAX_NOTE = 4000;

/** The contact kinds a need assessment is made on. */
export const ASSESSABLE = [TASK_CODES.clientGuidance, TASK_CODES.routedWork] as string[];

/**
 * `Task/{id}/$assess`: a licensed professional's own assessment of a contact's need. It
 * overrides the rules' suggestion (which stays on record beside it), and the Task's priority,
 * profession, service and deadlines follow. A health matter needs a Terhikki-registered
 * professional, a social-welfare matter a Suosikki-registered one; moving a matter from one
 * register to the other needs both.
 */
export class AssessContact {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: GuidanceSettings,
  ) {}

  async run(ctx: RequestContext, taskId: string, body: unknown): Promise<Stored<Task>> {
    if (!isStaff(ctx.user)) throw forbidden('Only professionals assess a need');
    const params = OperationParameters.parse(body, ['urgency', 'service', 'profession', 'note']);
    const task = await this.fhir.store.read<Task>('Task', taskId);
    if (!ASSESSABLE.includes(task.code?.coding?.[0]?.code ?? '')) throw badRequest(`Task/${taskId} is not a contact to assess`);
    const grant = await this.fhir.authorize(ctx, task, 'operation', [`Task/${taskId}`], false);
    const need = this.parseNeed(params, task);
    const before = currentNeed(task).service ?? need.service;
    assertQualified(await qualificationsOf(this.fhir.store, ctx.user), [registerOf(before), registerOf(need.service)], 'assess this need');
    const [patient, config] = await Promise.all([
      task.for?.reference ? this.fhir.store.readOptional<Patient>('Patient', task.for.reference.replace('Patient/', '')) : undefined,
      this.settings.careGuarantee(),
    ]);
    return this.db.transaction(async (tx) => {
      const current = await this.fhir.store.read<Task>('Task', taskId, tx);
      if (current.status === 'completed' || current.status === 'cancelled') throw conflict(`Task/${taskId} was already resolved; a new contact is needed`);
      const { task: updated, assessment } = await recordAssessment(this.fhir.store, tx, { task: current, need, user: ctx.user, at: now(), patient, config });
      await this.fhir.audit.record(
        {
          user: ctx.user,
          interaction: 'operation',
          what: [`Task/${taskId}`, `Observation/${assessment.id}`],
          patients: grant.patients,
          success: true,
          reason: ctx.reason,
          byRecordedReason: grant.byRecordedReason,
          description: `$assess ${need.urgency}`,
        },
        tx,
      );
      return updated;
    });
  }

  private parseNeed(params: OperationParameters, task: Task): AssessedNeed {
    const current = currentNeed(task);
    const urgency = params.get('urgency')?.valueCode;
    if (!urgency || !(URGENCIES as readonly string[]).includes(urgency)) {
      throw badRequest(`urgency must be a valueCode, one of ${URGENCIES.join(', ')}`, ['Parameters.parameter.urgency']);
    }
    const service = params.get('service') ? params.get('service')?.valueCode : current.service;
    if (!service || !this.settings.services().includes(service)) {
      throw badRequest(`service must be a valueCode, one of ${this.settings.services().join(', ')}`, ['Parameters.parameter.service']);
    }
    const profession = params.get('profession') ? params.get('profession')?.valueCode : current.profession;
    if (!profession || !(PROFESSIONS as readonly string[]).includes(profession)) {
      throw badRequest(`profession must be a valueCode, one of ${PROFESSIONS.join(', ')}`, ['Parameters.parameter.profession']);
    }
    const noteParam = params.get('note');
    if (noteParam && typeof noteParam.valueString !== 'string') throw badRequest('note must be a valueString', ['Parameters.parameter.note']);
    const note = noteParam?.valueString?.trim();
    if (note && note.length > MAX_NOTE) throw badRequest(`note is longer than ${MAX_NOTE} characters`, ['Parameters.parameter.note']);
    return { urgency: urgency as Urgency, service, profession: profession as Profession, ...(note ? { note } : {}) };
  }
}

import type { Task } from '@medplum/fhirtypes';
import { SYSTEMS } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { OperationParameters } from '../fhir/parameters';
import { badRequest, conflict, forbidden, markAudited } from '../fhir/outcomes';
import { patientsOf } from '../access/patientLinks';
import { ownerReferences } from '../access/relationships';
import { CONSULTATION } from './consultationRequests';
import { now as clockNow } from '../time/clock';

const MAX_ANSWER = 8000;

/** `Task/{id}/$answer`: the one asked answers on the same Task; the asker sees it there. */
export class AnswerConsultation {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
  ) {}

  async run(ctx: RequestContext, taskId: string, body: unknown): Promise<Stored<Task>> {
    const params = OperationParameters.parse(body, ['answer']);
    const answer = params.get('answer')?.valueString?.trim();
    if (!answer) throw badRequest('answer (valueString) is required', ['Parameters.parameter.answer']);
    if (answer.length > MAX_ANSWER) throw badRequest(`answer is longer than ${MAX_ANSWER} characters`, ['Parameters.parameter.answer']);
    const current = await this.fhir.store.read<Task>('Task', taskId);
    if (current.code?.coding?.[0]?.code !== CONSULTATION) throw badRequest(`Task/${taskId} is not a consultation`);
    if (!(await ownerReferences(this.db, ctx.user)).includes(current.owner?.reference ?? '')) {
      // Someone not asked, whatever their access: refused and recorded against the client.
      const error = forbidden('Only the professional, team or service asked can answer this consultation');
      await this.fhir.audit.record({ user: ctx.user, interaction: 'operation', what: [`Task/${taskId}`], patients: patientsOf(current), success: false, description: `$answer: ${error.message}`, ...(ctx.address ? { address: ctx.address } : {}) });
      throw markAudited(error);
    }
    const grant = await this.fhir.authorize(ctx, current, 'operation', [`Task/${taskId}`], false);
    return this.db.transaction(async (tx) => {
      const answered = await this.fhir.store.update<Task>(
        'Task',
        taskId,
        (task) => {
          if (task.status === 'completed' || task.status === 'cancelled') throw conflict(`Task/${taskId} was already answered`);
          const now = clockNow().toISOString();
          return {
            ...task,
            status: 'completed',
            lastModified: now,
            executionPeriod: { end: now },
            output: [
              { type: { coding: [{ system: SYSTEMS.taskParameter, code: 'answer' }] }, valueString: answer },
              { type: { coding: [{ system: SYSTEMS.taskParameter, code: 'answered-by' }] }, valueReference: { reference: ctx.user.fhirUser, display: ctx.user.name } },
            ],
          };
        },
        { tx },
      );
      await this.fhir.audit.record(
        { user: ctx.user, interaction: 'operation', what: [`Task/${taskId}`], patients: grant.patients, success: true, description: '$answer' },
        tx,
      );
      return answered;
    });
  }
}

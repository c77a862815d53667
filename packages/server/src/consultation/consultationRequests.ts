import type { Resource, Task } from '@medplum/fhirtypes';
import { SYSTEMS } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { CreateHook, RequestContext } from '../fhir/fhirService';
import type { ResourceStore } from '../storage/resourceStore';
import type { AccessGrant, AccessPolicy } from '../access/accessPolicy';
import { badRequest, forbidden } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { isStaff } from '../auth/userContext';
import { taskInput, inputValue } from '../guidance/guidanceTask';
import { now as clockNow, nowMs } from '../time/clock';

/**
 * Whom a consultation may be asked of: someone who can answer it. An Organization is not among
 * them: nobody works "as" an organisation, so a question to one would wait for ever.
 */
const TARGETS = ['Practitioner', 'PractitionerRole', 'CareTeam', 'HealthcareService'];
const MAX_QUESTION = 4000;
export const CONSULTATION = 'consultation';

/**
 * Tasks created through the API are consultation requests: a professional asks another
 * professional, a team or a specialist about a client, with the question and a due date.
 * Other Tasks (contacts, routed work) are made by Ovi's own operations.
 */
export class ConsultationRequests implements CreateHook {
  constructor(
    private readonly store: ResourceStore,
    private readonly access: AccessPolicy,
  ) {}

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; grant: AccessGrant }> {
    if (!isStaff(ctx.user)) throw forbidden('Consultations are asked by professionals');
    const task = resource as Task;
    const code = task.code?.coding?.[0];
    if (code?.system !== SYSTEMS.taskCode || code.code !== CONSULTATION) {
      throw badRequest(`Only consultation requests can be created as Tasks (code ${SYSTEMS.taskCode}#${CONSULTATION})`, ['Task.code']);
    }
    const patient = localReference(task.for?.reference, ['Patient'], 'Task.for').reference;
    const question = inputValue(task, 'question')?.valueString?.trim();
    if (!question) throw badRequest('The question is required: an input of type question with valueString', ['Task.input']);
    if (question.length > MAX_QUESTION) throw badRequest(`The question is longer than ${MAX_QUESTION} characters`, ['Task.input']);
    const due = task.restriction?.period?.end;
    if (!due || Number.isNaN(Date.parse(due)) || Date.parse(due) <= nowMs()) throw badRequest('restriction.period.end must be the due date, in the future', ['Task.restriction.period.end']);
    const { type: ownerType, id: ownerId, reference: owner } = localReference(task.owner?.reference, TARGETS, 'Task.owner');
    if (owner === ctx.user.fhirUser) throw badRequest('Ask someone else: the consultation is addressed to yourself', ['Task.owner']);
    const asked = await this.store.readOptional(ownerType, ownerId);
    if (!asked) throw badRequest(`owner ${owner} does not exist`, ['Task.owner']);
    if (!(await this.store.readOptional('Patient', patient.replace('Patient/', '')))) throw badRequest(`${patient} does not exist`, ['Task.for']);
    const grant = await this.access.checkPatients(ctx.user, 'Task', [patient], 'create', ctx.reason);
    // A consultation gives the one asked a care relationship with the client. One asked on a
    // recorded reason would hand on access the asker does not have: ask once in the client's care.
    if (grant.byRecordedReason) {
      throw forbidden(`You have no care or service relationship with ${patient}: a consultation about the client can be asked only by someone in their care, not on a recorded reason`);
    }
    const request: Task = {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      priority: task.priority ?? 'routine',
      code: { coding: [{ system: SYSTEMS.taskCode, code: CONSULTATION, display: 'Consultation' }] },
      description: task.description,
      for: { reference: patient },
      focus: task.focus,
      requester: { reference: ctx.user.fhirUser, display: ctx.user.name },
      owner: { reference: owner, ...(nameOf(asked) ? { display: nameOf(asked) } : {}) },
      authoredOn: clockNow().toISOString(),
      restriction: { period: { end: new Date(due).toISOString() } },
      input: [taskInput('question', { valueString: question })],
    };
    return { resource: request, grant };
  }

  async afterCreate(_ctx: RequestContext, _stored: Resource, _tx: SqlExecutor): Promise<Record<string, string>> {
    return {};
  }
}

/** The name of whom a consultation is asked of, as the lists show it. */
function nameOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Practitioner') {
    const name = resource.name?.[0];
    return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || undefined);
  }
  if (resource.resourceType === 'PractitionerRole') return resource.practitioner?.display;
  if (resource.resourceType === 'CareTeam' || resource.resourceType === 'HealthcareService') return resource.name;
  return undefined;
}

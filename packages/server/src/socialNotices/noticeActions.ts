import type { Task } from '@medplum/fhirtypes';
import {
  OVI_FHIR_BASE,
  SYSTEMS,
  TASK_CODES,
  deadlineOutcomes,
  parseNoticeDecision,
  parseUrgencyAssessment,
  taskPriorityFor,
  type DeadlineOutcome,
  type NoticeDeadline,
  type NoticeIssue,
  type NoticeKind,
  type Urgency,
} from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { conflict, forbidden, invalidResource, notFound } from '../fhir/outcomes';
import { isStaff } from '../auth/userContext';
import { ownerReferences } from '../access/relationships';
import { qualificationsOf } from '../access/qualifications';
import { inputValue, taskInput, withoutInputs } from '../guidance/guidanceTask';
import { now as clockNow } from '../time/clock';

/** Task.businessStatus of a decided notice. */
export const NOTICE_DECISION_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/social-notice-decision`;

/** Where a notice stands: its assessment and decision, who made them and when, and its deadlines met or missed. */
export interface NoticeState {
  taskId: string;
  kind: NoticeKind;
  status: 'open' | 'decided';
  urgency: Urgency;
  assessedAt?: string;
  assessedBy?: string;
  decision?: string;
  decidedAt?: string;
  decidedBy?: string;
  deadlines: DeadlineOutcome[];
}

/**
 * The social worker's acts on a notice, each its own audited write: the same-day urgency
 * assessment and the decision (LSL 26 §: investigation or not; SHL 36 §: service-need
 * assessment or not). Neither sends anything to anyone: the person the notice is about, their
 * family and the reporter are told by the social worker as the law allows, not by Ovi. Only a
 * social-welfare professional of the service that owns the notice; to anyone else it does not
 * exist (404, audited), as on reading. Each is done once (409 after): the record of a legal
 * decision is not rewritten; a correction is a new matter.
 */
export class NoticeActions {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
  ) {}

  async assessUrgency(ctx: RequestContext, taskId: string, body: unknown): Promise<NoticeState> {
    const task = await this.noticeFor(ctx, taskId);
    const { value, issues } = parseUrgencyAssessment(body);
    if (!value) throw invalid(issues);
    return this.write(ctx, taskId, 'urgency assessed', (current, at) => {
      if (assessedAt(current)) throw conflict(`The urgency of Task/${taskId} was already assessed at ${assessedAt(current)}`);
      if (current.status === 'completed') throw conflict(`Task/${taskId} is already decided`);
      return assessed(current, value.urgency, value.note, ctx, at);
    }, task);
  }

  async decide(ctx: RequestContext, taskId: string, body: unknown): Promise<NoticeState> {
    const task = await this.noticeFor(ctx, taskId);
    const { value, issues } = parseNoticeDecision(body, kindOf(task), assessedAt(task) !== undefined);
    if (!value) throw invalid(issues);
    return this.write(ctx, taskId, `decision ${value.decision}`, (current, at) => {
      if (current.status === 'completed') throw conflict(`Task/${taskId} was already decided (${current.businessStatus?.coding?.[0]?.code ?? ''})`);
      // Assessed by someone else meanwhile: their assessment stands, this one is not silently dropped.
      if (value.urgency && assessedAt(current)) throw conflict(`The urgency of Task/${taskId} was assessed meanwhile; decide without urgency`);
      const base = value.urgency ? assessed(current, value.urgency, undefined, ctx, at) : current;
      return {
        ...base,
        status: 'completed',
        businessStatus: { coding: [{ system: NOTICE_DECISION_SYSTEM, code: value.decision }], text: value.decision },
        executionPeriod: { ...base.executionPeriod, end: at },
        lastModified: at,
        output: [
          { type: { coding: [{ system: SYSTEMS.taskParameter, code: 'decided-at' }] }, valueDateTime: at },
          { type: { coding: [{ system: SYSTEMS.taskParameter, code: 'decided-by' }] }, valueReference: { reference: ctx.user.fhirUser, display: ctx.user.name } },
          ...(value.note ? [{ type: { coding: [{ system: SYSTEMS.taskParameter, code: 'note' }] }, valueString: value.note }] : []),
        ],
      };
    }, task);
  }

  /**
   * The notice, if this user may act on it: hidden from anyone but social-welfare staff (404
   * through the access policy, audited), and then only for the services and teams that own it.
   */
  private async noticeFor(ctx: RequestContext, taskId: string): Promise<Stored<Task>> {
    const task = await this.fhir.store.readOptional<Task>('Task', taskId);
    if (!task || task.code?.coding?.[0]?.code !== TASK_CODES.socialNotice) throw notFound(`Task/${taskId} is not a notice`);
    await this.fhir.authorize(ctx, task, 'operation', [`Task/${taskId}`], false);
    if (!isStaff(ctx.user) || !(await qualificationsOf(this.fhir.store, ctx.user)).social) throw forbidden('Notices are decided by social-welfare professionals (Suosikki registration)');
    if (!(await ownerReferences(this.db, ctx.user)).includes(task.owner?.reference ?? '')) throw forbidden(`Task/${taskId} belongs to ${task.owner?.display ?? 'another service'}`);
    return task;
  }

  private async write(ctx: RequestContext, taskId: string, what: string, change: (task: Task, at: string) => Task, task: Task): Promise<NoticeState> {
    const updated = await this.db.transaction(async (tx) => {
      const at = clockNow().toISOString();
      const written = await this.fhir.store.update<Task>('Task', taskId, async (current) => change(current, at), { tx });
      await this.fhir.audit.record({ user: ctx.user, interaction: 'operation', what: [`Task/${taskId}`], patients: task.for?.reference ? [task.for.reference] : [], success: true, address: ctx.address, description: `social-services notice: ${what}` }, tx);
      return written;
    });
    return noticeState(updated);
  }
}

function invalid(issues: NoticeIssue[]) {
  return invalidResource(issues.map((i) => ({ severity: 'error', code: 'invalid', details: { text: i.message }, diagnostics: i.message, expression: [i.field] })));
}

const kindOf = (task: Task): NoticeKind => (inputValue(task, 'notice-kind')?.valueCode ?? 'social-welfare-contact') as NoticeKind;
const assessedAt = (task: Task): string | undefined => inputValue(task, 'assessed-at')?.valueDateTime;
const output = (task: Task, code: string) => task.output?.find((o) => o.type.coding?.some((c) => c.code === code));

/** The professional's urgency replaces the suggested one; the suggestion (after any danger words) stays beside it. */
function assessed(task: Task, urgency: Urgency, note: string | undefined, ctx: RequestContext, at: string): Task {
  const suggested = taskInput('suggested-urgency', { valueCode: inputValue(task, 'urgency')?.valueCode ?? 'urgent' });
  return {
    ...task,
    status: task.status === 'ready' ? 'in-progress' : task.status,
    priority: taskPriorityFor(urgency),
    lastModified: at,
    input: [
      ...withoutInputs(task, ['urgency', 'suggested-urgency', 'assessed-at', 'assessed-by']),
      taskInput('urgency', { valueCode: urgency }),
      suggested,
      taskInput('assessed-at', { valueDateTime: at }),
      taskInput('assessed-by', { valueReference: { reference: ctx.user.fhirUser, display: ctx.user.name } }),
    ],
    ...(note ? { note: [...(task.note ?? []), { text: note, time: at, authorReference: { reference: ctx.user.fhirUser, display: ctx.user.name } }] } : {}),
  };
}

/** A notice Task read for the queue or an answer. */
export function noticeState(task: Task): NoticeState {
  const kind = kindOf(task);
  const deadlines = JSON.parse(inputValue(task, 'notice-deadlines')?.valueString ?? '[]') as NoticeDeadline[];
  const decidedAt = output(task, 'decided-at')?.valueDateTime;
  const assessedBy = inputValue(task, 'assessed-by')?.valueReference?.display;
  const decidedBy = output(task, 'decided-by')?.valueReference?.display;
  const decision = task.status === 'completed' ? task.businessStatus?.coding?.[0]?.code : undefined;
  return {
    taskId: task.id ?? '',
    kind,
    status: task.status === 'completed' ? 'decided' : 'open',
    urgency: (inputValue(task, 'urgency')?.valueCode ?? 'non-urgent') as Urgency,
    ...(assessedAt(task) ? { assessedAt: assessedAt(task) } : {}),
    ...(assessedBy ? { assessedBy } : {}),
    ...(decision ? { decision } : {}),
    ...(decidedAt ? { decidedAt } : {}),
    ...(decidedBy ? { decidedBy } : {}),
    deadlines: deadlineOutcomes(kind, deadlines, { assessedAt: assessedAt(task), decidedAt }),
  };
}

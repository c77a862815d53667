import type { Task } from '@medplum/fhirtypes';
import { SYSTEMS, TASK_CODES, moreUrgent, taskPriorityFor, urgencyRank, type MessageTriage, type Urgency } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import { OPEN_WORK_STATUSES } from '../access/relationships';
import { inputValue, taskInput, withoutInputs } from '../guidance/guidanceTask';

/** Hilmo – Yhteystapa R56: remote contact without real-time interaction (a letter, a message). DOMAIN.md §8.1. */
export const HILMO_MESSAGE_CONTACT_MODE = 'R56';

/** The danger-word findings as the queue and the contact view read them (as for a contact form). */
function findingInputs(triage: MessageTriage) {
  return [
    ...triage.textMatches.map((m) => taskInput('danger-words', { valueString: JSON.stringify({ groupId: m.groupId, matched: m.matched, label: m.label }) })),
    ...triage.advice.map((kind) => taskInput('advice', { valueCode: kind })),
  ];
}

/** The contact a client's new message (or reply to a closed thread) becomes, in the recipient's queue. */
export function newMessageTask(m: {
  subject: string;
  message: string;
  thread: string;
  owner: { reference: string; display?: string };
  service: string;
  triage: MessageTriage;
  deadline: Date;
  at: Date;
  excerpt: string;
}): Task {
  return {
    resourceType: 'Task',
    status: 'ready',
    intent: 'order',
    priority: taskPriorityFor(m.triage.urgency),
    code: { coding: [{ system: SYSTEMS.taskCode, code: TASK_CODES.message, display: 'Secure message' }] },
    description: m.excerpt,
    for: { reference: m.subject },
    focus: { reference: m.message },
    authoredOn: m.at.toISOString(),
    owner: m.owner,
    restriction: { period: { end: m.deadline.toISOString() } },
    input: [
      taskInput('urgency', { valueCode: m.triage.urgency }),
      taskInput('channel', { valueCode: 'message' }),
      taskInput('contact-mode', { valueCoding: { system: SYSTEMS.contactMode, code: HILMO_MESSAGE_CONTACT_MODE, display: 'Etäasiointi ilman reaaliaikaista kontaktia' } }),
      taskInput('service', { valueCode: m.service }),
      taskInput('message-thread', { valueReference: { reference: m.thread } }),
      taskInput('message', { valueReference: { reference: m.message } }),
      ...(m.triage.raised ? [taskInput('raised-by', { valueCode: 'free-text' }), taskInput('rule-urgency', { valueCode: 'non-urgent' })] : []),
      ...findingInputs(m.triage),
    ],
  };
}

/** The thread's contact still waiting for an answer, if any (read in `tx`, so two replies see each other). */
export async function openMessageTask(store: ResourceStore, tx: SqlExecutor, subject: string, thread: string): Promise<Stored<Task> | undefined> {
  const found = await store.search(
    {
      resourceType: 'Task',
      filters: [
        { code: 'patient', kind: 'reference', values: [subject] },
        { code: 'code', kind: 'token', values: [TASK_CODES.message] },
        { code: 'status', kind: 'token', values: [...OPEN_WORK_STATUSES] },
      ],
      sort: [],
      count: 100,
      offset: 0,
    },
    tx,
    false,
  );
  return (found.resources as Array<Stored<Task>>).find((t) => inputValue(t, 'message-thread')?.valueReference?.reference === thread);
}

/**
 * A further message of the client on a waiting contact: it is listed on the Task, and danger
 * words in it raise the contact's urgency and bring its deadline forward. Nothing lowers either.
 */
export async function raiseMessageTask(store: ResourceStore, tx: SqlExecutor, task: Stored<Task>, m: { message: string; triage: MessageTriage; deadline: Date }): Promise<Stored<Task>> {
  return store.update<Task>(
    'Task',
    task.id,
    (current) => {
      const before = (inputValue(current, 'urgency')?.valueCode ?? 'non-urgent') as Urgency;
      const urgency = moreUrgent(before, m.triage.urgency);
      const raised = urgencyRank(urgency) < urgencyRank(before);
      const end = current.restriction?.period?.end;
      const deadline = end && Date.parse(end) <= m.deadline.getTime() ? end : m.deadline.toISOString();
      return {
        ...current,
        priority: raised ? taskPriorityFor(urgency) : current.priority,
        restriction: { ...current.restriction, period: { ...current.restriction?.period, end: deadline } },
        input: [
          ...withoutInputs(current, raised ? ['urgency', 'raised-by'] : []),
          ...(raised ? [taskInput('urgency', { valueCode: urgency }), taskInput('raised-by', { valueCode: 'free-text' })] : []),
          taskInput('message', { valueReference: { reference: m.message } }),
          ...findingInputs(m.triage),
        ],
      };
    },
    { tx },
  );
}

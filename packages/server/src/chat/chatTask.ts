import type { Communication, Reference, Task } from '@medplum/fhirtypes';
import { CHAT_CHANNEL_CODE, SYSTEMS, TASK_CODES, taskPriorityFor, type ChatService, type MessageTriage, type Urgency } from '@ovi/domain';
import { taskInput } from '../guidance/guidanceTask';

/** Hilmo – Yhteystapa R52: real-time remote contact; calls, video calls and chat (DOMAIN.md §8.1). */
export const HILMO_CHAT_CONTACT_MODE = 'R52';

const matchInputs = (triage: MessageTriage) => [
  ...triage.textMatches.map((m) => taskInput('danger-words', { valueString: JSON.stringify({ groupId: m.groupId, matched: m.matched, label: m.label }) })),
  ...triage.advice.map((kind) => taskInput('advice', { valueCode: kind })),
];

/**
 * The contact a chat is: a client-guidance Task in the guidance queue like a phone call or a
 * contact form, channel `chat` with the Hilmo contact type R52, due when the chat service
 * closes today (someone must answer while it is open), closed with an outcome like any other.
 */
export function chatTask(c: { service: ChatService; subject: Reference; topic: string; topicMessage: string; at: Date; due: Date; triage: MessageTriage; chat: string; anonymous: boolean }): Task {
  return {
    resourceType: 'Task',
    status: 'ready',
    intent: 'order',
    priority: taskPriorityFor(c.triage.urgency),
    code: { coding: [{ system: SYSTEMS.taskCode, code: TASK_CODES.clientGuidance, display: 'Client guidance' }] },
    description: `Chat: ${c.topic.replace(/\s+/g, ' ').slice(0, 80)}`,
    for: c.subject as Task['for'],
    focus: { reference: c.topicMessage },
    authoredOn: c.at.toISOString(),
    performerType: [{ coding: [{ system: SYSTEMS.profession, code: c.service.profession }] }],
    restriction: { period: { end: c.due.toISOString() } },
    input: [
      taskInput('urgency', { valueCode: c.triage.urgency }),
      taskInput('channel', { valueCode: CHAT_CHANNEL_CODE }),
      taskInput('contact-mode', { valueCoding: { system: SYSTEMS.contactMode, code: HILMO_CHAT_CONTACT_MODE, display: 'Reaaliaikainen etäasiointi' } }),
      taskInput('service', { valueCode: c.service.service }),
      taskInput('chat', { valueString: c.chat }),
      taskInput('chat-service', { valueCode: c.service.id }),
      ...(c.anonymous ? [taskInput('chat-anonymous', { valueBoolean: true })] : []),
      // The chat is the assessment: it is due when the chat is.
      taskInput('assessment-due', { valueDateTime: c.due.toISOString() }),
      taskInput('suggested', { valueString: JSON.stringify({ urgency: c.triage.urgency, service: c.service.service, profession: c.service.profession }) }),
      ...(c.triage.raised ? [taskInput('raised-by', { valueCode: 'free-text' }), taskInput('rule-urgency', { valueCode: 'non-urgent' })] : []),
      ...matchInputs(c.triage),
    ],
  };
}

/** A later message's danger words on the chat's Task: urgency and priority only go up. */
export function raisedChatTask(task: Task, urgency: Urgency, triage: MessageTriage): Task {
  const others = (task.input ?? []).filter((i) => !['urgency', 'raised-by'].includes(i.type.coding?.[0]?.code ?? ''));
  return {
    ...task,
    priority: taskPriorityFor(urgency),
    input: [...others, taskInput('urgency', { valueCode: urgency }), taskInput('raised-by', { valueCode: 'free-text' }), ...matchInputs(triage)],
  };
}

/** One line of the transcript, in the register of the chat's matter, linked to its Task. */
export function chatLine(c: { task: string; subject: Reference; from: Reference; to?: Reference; text: string; at: Date }): Communication {
  return {
    resourceType: 'Communication',
    status: 'completed',
    category: [{ coding: [{ system: SYSTEMS.channel, code: CHAT_CHANNEL_CODE }] }],
    basedOn: [{ reference: c.task }],
    subject: c.subject as Communication['subject'],
    sender: c.from as Communication['sender'],
    ...(c.to ? { recipient: [c.to as NonNullable<Communication['recipient']>[number]] } : {}),
    sent: c.at.toISOString(),
    payload: [{ contentString: c.text }],
  };
}

import type { Task } from '@medplum/fhirtypes';
import { chatServiceState, type ChatSettings } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import { taskInput } from '../guidance/guidanceTask';
import { publicSender } from '../helpRequests/unverifiedPerson';
import { closeWaitingChats } from '../storage/chatStore';
import type { ChatBus } from './chatBus';
import type { ChatSettingsStore } from './chatSettings';

/** How often each process looks for chat services that have closed with people still queued. */
export const CLOSED_SERVICE_SWEEP_MS = 30_000;

/**
 * A chat service has closed with residents still in its queue. Each waiting chat is ended and
 * its resident told at once, with when the service opens again (the web app offers the contact
 * form and the help button). A logged-in resident's contact stays in the guidance queue, to be
 * answered by message like any contact; an anonymous one cannot be answered, so its contact is
 * cancelled (it still counts, as an unanswered contact). The rows are taken with SKIP LOCKED,
 * so whichever process looks first handles each chat once.
 */
export class ClosedServiceChats {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: ChatSettingsStore,
    private readonly bus: ChatBus,
  ) {}

  async sweep(at: Date, settings?: ChatSettings): Promise<number> {
    const current = settings ?? (await this.settings.get());
    let ended = 0;
    for (const service of current.services) {
      const state = chatServiceState(service, at);
      if (state.open) continue;
      ended += await this.db.transaction(async (tx) => {
        const chats = await closeWaitingChats(tx, service.id, at);
        for (const chat of chats) {
          const kept = !chat.anonymous;
          await this.fhir.store.update<Task>('Task', chat.taskId, (task) => (kept ? keptForMessage(task) : cancelled(task, at)), { tx });
          await this.bus.publish(tx, { kind: 'frame', chat: chat.id, to: 'resident', frame: { type: 'service-closed', kept, ...(state.opensAt ? { opensAt: state.opensAt } : {}) } });
        }
        if (chats.length > 0) {
          await this.fhir.audit.record(
            { user: publicSender('Chat service closing'), interaction: 'update', what: chats.map((c) => `Task/${c.taskId}`), patients: chats.map((c) => c.patient), success: true, description: `chat service ${service.id} closed with ${chats.length} waiting` },
            tx,
          );
        }
        return chats.length;
      });
    }
    return ended;
  }
}

/** Still open for an answer by message; the professional sees that the chat was not reached. */
function keptForMessage(task: Task): Task {
  if (task.status === 'completed' || task.status === 'cancelled') return task;
  return { ...task, input: [...(task.input ?? []), taskInput('chat-unanswered', { valueBoolean: true })] };
}

function cancelled(task: Task, at: Date): Task {
  if (task.status === 'completed' || task.status === 'cancelled') return task;
  return {
    ...task,
    status: 'cancelled',
    statusReason: { text: 'The chat service closed before the chat was answered (anonymous: no way to answer later)' },
    executionPeriod: { ...task.executionPeriod, end: at.toISOString() },
    lastModified: at.toISOString(),
  };
}

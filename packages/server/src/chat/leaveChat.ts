import type { Task } from '@medplum/fhirtypes';
import { urgencyRank, type Urgency } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import { conflict, forbidden, notFound } from '../fhir/outcomes';
import { inputValue, taskInput } from '../guidance/guidanceTask';
import { publicSender } from '../helpRequests/unverifiedPerson';
import { markChatClosed, readChat } from '../storage/chatStore';
import { now as clockNow } from '../time/clock';
import type { ChatBus } from './chatBus';
import { isChatToken } from './chatToken';

/**
 * `POST /api/chat/{id}/leave` `{token}`: the resident leaves. While waiting, the chat leaves the
 * queue (the others move up) and its contact is cancelled as withdrawn, except a logged-in
 * resident's contact that danger words made urgent: it stays in the guidance queue for a
 * professional to decide on (leaving is not a reason to lower anything). A chat already taken
 * stays the professional's, who is told and closes it with an outcome.
 */
export class LeaveChat {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly bus: ChatBus,
  ) {}

  async run(chatId: string, token: string, address: string | undefined): Promise<{ id: string; state: 'left' }> {
    const chat = await readChat(this.db, chatId);
    if (!chat) throw notFound(`Chat ${chatId} was not found`);
    if (!isChatToken(token, chat.tokenHash)) throw forbidden("That token is not this chat's");
    if (chat.state === 'closed') throw conflict('The chat has ended already');
    await this.db.transaction(async (tx) => {
      const at = clockNow();
      const current = await readChat(tx, chatId, true);
      if (!current || current.state === 'closed') return;
      if (current.state === 'active') {
        await this.bus.publish(tx, { kind: 'frame', chat: chatId, to: 'professional', frame: { type: 'left' } });
        return;
      }
      await markChatClosed(tx, chatId, at);
      await this.fhir.store.update<Task>('Task', current.taskId, (task) => withdrawn(task, current.anonymous, at), { tx });
      await this.fhir.audit.record({ user: publicSender('Chat (the resident left the queue)'), interaction: 'update', what: [`Task/${current.taskId}`], patients: [current.patient], success: true, address, description: 'chat left while waiting' }, tx);
      await this.bus.publish(tx, { kind: 'queue', service: current.service });
    });
    return { id: chatId, state: 'left' };
  }
}

function withdrawn(task: Task, anonymous: boolean, at: Date): Task {
  if (task.status === 'completed' || task.status === 'cancelled') return task;
  const urgency = (inputValue(task, 'urgency')?.valueCode ?? 'non-urgent') as Urgency;
  if (!anonymous && urgencyRank(urgency) <= urgencyRank('urgent')) return { ...task, input: [...(task.input ?? []), taskInput('chat-left', { valueBoolean: true })] };
  return {
    ...task,
    status: 'cancelled',
    statusReason: { text: 'The resident left the chat queue before it was answered' },
    executionPeriod: { ...task.executionPeriod, end: at.toISOString() },
    lastModified: at.toISOString(),
  };
}

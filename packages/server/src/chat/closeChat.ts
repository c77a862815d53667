import type { Task } from '@medplum/fhirtypes';
import type { ChatClosing } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { ResolveTask } from '../guidance/resolveTask';
import { isStaff } from '../auth/userContext';
import { conflict, forbidden, notFound } from '../fhir/outcomes';
import { markChatClosed, readChat } from '../storage/chatStore';
import { now as clockNow } from '../time/clock';
import type { ChatBus } from './chatBus';

/**
 * `POST /api/chat/{id}/close`: the professional who has the chat closes it with an outcome,
 * exactly as any contact is closed (`$resolve`: the outcome on the Task, the note to the
 * resident as a Communication, the survey for a logged-in resident, the audit record). Then
 * the chat is marked closed and both sides are told. Anonymous chats get no survey: there is
 * nobody to send it to afterwards.
 */
export class CloseChat {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly resolveWithSurvey: ResolveTask,
    private readonly resolveWithoutSurvey: ResolveTask,
    private readonly bus: ChatBus,
  ) {}

  async run(ctx: RequestContext, chatId: string, closing: ChatClosing): Promise<{ id: string; taskId: string; outcome: string }> {
    if (!isStaff(ctx.user)) throw forbidden('Only the professional who has the chat closes it');
    const chat = await readChat(this.db, chatId);
    if (!chat) throw notFound(`Chat ${chatId} was not found`);
    if (chat.takenBy !== ctx.user.fhirUser) throw forbidden('Only the professional who has taken this chat closes it');
    if (chat.state === 'closed') throw conflict('The chat is closed already');
    const task = await this.fhir.store.read<Task>('Task', chat.taskId);
    if (task.status !== 'completed' && task.status !== 'cancelled') {
      const parameters = { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: closing.outcome }, { name: 'note', valueString: closing.note }] };
      await (chat.anonymous ? this.resolveWithoutSurvey : this.resolveWithSurvey).run(ctx, chat.taskId, parameters);
    }
    await this.db.transaction(async (tx) => {
      if (!(await markChatClosed(tx, chat.id, clockNow()))) return;
      await this.bus.publish(tx, { kind: 'frame', chat: chat.id, to: 'both', frame: { type: 'closed', outcome: closing.outcome, note: closing.note } });
    });
    return { id: chat.id, taskId: chat.taskId, outcome: closing.outcome };
  }
}

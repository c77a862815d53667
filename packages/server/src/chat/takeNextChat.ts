import type { Task } from '@medplum/fhirtypes';
import { chatServiceById, registerOf, type TakenChat } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { isStaff } from '../auth/userContext';
import { assertQualified, qualificationsOf } from '../access/qualifications';
import { badRequest, forbidden } from '../fhir/outcomes';
import { markChatClosed, takeNextWaiting, type ChatRow } from '../storage/chatStore';
import { now as clockNow } from '../time/clock';
import type { ChatBus } from './chatBus';
import type { ChatSettingsStore } from './chatSettings';

export type { TakenChat } from '@ovi/domain';

/** A chat whose contact was already closed another way ($resolve from the queue) is passed over. */
const MAX_PASSED_OVER = 20;

/**
 * `POST /api/chat/next`: the professional takes the first chat of a service's queue (the most
 * urgent, then the longest waiting). The row is taken with FOR UPDATE SKIP LOCKED, so two
 * professionals pressing at once get different chats. Taking it makes the professional the
 * contact's owner (their care relationship for the chat), is audited, and tells the resident
 * who joined, and everyone still waiting their new place.
 */
export class TakeNextChat {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: ChatSettingsStore,
    private readonly bus: ChatBus,
  ) {}

  async run(ctx: RequestContext, serviceId: string): Promise<TakenChat | undefined> {
    if (!isStaff(ctx.user)) throw forbidden('Only client-guidance and team professionals take chats');
    const service = chatServiceById(await this.settings.get(), serviceId);
    if (!service) throw badRequest(`Unknown chat service '${serviceId.slice(0, 40)}'`, ['service']);
    assertQualified(await qualificationsOf(this.fhir.store, ctx.user), [registerOf(service.service)], `answer the ${service.id} chat`);
    const me = { ref: ctx.user.fhirUser, name: ctx.user.name };
    for (let i = 0; i < MAX_PASSED_OVER; i += 1) {
      const result = await this.db.transaction(async (tx) => {
        const at = clockNow();
        const chat = await takeNextWaiting(tx, service.id, me, at);
        if (!chat) return { none: true as const };
        const task = await this.fhir.store.read<Task>('Task', chat.taskId, tx);
        if (task.status === 'completed' || task.status === 'cancelled') {
          await markChatClosed(tx, chat.id, at);
          await this.bus.publish(tx, { kind: 'frame', chat: chat.id, to: 'resident', frame: { type: 'closed', outcome: task.businessStatus?.coding?.[0]?.code ?? task.status } });
          return { skipped: true as const };
        }
        const taken = await this.fhir.store.update<Task>(
          'Task',
          chat.taskId,
          (current) => ({ ...current, status: 'in-progress', owner: { reference: me.ref, display: me.name }, executionPeriod: { ...current.executionPeriod, start: at.toISOString() }, lastModified: at.toISOString() }),
          { tx },
        );
        await this.fhir.audit.record({ user: ctx.user, interaction: 'operation', what: [`Task/${chat.taskId}`], patients: [chat.patient], success: true, address: ctx.address, description: `chat taken: ${service.id}` }, tx);
        await this.bus.publish(tx, { kind: 'frame', chat: chat.id, to: 'resident', frame: { type: 'joined', name: me.name } });
        await this.bus.publish(tx, { kind: 'queue', service: service.id });
        return { taken: describeChat(chat, taken) };
      });
      if ('none' in result) return undefined;
      if ('taken' in result) return result.taken;
    }
    return undefined;
  }
}

export function describeChat(chat: ChatRow, task: Task): TakenChat {
  const input = (code: string) => task.input?.find((i) => i.type.coding?.[0]?.code === code);
  return {
    id: chat.id,
    taskId: chat.taskId,
    service: chat.service,
    topic: (task.description ?? '').replace(/^Chat: /, ''),
    urgency: input('urgency')?.valueCode ?? 'non-urgent',
    anonymous: chat.anonymous,
    client: task.for?.display ?? '',
  };
}

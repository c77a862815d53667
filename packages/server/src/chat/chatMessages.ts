import { randomUUID } from 'node:crypto';
import type { Communication, Reference, Task } from '@medplum/fhirtypes';
import { moreUrgent, registerOf, residentNotes, triageMessage, type ResidentNote, urgencyRank, type ChatSide, type Register, type Urgency } from '@ovi/domain';
import type { Database, SqlExecutor } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import type { UserContext } from '../auth/userContext';
import { inRegister } from '../access/registerLabels';
import { inputValue } from '../guidance/guidanceTask';
import { raiseChatUrgency, readChat, type ChatRow } from '../storage/chatStore';
import { now as clockNow } from '../time/clock';
import type { ChatBus } from './chatBus';
import { chatLine, raisedChatTask } from './chatTask';

/**
 * A message on a chat's socket: stored as a Communication of the transcript, then sent to both
 * sides (the sender's copy confirms it). A resident's message goes through the danger-word
 * scan: a match raises the chat's urgency (its Task, and its place in the queue) and never
 * lowers it; the resident is told at once what to do (112 first), the professional sees the
 * chat flagged. Everything, the notifications too, in one transaction.
 */
export class ChatMessages {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly guidance: GuidanceSettings,
    private readonly bus: ChatBus,
  ) {}

  async send(chatId: string, side: ChatSide, text: string, professional?: UserContext): Promise<void> {
    // Read before the transaction: PGlite has one connection.
    const [screen, whereToTurn] = await Promise.all([this.guidance.safetyScreen(), this.guidance.whereToTurn()]);
    const triage = side === 'resident' ? triageMessage(text, screen) : undefined;
    const at = clockNow();
    await this.db.transaction(async (tx) => {
      const chat = await readChat(tx, chatId, true);
      if (!chat || chat.state === 'closed') return;
      const task = await this.fhir.store.read<Task>('Task', chat.taskId, tx);
      const subject = task.for as Reference;
      const professionalRef: Reference | undefined = chat.takenBy ? { reference: chat.takenBy, ...(chat.takenByName ? { display: chat.takenByName } : {}) } : undefined;
      const from = side === 'resident' ? subject : { reference: professional?.fhirUser ?? chat.takenBy ?? '', display: professional?.name ?? chat.takenByName ?? '' };
      const to = side === 'resident' ? professionalRef : subject;
      const line = inRegister(chatLine({ task: `Task/${chat.taskId}`, subject, from, ...(to ? { to } : {}), text, at }), registerOfTask(task));
      const stored = await this.fhir.store.create<Communication>(line, { id: randomUUID(), tx });
      // A professional's line is a write into the client's record: audited like any (the resident's own lines are theirs).
      if (professional) {
        await this.fhir.audit.record({ user: professional, interaction: 'create', what: [`Communication/${stored.id}`, `Task/${chat.taskId}`], patients: [chat.patient], success: true, description: 'chat message' }, tx);
      }
      await this.bus.publish(tx, { kind: 'frame', chat: chatId, to: 'both', frame: { type: 'message', id: stored.id, from: side, text, at: at.toISOString() } });
      if (!triage || triage.textMatches.length === 0) return;
      await this.raise(tx, chat, task, triage, residentNotes({ advice: triage.advice, whereToTurn }));
    });
  }

  private async raise(tx: SqlExecutor, chat: ChatRow, task: Task, triage: ReturnType<typeof triageMessage>, notes: ResidentNote[]): Promise<void> {
    const before = (inputValue(task, 'urgency')?.valueCode ?? 'non-urgent') as Urgency;
    const urgency = moreUrgent(before, triage.urgency);
    await this.fhir.store.update<Task>('Task', chat.taskId, (current) => raisedChatTask(current, urgency, triage), { tx });
    if (urgencyRank(urgency) < chat.urgencyRank) {
      await raiseChatUrgency(tx, chat.id, urgencyRank(urgency));
      if (chat.state === 'waiting') await this.bus.publish(tx, { kind: 'queue', service: chat.service });
    }
    if (triage.advice.length > 0) await this.bus.publish(tx, { kind: 'frame', chat: chat.id, to: 'resident', frame: { type: 'advice', advice: triage.advice, notes } });
    await this.bus.publish(tx, { kind: 'frame', chat: chat.id, to: 'professional', frame: { type: 'flagged', urgency, words: triage.textMatches.map((m) => m.matched) } });
  }
}

/** The register the chat's Task was opened in (its label), else its service's. */
function registerOfTask(task: Task): Register {
  const label = task.meta?.security?.find((s) => s.code === 'social' || s.code === 'health')?.code;
  return label === 'social' || label === 'health' ? label : registerOf(inputValue(task, 'service')?.valueCode ?? 'primary-care');
}

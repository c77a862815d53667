import { randomUUID } from 'node:crypto';
import type { Communication, Patient, Reference, Task } from '@medplum/fhirtypes';
import { chatServiceById, chatServiceState, closingOn, residentNotes, toHelsinkiDate, triageMessage, urgencyRank, type AdviceKind, type ChatRequest, type ResidentNote } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import type { UserContext } from '../auth/userContext';
import { hasRole } from '../auth/userContext';
import { inRegister } from '../access/registerLabels';
import { badRequest, conflict, forbidden } from '../fhir/outcomes';
import { publicSender, unverifiedPerson } from '../helpRequests/unverifiedPerson';
import { insertChat, queuePosition } from '../storage/chatStore';
import { now as clockNow } from '../time/clock';
import type { ChatBus } from './chatBus';
import type { ChatSettingsStore } from './chatSettings';
import { chatLine, chatTask } from './chatTask';
import { newChatToken } from './chatToken';
import type { PublicFormGuard } from '../helpRequests/publicFormGuard';

/** The name anonymous chats are counted under per client address (public_form_address). */
export const ANONYMOUS_CHAT_FORM = 'chat';

export interface OpenedChat {
  id: string;
  position: number;
  /** The resident's key to the chat's socket; given only now. */
  token: string;
  service: string;
  anonymous: boolean;
  advice: AdviceKind[];
  notes: ResidentNote[];
}

/** The name an anonymous chat's client record carries (never merged with anyone's record). */
export const ANONYMOUS_CHAT_NAME = 'Nimetön chat-asiakas';

/**
 * `POST /api/chat`: a resident joins a chat service's queue. Without logging in the chat is
 * for general advice: it gets a client record of its own, unverified and never merged, so
 * nothing said in it lands in anyone's record. Logged in, the chat is the resident's own
 * contact, in their record, and they can read its transcript afterwards. The topic goes
 * through the danger-word scan at once. One transaction with its audit record.
 */
export class OpenChat {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly guidance: GuidanceSettings,
    private readonly settings: ChatSettingsStore,
    private readonly bus: ChatBus,
    private readonly guard: PublicFormGuard,
  ) {}

  async run(request: ChatRequest, user: UserContext | undefined, address: string | undefined): Promise<OpenedChat> {
    if (user && !hasRole(user, 'resident')) throw forbidden('Professionals take chats with POST /api/chat/next; only residents open them');
    const [settings, screen, whereToTurn] = await Promise.all([this.settings.get(), this.guidance.safetyScreen(), this.guidance.whereToTurn()]);
    const service = chatServiceById(settings, request.service);
    if (!service) throw badRequest(`Unknown chat service '${request.service.slice(0, 40)}' (known: ${settings.services.map((s) => s.id).join(', ')})`, ['service']);
    const at = clockNow();
    const state = chatServiceState(service, at);
    if (!state.open) throw conflict(`The chat service ${service.id} is closed now${state.opensAt ? `; it opens at ${state.opensAt}` : ''}. Send a contact request or use the help button instead`);
    // Counted only once the chat can open: a refused one costs nothing.
    if (!user) await this.guard.claim(ANONYMOUS_CHAT_FORM, address, { perHour: settings.maxAnonymousPerHour, minFillSeconds: 0 });
    const triage = triageMessage(request.topic, screen);
    const due = closingOn(service, toHelsinkiDate(at)) ?? at;
    const ids = { chat: randomUUID(), task: randomUUID(), topic: randomUUID(), patient: randomUUID() };
    const anonymous = !user;
    const subject: Reference = user ? { reference: user.fhirUser, display: user.name } : { reference: `Patient/${ids.patient}`, display: ANONYMOUS_CHAT_NAME };
    const register = state.register;
    const patient: Array<Patient & { id: string }> = anonymous ? [{ ...unverifiedPerson({ name: ANONYMOUS_CHAT_NAME }), id: ids.patient }] : [];
    const topic: Communication & { id: string } = { ...inRegister(chatLine({ task: `Task/${ids.task}`, subject, from: subject, text: request.topic, at }), register), id: ids.topic };
    const task: Task & { id: string } = {
      ...inRegister(chatTask({ service, subject, topic: request.topic, topicMessage: `Communication/${ids.topic}`, at, due, triage, chat: ids.chat, anonymous }), register),
      id: ids.task,
    };
    const audit = this.fhir.audit.event({
      user: user ?? publicSender('Chat (not logged in)'),
      interaction: 'create',
      what: [`Task/${ids.task}`, `Communication/${ids.topic}`, ...(anonymous ? [`Patient/${ids.patient}`] : [])],
      patients: [subject.reference!],
      success: true,
      address,
      description: `chat opened: ${service.id}`,
    });
    const { token, hash } = newChatToken();
    const position = await this.db.transaction(async (tx) => {
      await this.fhir.store.createMany<Patient | Communication | Task | typeof audit>([...patient, topic, task, audit], tx);
      await insertChat(tx, { id: ids.chat, service: service.id, taskId: ids.task, patient: subject.reference!, anonymous, tokenHash: hash, urgencyRank: urgencyRank(triage.urgency), createdAt: at });
      // A more urgent newcomer goes ahead of others: they are told their new place.
      await this.bus.publish(tx, { kind: 'queue', service: service.id });
      return (await queuePosition(tx, ids.chat)) ?? 1;
    });
    return { id: ids.chat, position, token, service: service.id, anonymous, advice: triage.advice, notes: residentNotes({ advice: triage.advice, whereToTurn }) };
  }
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Communication, Task } from '@medplum/fhirtypes';
import { parseInboundFrame, type ChatSide } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import { isStaff, type UserContext } from '../auth/userContext';
import { conflict, forbidden, markAudited, notFound, unauthorized, type FhirError } from '../fhir/outcomes';
import { queuePosition, readChat, type ChatRow } from '../storage/chatStore';
import { send, type ChatBus, type ChatConnection } from './chatBus';
import type { ChatMessages } from './chatMessages';
import type { ChatSettingsStore } from './chatSettings';
import { isChatToken } from './chatToken';
import { CHAT_ID } from './chatToken';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  bus: ChatBus;
  messages: ChatMessages;
  settings: ChatSettingsStore;
}

interface Joined {
  chat: ChatRow;
  side: ChatSide;
  professional?: UserContext;
}

/** Frames per socket per minute: a person types far fewer; a runaway client is cut off. */
const MAX_FRAMES_PER_MINUTE = 120;

/**
 * `GET /api/chat/{id}/socket` (WebSocket). The resident joins with `?token=` (the chat token),
 * the professional who took the chat with `?access_token=` (their session; a browser cannot
 * set headers on a WebSocket). Anyone else is refused before the upgrade: 401 without a key,
 * 403 with a key to something else, 404 for an unknown chat, 409 for a closed one.
 */
export function registerChatSocket(app: FastifyInstance, deps: Deps): void {
  const joined = new WeakMap<FastifyRequest, Joined>();
  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>(
    '/api/chat/:id/socket',
    {
      websocket: true,
      preValidation: async (request) => {
        joined.set(request, await admit(deps, request.params.id, request.query ?? {}, request.ip));
      },
    },
    (socket, request) => {
      const who = joined.get(request);
      if (!who) return socket.close(1008, 'not admitted');
      void serve(deps, socket, who).catch(() => socket.close(1011, 'server error'));
    },
  );
}

async function admit({ db, fhir, tokens }: Deps, id: string, query: Record<string, string | undefined>, address: string): Promise<Joined> {
  if (!CHAT_ID.test(id)) throw notFound('Chat not found');
  if (!query.token && !query.access_token) throw unauthorized('Join the chat with its token (?token=) or, as the professional who took it, your session (?access_token=)');
  const chat = await readChat(db, id);
  if (!chat) throw notFound(`Chat ${id} was not found`);
  if (query.token) {
    if (!isChatToken(query.token, chat.tokenHash)) throw forbidden('That token is not this chat\'s');
    if (chat.state === 'closed') throw conflict('The chat has ended');
    return { chat, side: 'resident' };
  }
  const user = await tokens.verify(query.access_token ?? '', { address });
  const refuse = async (error: FhirError) => {
    await fhir.audit.record({ user, interaction: 'read', what: [`Task/${chat.taskId}`], patients: [chat.patient], success: false, address, description: `chat socket: ${error.message}` });
    throw markAudited(error);
  };
  if (!isStaff(user) || chat.takenBy !== user.fhirUser) await refuse(forbidden('Only the professional who took this chat may join it'));
  if (chat.state === 'closed') throw conflict('The chat has ended');
  await fhir.audit.record({ user, interaction: 'read', what: [`Task/${chat.taskId}`], patients: [chat.patient], success: true, address, description: 'chat joined' });
  return { chat, side: 'professional', professional: user };
}

async function serve({ db, fhir, bus, messages, settings }: Deps, socket: WebSocket, who: Joined): Promise<void> {
  const connection: ChatConnection = { chat: who.chat.id, service: who.chat.service, side: who.side, socket };
  // Registered before the history is read: nothing sent meanwhile is missed (at worst seen twice, and the id tells).
  bus.add(connection);
  socket.on('close', () => bus.remove(connection));
  // The handler is attached at once (a frame sent right after opening must not be lost); the limit is read meanwhile.
  const maxText = settings.get().then((s) => s.maxTextLength);
  let queue = Promise.resolve();
  let window = { start: Date.now(), frames: 0 };
  socket.on('message', (data) => {
    if (Date.now() - window.start > 60_000) window = { start: Date.now(), frames: 0 };
    window.frames += 1;
    if (window.frames > MAX_FRAMES_PER_MINUTE) return socket.close(1008, 'too many frames');
    const raw = String(data);
    // One at a time per socket: the transcript keeps the order they were sent in.
    queue = queue
      .then(async () => {
        const { frame, problem } = parseInboundFrame(raw, await maxText);
        if (!frame) return send(socket, { type: 'error', text: problem ?? 'bad frame' });
        if (frame.type === 'typing') {
          await bus.publish(db, { kind: 'frame', chat: who.chat.id, to: who.side === 'resident' ? 'professional' : 'resident', frame: { type: 'typing', from: who.side } });
        } else {
          await messages.send(who.chat.id, who.side, frame.text, who.professional);
        }
      })
      .catch(() => send(socket, { type: 'error', text: 'The message could not be sent; try again' }));
  });
  await sendHistory(db, fhir, socket, who);
}

/** On (re)connecting: the transcript so far, then where the chat stands. */
async function sendHistory(db: Database, fhir: FhirService, socket: WebSocket, who: Joined): Promise<void> {
  const chat = (await readChat(db, who.chat.id)) ?? who.chat;
  const task = await fhir.store.read<Task>('Task', chat.taskId);
  for (const line of await transcriptOf(fhir, chat.taskId)) {
    const from: ChatSide = line.sender?.reference === task.for?.reference ? 'resident' : 'professional';
    send(socket, { type: 'message', id: line.id ?? '', from, text: line.payload?.[0]?.contentString ?? '', at: line.sent ?? '' });
  }
  if (who.side === 'resident') {
    if (chat.state === 'waiting') send(socket, { type: 'queue', position: (await queuePosition(db, chat.id)) ?? 1 });
    if (chat.state === 'active' && chat.takenByName) send(socket, { type: 'joined', name: chat.takenByName });
  }
}

/** The chat's Communications in the order they were sent (the topic first, the closing note last). */
export async function transcriptOf(fhir: FhirService, taskId: string): Promise<Communication[]> {
  // Every line, however long the chat (one page of 1 000 once cut a long one short).
  const found = await fhir.store.searchEvery({ resourceType: 'Communication', filters: [{ code: 'based-on', kind: 'reference', values: [`Task/${taskId}`] }] });
  return (found as Communication[]).sort((a, b) => (a.sent ?? '').localeCompare(b.sent ?? '') || (a.meta?.lastUpdated ?? '').localeCompare(b.meta?.lastUpdated ?? ''));
}

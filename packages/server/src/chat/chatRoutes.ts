import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Communication, Task } from '@medplum/fhirtypes';
import { chatServiceState, parseChatClosing, parseChatRequest, parseNextRequest, type ChatSide, type FieldIssue } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import { hasRole, isStaff } from '../auth/userContext';
import { badRequest, forbidden, invalidResource, notFound } from '../fhir/outcomes';
import { authenticate, requestContext } from '../http/requestContext';
import { activeChatsOf, chatsOfPatient, queueLengths, readChat } from '../storage/chatStore';
import { now as clockNow } from '../time/clock';
import type { ChatSettingsStore } from './chatSettings';
import type { OpenChat } from './openChat';
import type { TakeNextChat } from './takeNextChat';
import { describeChat } from './takeNextChat';
import type { CloseChat } from './closeChat';
import type { ClosedServiceChats } from './closedServiceChats';
import type { LeaveChat } from './leaveChat';
import { transcriptOf } from './chatSocket';
import { CHAT_ID } from './chatToken';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  settings: ChatSettingsStore;
  open: OpenChat;
  next: TakeNextChat;
  close: CloseChat;
  closedServices: ClosedServiceChats;
  leave: LeaveChat;
}

const refuse = (issues: FieldIssue[]) => invalidResource(issues.map((i) => ({ severity: 'error', code: 'invalid', details: { text: i.message }, diagnostics: i.message, expression: [i.field] })));

function chatId(id: string): string {
  if (!CHAT_ID.test(id)) throw notFound('Chat not found');
  return id;
}

/** The live chat over HTTP (the socket: chatSocket.ts). Thin: each route parses and calls one class. */
export function registerChatRoutes(app: FastifyInstance, d: Deps): void {
  // Open to anyone: which services are open now and how many wait in each.
  app.get('/api/chat/services', async (request, reply) => {
    const settings = await d.settings.get();
    const at = clockNow();
    // Whoever asks also ends the waits of services that have just closed (a sweep runs too).
    await d.closedServices.sweep(at, settings).catch((e: unknown) => request.log.warn(`closed chat services: ${(e as Error).message}`));
    const waiting = await queueLengths(d.db);
    void reply.header('Cache-Control', 'no-store');
    return { services: settings.services.map((s) => ({ ...chatServiceState(s, at), queue: waiting.get(s.id) ?? 0 })) };
  });

  app.post('/api/chat', async (request, reply) => {
    // Logged in, the chat is the resident's own; without a token it is anonymous general advice.
    const user = request.headers.authorization ? await authenticate(request, d.tokens) : undefined;
    const { request: chat, issues } = parseChatRequest(request.body);
    if (!chat) throw refuse(issues);
    const opened = await d.open.run(chat, user, request.ip);
    return reply.code(201).header('Cache-Control', 'no-store').header('Location', `/api/chat/${opened.id}`).send(opened);
  });

  app.post('/api/chat/next', async (request) => {
    const ctx = await requestContext(request, d.tokens);
    const { service, issues } = parseNextRequest(request.body);
    if (!service) throw refuse(issues);
    return { chat: (await d.next.run(ctx, service)) ?? null };
  });

  app.post<{ Params: { id: string } }>('/api/chat/:id/close', async (request) => {
    const ctx = await requestContext(request, d.tokens);
    const { closing, issues } = parseChatClosing(request.body);
    if (!closing) throw refuse(issues);
    return d.close.run(ctx, chatId(request.params.id), closing);
  });

  // The resident leaves, with the chat's own token (an anonymous resident has no other key).
  app.post<{ Params: { id: string } }>('/api/chat/:id/leave', async (request) => {
    const body = request.body as Record<string, unknown> | undefined;
    const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
    if (typeof body?.token !== 'string' || keys.some((k) => k !== 'token')) throw badRequest('The body must be {"token": "<the chat token>"}', ['token']);
    return d.leave.run(chatId(request.params.id), body.token, request.ip);
  });

  // The professional's chats still open (the console after a reload).
  app.get('/api/chat/active', async (request) => {
    const ctx = await requestContext(request, d.tokens);
    if (!isStaff(ctx.user)) throw forbidden('Only professionals have chats to answer');
    const chats = await activeChatsOf(d.db, ctx.user.fhirUser);
    return { chats: await Promise.all(chats.map(async (c) => describeChat(c, await d.fhir.store.read<Task>('Task', c.taskId)))) };
  });

  // A logged-in resident's own chats (anonymous ones are nobody's).
  app.get('/api/chat/mine', async (request) => {
    const ctx = await requestContext(request, d.tokens);
    if (!hasRole(ctx.user, 'resident')) throw forbidden('Only residents have chats of their own');
    const chats = await chatsOfPatient(d.db, ctx.user.fhirUser);
    return { chats: chats.map((c) => ({ id: c.id, service: c.service, state: c.state, createdAt: c.createdAt.toISOString(), ...(c.closedAt ? { closedAt: c.closedAt.toISOString() } : {}) })) };
  });

  // The transcript: for the resident (logged in, their own chat) and for professionals with access to the contact; audited.
  app.get<{ Params: { id: string } }>('/api/chat/:id/transcript', async (request) => transcript(d, request, chatId(request.params.id)));

  app.get('/api/admin/chat-settings', async (request) => {
    const user = await authenticate(request, d.tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators see the chat settings');
    return d.settings.get();
  });

  app.put('/api/admin/chat-settings', async (request) => {
    const user = await authenticate(request, d.tokens);
    if (!hasRole(user, 'admin')) throw forbidden('Only administrators change the chat settings');
    if (request.body === undefined) throw badRequest('The body must hold the settings');
    return d.settings.replace(request.body, user.username);
  });
}

async function transcript(d: Deps, request: FastifyRequest, id: string) {
  const ctx = await requestContext(request, d.tokens);
  const chat = await readChat(d.db, id);
  if (!chat) throw notFound(`Chat ${id} was not found`);
  const task = await d.fhir.store.read<Task>('Task', chat.taskId);
  // Access as to the contact itself: the resident's own, or a professional's relationship; audited.
  await d.fhir.authorize(ctx, task, 'read', [`Task/${task.id}`]);
  const lines = await transcriptOf(d.fhir, chat.taskId);
  const side = (c: Communication): ChatSide => (c.sender?.reference === task.for?.reference ? 'resident' : 'professional');
  return {
    id: chat.id,
    service: chat.service,
    state: chat.state,
    createdAt: chat.createdAt.toISOString(),
    outcome: task.businessStatus?.coding?.[0]?.code,
    messages: lines.map((c) => ({ id: c.id, from: side(c), name: c.sender?.display ?? '', text: c.payload?.[0]?.contentString ?? '', at: c.sent })),
  };
}

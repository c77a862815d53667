import type { WebSocket } from 'ws';
import type { ChatSide, OutboundFrame } from '@ovi/domain';
import type { Database, SqlExecutor } from '../db/database';
import { CHAT_CHANNEL, notifyChat, queuePosition } from '../storage/chatStore';

/** What one server process tells the others (and itself) through PostgreSQL NOTIFY. */
export type ChatEvent =
  | { kind: 'frame'; chat: string; to: ChatSide | 'both'; frame: OutboundFrame }
  /** The order of a service's queue changed: each process tells its waiting residents their place. */
  | { kind: 'queue'; service: string };

export interface ChatConnection {
  chat: string;
  service: string;
  side: ChatSide;
  socket: WebSocket;
}

/** The close code that asks a chat client to connect again at once (RFC 6455 §7.4.1 "service restart"). */
export const RESUME_CLOSE_CODE = 1012;

/** Frames after which the chat's sockets are closed. */
const FINAL_FRAMES = new Set<OutboundFrame['type']>(['closed', 'service-closed']);

/**
 * The chat's delivery across server processes. Every event is a NOTIFY on one channel, sent
 * in the transaction that stored what it tells (so it goes out only once that is committed);
 * every process LISTENs and passes each event to the sockets connected to it. The only thing
 * kept in process memory is this process's own set of open sockets.
 */
export class ChatBus {
  private readonly local = new Map<string, Set<ChatConnection>>();
  private stopListening?: () => Promise<void>;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(
      CHAT_CHANNEL,
      (payload) => void this.deliver(payload).catch(() => undefined),
      () => this.reconnectAll(),
    );
  }

  /**
   * This process was deaf for a moment (its LISTEN connection was lost and is back): messages
   * sent meanwhile never reached its sockets. Each socket is closed with 1012 (service restart);
   * the client connects again at once and gets the chat's history and state from the tables,
   * where nothing was lost. The web app keeps the lines it has and adds only new ones (by id).
   */
  private reconnectAll(): void {
    for (const set of this.local.values()) for (const c of set) c.socket.close(RESUME_CLOSE_CODE, 'reconnect to catch up');
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    for (const set of this.local.values()) for (const c of set) c.socket.close(1001, 'server stopping');
    this.local.clear();
  }

  /** Sent when `tx` commits. */
  publish(tx: SqlExecutor, event: ChatEvent): Promise<void> {
    return notifyChat(tx, JSON.stringify(event));
  }

  add(connection: ChatConnection): void {
    const set = this.local.get(connection.chat) ?? new Set();
    set.add(connection);
    this.local.set(connection.chat, set);
  }

  remove(connection: ChatConnection): void {
    const set = this.local.get(connection.chat);
    set?.delete(connection);
    if (set?.size === 0) this.local.delete(connection.chat);
  }

  private async deliver(payload: string): Promise<void> {
    const event = JSON.parse(payload) as ChatEvent;
    if (event.kind === 'queue') return this.tellPositions(event.service);
    for (const c of [...(this.local.get(event.chat) ?? [])]) {
      if (event.to !== 'both' && event.to !== c.side) continue;
      send(c.socket, event.frame);
      if (FINAL_FRAMES.has(event.frame.type)) c.socket.close(1000, event.frame.type);
    }
  }

  private async tellPositions(service: string): Promise<void> {
    for (const set of this.local.values()) {
      for (const c of set) {
        if (c.service !== service || c.side !== 'resident') continue;
        const position = await queuePosition(this.db, c.chat);
        if (position !== undefined) send(c.socket, { type: 'queue', position });
      }
    }
  }
}

export function send(socket: WebSocket, frame: OutboundFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

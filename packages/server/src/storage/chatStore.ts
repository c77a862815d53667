import type { SqlExecutor } from '../db/database';

/** The one channel every server process listens on for chat events (payloads: chat/chatBus.ts). */
export const CHAT_CHANNEL = 'ovi_chat';

export type ChatState = 'waiting' | 'active' | 'closed';

export interface ChatRow {
  id: string;
  service: string;
  taskId: string;
  patient: string;
  anonymous: boolean;
  tokenHash: string;
  state: ChatState;
  urgencyRank: number;
  createdAt: Date;
  takenBy?: string;
  takenByName?: string;
  closedAt?: Date;
}

interface Row {
  id: string;
  service: string;
  task_id: string;
  patient: string;
  anonymous: boolean;
  token_hash: string;
  state: ChatState;
  urgency_rank: number;
  created_at: Date | string;
  taken_by: string | null;
  taken_by_name: string | null;
  closed_at: Date | string | null;
}

const COLUMNS = 'id, service, task_id, patient, anonymous, token_hash, state, urgency_rank, created_at, taken_by, taken_by_name, closed_at';
/** The queue's order: the most urgent first, then who came first. */
const QUEUE_ORDER = 'urgency_rank, created_at, id';

function toChat(r: Row): ChatRow {
  return {
    id: r.id,
    service: r.service,
    taskId: r.task_id,
    patient: r.patient,
    anonymous: r.anonymous,
    tokenHash: r.token_hash,
    state: r.state,
    urgencyRank: r.urgency_rank,
    createdAt: new Date(r.created_at),
    ...(r.taken_by ? { takenBy: r.taken_by } : {}),
    ...(r.taken_by_name ? { takenByName: r.taken_by_name } : {}),
    ...(r.closed_at ? { closedAt: new Date(r.closed_at) } : {}),
  };
}

export async function insertChat(tx: SqlExecutor, c: Pick<ChatRow, 'id' | 'service' | 'taskId' | 'patient' | 'anonymous' | 'tokenHash' | 'urgencyRank' | 'createdAt'>): Promise<void> {
  await tx.query(
    `INSERT INTO chat_session (id, service, task_id, patient, anonymous, token_hash, state, urgency_rank, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'waiting', $7, $8)`,
    [c.id, c.service, c.taskId, c.patient, c.anonymous, c.tokenHash, c.urgencyRank, c.createdAt.toISOString()],
  );
}

export async function readChat(db: SqlExecutor, id: string, forUpdate = false): Promise<ChatRow | undefined> {
  const r = await db.query<Row>(`SELECT ${COLUMNS} FROM chat_session WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ? toChat(r.rows[0]) : undefined;
}

/** 1 for the next to be taken; undefined when the chat is not waiting. */
export async function queuePosition(db: SqlExecutor, id: string): Promise<number | undefined> {
  const r = await db.query<{ position: string }>(
    `SELECT q.position FROM (
       SELECT id, row_number() OVER (ORDER BY ${QUEUE_ORDER}) AS position
         FROM chat_session WHERE state = 'waiting' AND service = (SELECT service FROM chat_session WHERE id = $1)) q
      WHERE q.id = $1`,
    [id],
  );
  return r.rows[0] ? Number(r.rows[0].position) : undefined;
}

/** Waiting chats per service. */
export async function queueLengths(db: SqlExecutor): Promise<Map<string, number>> {
  const r = await db.query<{ service: string; n: string }>(`SELECT service, count(*) AS n FROM chat_session WHERE state = 'waiting' GROUP BY service`);
  return new Map(r.rows.map((row) => [row.service, Number(row.n)]));
}

/**
 * The first waiting chat of the service, taken by `by`: the row is locked with SKIP LOCKED, so
 * two professionals taking at the same moment get two different chats (or one gets none).
 */
export async function takeNextWaiting(tx: SqlExecutor, service: string, by: { ref: string; name: string }, at: Date): Promise<ChatRow | undefined> {
  const r = await tx.query<Row>(
    `UPDATE chat_session SET state = 'active', taken_by = $2, taken_by_name = $3, taken_at = $4
      WHERE id = (SELECT id FROM chat_session WHERE service = $1 AND state = 'waiting' ORDER BY ${QUEUE_ORDER} LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING ${COLUMNS}`,
    [service, by.ref, by.name, at.toISOString()],
  );
  return r.rows[0] ? toChat(r.rows[0]) : undefined;
}

/** Danger words only raise: the lower rank (more urgent) wins. */
export async function raiseChatUrgency(tx: SqlExecutor, id: string, rank: number): Promise<void> {
  await tx.query('UPDATE chat_session SET urgency_rank = LEAST(urgency_rank, $2) WHERE id = $1', [id, rank]);
}

/** Closes a chat; false when it was not open (closed already by someone else). */
export async function markChatClosed(tx: SqlExecutor, id: string, at: Date): Promise<boolean> {
  const r = await tx.query(`UPDATE chat_session SET state = 'closed', closed_at = $2 WHERE id = $1 AND state <> 'closed'`, [id, at.toISOString()]);
  return r.rowCount > 0;
}

/** Closes every chat still waiting in a service that has closed; each row goes to exactly one caller. */
export async function closeWaitingChats(tx: SqlExecutor, service: string, at: Date): Promise<ChatRow[]> {
  const r = await tx.query<Row>(
    `UPDATE chat_session SET state = 'closed', closed_at = $2
      WHERE id IN (SELECT id FROM chat_session WHERE service = $1 AND state = 'waiting' FOR UPDATE SKIP LOCKED)
      RETURNING ${COLUMNS}`,
    [service, at.toISOString()],
  );
  return r.rows.map(toChat);
}

/** The chats a professional has open now (their console after a reload). */
export async function activeChatsOf(db: SqlExecutor, by: string): Promise<ChatRow[]> {
  const r = await db.query<Row>(`SELECT ${COLUMNS} FROM chat_session WHERE state = 'active' AND taken_by = $1 ORDER BY created_at`, [by]);
  return r.rows.map(toChat);
}

/** A resident's own chats (logged in), newest first. */
export async function chatsOfPatient(db: SqlExecutor, patient: string, limit = 50): Promise<ChatRow[]> {
  const r = await db.query<Row>(`SELECT ${COLUMNS} FROM chat_session WHERE patient = $1 AND NOT anonymous ORDER BY created_at DESC LIMIT $2`, [patient, limit]);
  return r.rows.map(toChat);
}

/** Sent when `tx` commits (NOTIFY in a transaction waits for it), to every listening process. */
export async function notifyChat(tx: SqlExecutor, payload: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CHAT_CHANNEL, payload]);
}

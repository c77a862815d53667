import type { SqlExecutor } from '../db/database';

export interface AttachmentInfo {
  id: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  /** `Communication/<id>` once a message carries it. */
  communication?: string;
}

interface Row {
  id: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: Date | string;
  communication_id: string | null;
}

const info = (row: Row): AttachmentInfo => ({
  id: row.id,
  contentType: row.content_type,
  size: Number(row.size),
  uploadedBy: row.uploaded_by,
  uploadedAt: new Date(row.uploaded_at).toISOString(),
  ...(row.communication_id ? { communication: `Communication/${row.communication_id}` } : {}),
});

const COLUMNS = 'id, content_type, size, uploaded_by, uploaded_at, communication_id';

/** Stores an upload not yet part of a message. */
export async function storeAttachment(db: SqlExecutor, a: { id: string; contentType: string; data: Uint8Array; uploadedBy: string }): Promise<AttachmentInfo> {
  const r = await db.query<Row>(
    `INSERT INTO message_attachment (id, content_type, size, data, uploaded_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [a.id, a.contentType, a.data.length, a.data, a.uploadedBy],
  );
  return info(r.rows[0] as Row);
}

/** How many of a person's uploads wait unsent, after forgetting those unsent for longer than `maxAgeHours`. */
export async function unsentUploads(db: SqlExecutor, uploadedBy: string, maxAgeHours: number): Promise<number> {
  await db.query(`DELETE FROM message_attachment WHERE communication_id IS NULL AND uploaded_at < now() - make_interval(hours => $1)`, [maxAgeHours]);
  const r = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM message_attachment WHERE communication_id IS NULL AND uploaded_by = $1', [uploadedBy]);
  return Number(r.rows[0]?.n ?? 0);
}

export async function attachmentInfo(db: SqlExecutor, id: string): Promise<AttachmentInfo | undefined> {
  const r = await db.query<Row>(`SELECT ${COLUMNS} FROM message_attachment WHERE id = $1`, [id]);
  return r.rows[0] ? info(r.rows[0]) : undefined;
}

export async function attachmentsInfo(db: SqlExecutor, ids: string[]): Promise<AttachmentInfo[]> {
  if (ids.length === 0) return [];
  const r = await db.query<Row>(`SELECT ${COLUMNS} FROM message_attachment WHERE id = ANY($1::text[])`, [ids]);
  return r.rows.map(info);
}

export async function attachmentContent(db: SqlExecutor, id: string): Promise<Uint8Array | undefined> {
  const r = await db.query<{ data: Uint8Array }>('SELECT data FROM message_attachment WHERE id = $1', [id]);
  return r.rows[0]?.data;
}

/**
 * Ties unsent uploads of `uploadedBy` to a message, in the message's transaction; the number
 * tied (fewer than asked means one was sent meanwhile or is not theirs: the caller rolls back).
 */
export async function attachToMessage(tx: SqlExecutor, ids: string[], uploadedBy: string, communicationId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await tx.query('UPDATE message_attachment SET communication_id = $1 WHERE id = ANY($2::text[]) AND uploaded_by = $3 AND communication_id IS NULL', [communicationId, ids, uploadedBy]);
  return r.rowCount;
}

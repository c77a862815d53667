import type { SqlExecutor } from '../db/database';

/** Records that a message is being sent; false when it was sent already (by any process). */
export async function claimNotification(db: SqlExecutor, appointmentId: string, kind: string): Promise<boolean> {
  const claimed = await db.query('INSERT INTO notification_sent (appointment_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING', [appointmentId, kind]);
  return claimed.rowCount > 0;
}

import type { SqlExecutor } from '../db/database';

const WINDOW_SECONDS = 3600;

/**
 * Counts one sending of a public form from a client address in the current hour (one fixed
 * window per form and address, in the database so every server process counts together).
 * Returns undefined when counted, or the seconds until the address may send again.
 */
export async function claimPublicFormSending(db: SqlExecutor, form: string, address: string, perHour: number): Promise<number | undefined> {
  const claimed = await db.query<{ sent: number }>(
    `INSERT INTO public_form_address AS f (form, address, sent, window_started) VALUES ($1, $2, 1, now())
     ON CONFLICT (form, address) DO UPDATE SET
       sent = CASE WHEN f.window_started <= now() - make_interval(secs => $4::int) THEN 1 ELSE f.sent + 1 END,
       window_started = CASE WHEN f.window_started <= now() - make_interval(secs => $4::int) THEN now() ELSE f.window_started END
     WHERE f.window_started <= now() - make_interval(secs => $4::int) OR f.sent < $3::int
     RETURNING sent`,
    [form, address, perHour, WINDOW_SECONDS],
  );
  if (claimed.rows[0]) return undefined;
  const waiting = await db.query<{ wait: number | string }>(
    'SELECT GREATEST(1, ceil(EXTRACT(EPOCH FROM window_started + make_interval(secs => $3::int) - now())))::int AS wait FROM public_form_address WHERE form = $1 AND address = $2',
    [form, address, WINDOW_SECONDS],
  );
  return Number(waiting.rows[0]?.wait) || 1;
}

/** Windows that have run out (called now and then; the rows hold client addresses). */
export async function purgePublicFormSendings(db: SqlExecutor): Promise<void> {
  await db.query('DELETE FROM public_form_address WHERE window_started <= now() - make_interval(secs => $1::int)', [WINDOW_SECONDS]);
}

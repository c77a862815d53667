import type { Database } from '../db/database';

export type SeedState = 'empty' | 'interrupted' | 'done' | 'other-data';

const MARKER = 'demo-seed';

/** Where a demo seed stands: a marker is written before the first row and marked done after the last. */
export async function demoSeedState(db: Database): Promise<SeedState> {
  const marker = await db.query<{ value: string }>('SELECT value FROM app_setting WHERE name = $1', [MARKER]);
  const value = marker.rows[0]?.value;
  if (value === 'done') return 'done';
  if (value === 'started') return 'interrupted';
  const data = await db.query("SELECT 1 FROM resource WHERE resource_type <> 'AuditEvent' LIMIT 1");
  return data.rows.length > 0 ? 'other-data' : 'empty';
}

export async function markDemoSeed(db: Database, value: 'started' | 'done'): Promise<void> {
  await db.query(
    `INSERT INTO app_setting (name, version, value, updated_at, updated_by) VALUES ($1, 1, to_jsonb($2::text), now(), 'demo')
     ON CONFLICT (name) DO UPDATE SET value = to_jsonb($2::text), updated_at = now()`,
    [MARKER, value],
  );
}

/**
 * Removes what an interrupted demo seed left, so it can start again. Only called when the
 * marker says a demo seed started and never finished: nothing else can have written by then.
 */
export async function clearInterruptedDemo(db: Database): Promise<void> {
  await db.exec(`TRUNCATE resource, resource_history, search_token, search_string, search_date, slot_availability, notification_sent, app_user;
    DELETE FROM app_setting WHERE name LIKE 'schedule-template:%' OR name LIKE 'schedule-exception:%'`);
}

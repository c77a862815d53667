import type { SqlExecutor } from '../db/database';

export interface ConfigurationGap {
  service: string;
  urgency: string;
  ageBand: string;
  firstSeen: string;
  lastSeen: string;
  occurrences: number;
}

/** Ages in five-year bands: enough for the admin to find the missing rule, not to find a person. */
function ageBand(age: number | undefined): string {
  if (age === undefined) return 'unknown';
  const from = Math.floor(age / 5) * 5;
  return `${from}–${from + 4}`;
}

/**
 * A contact that no care-guarantee rule fitted still gets a deadline (the strictest); the
 * gap is counted here so the administrator can close it. Written in the contact's own
 * transaction: the contact and the record of its gap are stored together.
 */
export async function recordConfigurationGap(tx: SqlExecutor, gap: { service: string; urgency: string; age?: number }): Promise<void> {
  await tx.query(
    `INSERT INTO configuration_gap (service, urgency, age_band) VALUES ($1, $2, $3)
     ON CONFLICT (service, urgency, age_band) DO UPDATE SET last_seen = now(), occurrences = configuration_gap.occurrences + 1`,
    [gap.service, gap.urgency, ageBand(gap.age)],
  );
}

export async function listConfigurationGaps(db: SqlExecutor): Promise<ConfigurationGap[]> {
  const r = await db.query<{ service: string; urgency: string; age_band: string; first_seen: Date | string; last_seen: Date | string; occurrences: number }>(
    'SELECT service, urgency, age_band, first_seen, last_seen, occurrences FROM configuration_gap ORDER BY last_seen DESC',
  );
  const iso = (v: Date | string) => new Date(v).toISOString();
  return r.rows.map((row) => ({
    service: row.service,
    urgency: row.urgency,
    ageBand: row.age_band,
    firstSeen: iso(row.first_seen),
    lastSeen: iso(row.last_seen),
    occurrences: Number(row.occurrences),
  }));
}

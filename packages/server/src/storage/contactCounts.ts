/**
 * The least any figure over a period's contacts can cost: a plain count of the client-guidance
 * contacts that arrived in [start, end), grouped by the unit that handled them (the unit of
 * the guidance nurse who owns the contact, through the PractitionerRole), read from the same
 * figure facts as the indicators (task_fact through its partial index on the arrival, migration
 * 041, decision 033). The dashboard benchmark compares every indicator with it (decision 029).
 */
import type { SqlExecutor } from '../db/database';

export async function contactsPerUnit(db: SqlExecutor, window: { start: Date; end: Date }): Promise<Array<{ unit: string; contacts: number }>> {
  const r = await db.query<{ unit: string | null; n: number }>(
    `WITH c AS (
       SELECT owner, count(*)::int AS n
         FROM task_fact
        WHERE kind = 'client-guidance' AND arrived_at >= $1::timestamptz AND arrived_at < $2::timestamptz
        GROUP BY 1
     )
     SELECT COALESCE(u.unit, 'unknown') AS unit, sum(c.n)::int AS n
       FROM c LEFT JOIN LATERAL (
         SELECT r.content #>> '{location,0,reference}' AS unit FROM resource r
          WHERE r.resource_type = 'PractitionerRole' AND r.content #>> '{practitioner,reference}' = c.owner LIMIT 1) u ON true
      GROUP BY 1 ORDER BY 1`,
    [window.start.toISOString(), window.end.toISOString()],
  );
  return r.rows.map((row) => ({ unit: row.unit ?? 'unknown', contacts: Number(row.n) }));
}

import pg from 'pg';
import { freshPostgresDatabase } from '../api/oviTestServer';

/**
 * What "nothing half-written" means for Ovi's storage, as SQL over its tables. Each query counts
 * the rows that break one rule; every count must be 0. Works on PostgreSQL and on PGlite.
 */
export const STORE_INVARIANTS: Record<string, string> = {
  'resources without their current version in resource_history': `
    SELECT count(*)::int AS n FROM resource r
     WHERE NOT EXISTS (SELECT 1 FROM resource_history h WHERE h.resource_type = r.resource_type AND h.id = r.id AND h.version_id = r.version_id)`,
  'resources whose history is not exactly versions 1..current': `
    SELECT count(*)::int AS n FROM resource r
      JOIN (SELECT resource_type, id, count(*) AS c, min(version_id) AS lo, max(version_id) AS hi FROM resource_history GROUP BY resource_type, id) h
        ON h.resource_type = r.resource_type AND h.id = r.id
     WHERE h.c <> r.version_id OR h.lo <> 1 OR h.hi <> r.version_id`,
  'history rows without a current resource': `
    SELECT count(*)::int AS n FROM resource_history h
     WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.resource_type = h.resource_type AND r.id = h.id)`,
  'current content differing from its history row': `
    SELECT count(*)::int AS n FROM resource r JOIN resource_history h
        ON h.resource_type = r.resource_type AND h.id = r.id AND h.version_id = r.version_id
     WHERE h.content <> r.content`,
  'contacts (QuestionnaireResponse) without their guidance Task': `
    SELECT count(*)::int AS n FROM resource q
     WHERE q.resource_type = 'QuestionnaireResponse'
       AND NOT EXISTS (SELECT 1 FROM resource t WHERE t.resource_type = 'Task' AND t.content->'focus'->>'reference' = 'QuestionnaireResponse/' || q.id)`,
  'Tasks whose focus QuestionnaireResponse does not exist': `
    SELECT count(*)::int AS n FROM resource t
     WHERE t.resource_type = 'Task' AND t.content->'focus'->>'reference' LIKE 'QuestionnaireResponse/%'
       AND NOT EXISTS (SELECT 1 FROM resource q WHERE q.resource_type = 'QuestionnaireResponse' AND 'QuestionnaireResponse/' || q.id = t.content->'focus'->>'reference')`,
  'contacts without their create AuditEvent': `
    SELECT count(*)::int AS n FROM resource q
     WHERE q.resource_type = 'QuestionnaireResponse'
       AND NOT EXISTS (SELECT 1 FROM resource a WHERE a.resource_type = 'AuditEvent' AND a.content->>'action' = 'C'
                         AND a.content->'entity' @> jsonb_build_array(jsonb_build_object('what', jsonb_build_object('reference', 'QuestionnaireResponse/' || q.id))))`,
  'contacts missing from the subject search index': `
    SELECT count(*)::int AS n FROM resource q
     WHERE q.resource_type = 'QuestionnaireResponse'
       AND NOT EXISTS (SELECT 1 FROM search_token s WHERE s.resource_type = 'QuestionnaireResponse' AND s.resource_id = q.id AND s.param = 'subject')`,
  'Tasks missing from the focus search index': `
    SELECT count(*)::int AS n FROM resource t
     WHERE t.resource_type = 'Task' AND t.content->'focus'->>'reference' IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM search_token s WHERE s.resource_type = 'Task' AND s.resource_id = t.id AND s.param = 'focus' AND s.value = t.content->'focus'->>'reference')`,
  'Organizations missing from the name search index': `
    SELECT count(*)::int AS n FROM resource o
     WHERE o.resource_type = 'Organization' AND o.content->>'name' IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM search_string s WHERE s.resource_type = 'Organization' AND s.resource_id = o.id AND s.param = 'name' AND s.exact = o.content->>'name')`,
  'token index rows of resources that do not exist': `
    SELECT count(*)::int AS n FROM search_token s WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.resource_type = s.resource_type AND r.id = s.resource_id)`,
  'string index rows of resources that do not exist': `
    SELECT count(*)::int AS n FROM search_string s WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.resource_type = s.resource_type AND r.id = s.resource_id)`,
  'date index rows of resources that do not exist': `
    SELECT count(*)::int AS n FROM search_date s WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.resource_type = s.resource_type AND r.id = s.resource_id)`,
  'Slots whose availability row is missing or disagrees': `
    SELECT count(*)::int AS n FROM resource s LEFT JOIN slot_availability a ON a.slot_id = s.id
     WHERE s.resource_type = 'Slot' AND (a.slot_id IS NULL OR a.status <> s.content->>'status')`,
};

export type Query = (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>;

/** Every invariant's count of offending rows: `{ rule: 0, … }` when the store is whole. */
export async function checkStore(query: Query): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [rule, sql] of Object.entries(STORE_INVARIANTS)) {
    counts[rule] = Number((await query(sql)).rows[0]?.n);
  }
  return counts;
}

export const allZero = (counts: Record<string, number>): Record<string, number> => Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));

/** Resource counts by type, AuditEvents left out (reads write those). */
export async function countsByType(query: Query): Promise<Record<string, number>> {
  const r = await query("SELECT resource_type, count(*)::int AS n FROM resource WHERE resource_type <> 'AuditEvent' GROUP BY resource_type ORDER BY resource_type");
  return Object.fromEntries(r.rows.map((row) => [row.resource_type as string, Number(row.n)]));
}

/** A fresh database on the PostgreSQL test server (the API tests' helper, another prefix). */
export const freshDatabase = (serverUrl: string, prefix = 'ovi_durability') => freshPostgresDatabase(serverUrl, prefix);

/** A `Query` over a pg connection that is opened for each call (survives server restarts). */
export function pgQuery(url: string): Query {
  return async (sql, params) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query(sql, params as unknown[]);
    } finally {
      await client.end();
    }
  };
}

/** Runs `work` on every item with at most `limit` at a time. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i] as T);
      }
    }),
  );
  return results;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

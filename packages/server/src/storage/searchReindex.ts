import type { Resource } from '@medplum/fhirtypes';
import type { Database } from '../db/database';
import { loadFhirDefinitions } from '../fhir/definitions';
import { INDEX_INSERTS, indexColumns, indexParameters } from './searchIndexer';

const BATCH = 500;

/**
 * Rebuilds the search index rows of the resources a migration queued in
 * `search_reindex_pending` (when the way rows are computed changed). Run at start, before
 * serving. Each batch locks its resources, so a concurrent write waits rather than being
 * overwritten by an older version; several servers starting at once take different batches.
 */
export async function reindexPending(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const queued = await tx.query<{ resource_type: string; resource_id: string }>(
        `SELECT resource_type, resource_id FROM search_reindex_pending ORDER BY resource_type, resource_id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (queued.rows.length === 0) return 0;
      // Without R4's search parameters every row would come out empty (tools open the database too).
      loadFhirDefinitions();
      const types = queued.rows.map((r) => r.resource_type);
      const ids = queued.rows.map((r) => r.resource_id);
      const current = await tx.query<{ content: Resource & { id: string } }>(
        `SELECT content FROM resource WHERE (resource_type, id) IN (SELECT * FROM unnest($1::text[], $2::text[])) FOR UPDATE`,
        [types, ids],
      );
      await tx.query(
        `WITH q AS (SELECT * FROM unnest($1::text[], $2::text[]) AS q(t, i)),
           dt AS (DELETE FROM search_token x USING q WHERE x.resource_type = q.t AND x.resource_id = q.i),
           ds AS (DELETE FROM search_string x USING q WHERE x.resource_type = q.t AND x.resource_id = q.i),
           dd AS (DELETE FROM search_date x USING q WHERE x.resource_type = q.t AND x.resource_id = q.i),
           dq AS (DELETE FROM search_reindex_pending x USING q WHERE x.resource_type = q.t AND x.resource_id = q.i),
           ${INDEX_INSERTS(3)}
         SELECT 1`,
        [types, ids, ...indexParameters(indexColumns(current.rows.map((r) => r.content)))],
      );
      return queued.rows.length;
    });
    if (done === 0) return total;
    total += done;
  }
}

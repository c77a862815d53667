import type { SqlExecutor } from '../db/database';
import type { Stored } from './resourceStore';
import type { SearchRequest } from '../fhir/searchRequest';
import { SearchSql } from './searchQuery';

export interface HistoryPage {
  versions: Stored[];
  total: number;
}

/**
 * One page of the versions of the resources a search request selects (by its filters: an id
 * for instance history, the client for type history), newest first, optionally only those
 * written at or after `since`.
 */
export async function historyPage(db: SqlExecutor, request: SearchRequest, since?: string): Promise<HistoryPage> {
  const sql = new SearchSql(request);
  const where = sql.where();
  const params: unknown[] = [...sql.params, since ?? null];
  const sinceParam = `$${params.length}`;
  const selection = `FROM resource_history h
    WHERE h.resource_type = $1 AND h.id IN (SELECT r.id FROM resource r WHERE ${where})
      AND (${sinceParam}::timestamptz IS NULL OR h.last_updated >= ${sinceParam}::timestamptz)`;
  const [rows, count] = await Promise.all([
    request.count === 0
      ? Promise.resolve({ rows: [] as Array<{ content: Stored }> })
      : db.query<{ content: Stored }>(`SELECT h.content ${selection} ORDER BY h.last_updated DESC, h.id, h.version_id DESC LIMIT ${request.count} OFFSET ${request.offset}`, params),
    db.query<{ total: string | number }>(`SELECT count(*) AS total ${selection}`, params),
  ]);
  return { versions: rows.rows.map((r) => r.content), total: Number(count.rows[0]?.total ?? 0) };
}

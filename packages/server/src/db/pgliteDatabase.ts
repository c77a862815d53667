import { PGlite } from '@electric-sql/pglite';
import type { Database, QueryResult, SqlExecutor } from './database';

/**
 * Embedded PostgreSQL (PGlite) keeping its files in `dataDir` (in memory when undefined).
 * PGlite serves one connection: its own queue serialises queries and transactions.
 */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir);
  const run = async <T>(ex: Pick<PGlite, 'query'>, sql: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const result = await ex.query<T>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  };
  return {
    kind: 'pglite',
    query: (sql, params) => run(db, sql, params),
    transaction: (work) =>
      db.transaction((tx) => {
        const executor: SqlExecutor = { query: (sql, params) => run(tx, sql, params) };
        return work(executor);
      }),
    withLock: (_key, work) => work(),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}

import pg from 'pg';
import type { Database, SqlExecutor } from './database';
import { DatabaseUnavailableError } from './database';

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

function translate(error: unknown): never {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? '';
  if ((code && CONNECTION_ERRORS.has(code)) || /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message)) {
    throw new DatabaseUnavailableError(`Database unavailable: ${message}`);
  }
  throw error;
}

/** A PostgreSQL server through a connection pool; it carries concurrency. */
export async function openPostgresDatabase(url: string, poolSize = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  const query: SqlExecutor['query'] = async (sql, params) => {
    try {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    } catch (error) {
      return translate(error);
    }
  };
  return {
    kind: 'postgres',
    query,
    transaction: async (work) => {
      const client = await pool.connect().catch(translate);
      // A connection lost while borrowed must not crash the process: the statement in flight
      // fails instead, and the broken connection is dropped rather than returned to the pool.
      let broken = false;
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN').catch(translate);
        const executor: SqlExecutor = {
          query: async (sql, params) => {
            const r = await client.query(sql, params as unknown[]).catch(translate);
            return { rows: r.rows, rowCount: r.rowCount ?? 0 };
          },
        };
        const result = await work(executor);
        await client.query('COMMIT').catch(translate);
        return result;
      } catch (error) {
        if (error instanceof DatabaseUnavailableError) broken = true;
        else await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken ? new Error('connection lost') : undefined);
      }
    },
    withLock: async (key, work) => {
      const client = await pool.connect().catch(translate);
      const onError = () => undefined;
      client.on('error', onError);
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]).catch(translate);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
        }
      } finally {
        client.off('error', onError);
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql).catch(translate);
    },
    close: () => pool.end(),
  };
}

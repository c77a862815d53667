import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, SqlExecutor } from './database';
import { DatabaseUnavailableError, PLAN_PER_CALL } from './database';

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

function translate(error: unknown): never {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? '';
  if ((code && CONNECTION_ERRORS.has(code)) || /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message)) {
    throw new DatabaseUnavailableError(`Database unavailable: ${message}`);
  }
  throw error;
}

/** At most this many distinct statements are kept prepared on each connection. */
const PREPARED_LIMIT = 1000;
const preparedNames = new Map<string, string>();

/**
 * A statement with parameters runs as a named prepared statement, so PostgreSQL parses and
 * plans it once per connection instead of on every call (the resource insert's planning cost
 * as much as its execution). Searches marked PLAN_PER_CALL are planned for their values each
 * time (with a generic plan slot generation was 20 % slower). Statements past the limit
 * simply run unnamed.
 */
function statement(text: string, values: unknown[] | undefined): pg.QueryConfig {
  if (!values || values.length === 0 || text.startsWith(PLAN_PER_CALL)) return { text, values };
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < PREPARED_LIMIT) {
    name = `ovi_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return name ? { name, text, values } : { text, values };
}

/** A PostgreSQL server through a connection pool; it carries concurrency. */
export async function openPostgresDatabase(url: string, poolSize = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  const listeners = new Set<() => Promise<void>>();
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  const query: SqlExecutor['query'] = async (sql, params) => {
    try {
      const r = await pool.query(statement(sql, params));
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
            const r = await client.query(statement(sql, params)).catch(translate);
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
    listen: (channel, onMessage, onResumed) => listenOn(url, channel, onMessage, listeners, onResumed),
    exec: async (sql) => {
      await pool.query(sql).catch(translate);
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

const RELISTEN_MS = 1000;

/**
 * `LISTEN` needs a connection of its own for as long as it listens (a pooled one would be given
 * to other work). When the connection is lost, a new one listens again after a second;
 * notifications sent in between are lost, so `onResumed` then tells the caller to re-read its
 * state from the tables (the chat has its sockets reconnect, which replays their history).
 */
async function listenOn(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  listeners: Set<() => Promise<void>>,
  onResumed?: () => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const resumed = () => {
    if (stopped) return;
    try {
      onResumed?.();
    } catch {
      // The caller's re-read is its own affair; listening goes on.
    }
  };
  const again = () => {
    if (!stopped) retry = setTimeout(() => void connect().then(resumed, again), RELISTEN_MS);
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
    });
    // A lost connection may report an error, or only end: either way listen again.
    const lost = () => {
      if (client !== c) return;
      client = undefined;
      void c.end().catch(() => undefined);
      again();
    };
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (stopped) await c.end().catch(() => undefined);
    else client = c;
  };
  await connect().catch(translate);
  const stop = async () => {
    stopped = true;
    listeners.delete(stop);
    if (retry) clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
  listeners.add(stop);
  return stop;
}

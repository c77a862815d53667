import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, QueryResult, SqlExecutor } from './database';

/**
 * Embedded PostgreSQL (PGlite) keeping its files in `dataDir` (in memory when undefined).
 * PGlite serves one connection: its own queue serialises queries and transactions. The
 * folder is private to the server's user (see ensurePrivateFolder).
 */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  // memory://, idb:// and the like are not folders.
  if (dataDir && !/^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir)) ensurePrivateFolder(dataDir);
  // pg_trgm: trigram similarity for the service finder's typos (migration 026 creates the extension).
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
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
    // In process: listening is never lost, so there is nothing to resume.
    listen: async (channel, onMessage) => {
      const stop = await db.listen(channel, onMessage);
      return () => stop();
    },
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}

/**
 * The embedded database's folder holds every client's data: it is created readable by the
 * server's user only (0700), and an existing one that others may read or write is made
 * private (with a warning). A folder of another user, or one that cannot be made private, is
 * refused with what to do.
 */
export function ensurePrivateFolder(dir: string, warn: (message: string) => void = (m) => console.warn(m)): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new Error(`OVI_DATA_DIR ${dir} is not a folder and cannot be made one (${(error as Error).message})`);
  }
  if (process.platform === 'win32') return; // no POSIX modes: rely on the folder's ACL
  const info = statSync(dir);
  if (!info.isDirectory()) throw new Error(`OVI_DATA_DIR ${dir} is not a folder`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new Error(
      `OVI_DATA_DIR ${dir} belongs to another user (uid ${info.uid}, this server runs as ${uid}); ` +
        'the embedded database must be in a folder of the server\'s own user, private to it (chown it, then chmod 700)',
    );
  }
  const mode = info.mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(dir, 0o700);
  } catch (error) {
    throw new Error(`OVI_DATA_DIR ${dir} can be read or written by other users (mode ${mode.toString(8).padStart(4, '0')}) and could not be made private: ${(error as Error).message}. Run: chmod 700 ${dir}`);
  }
  warn(`OVI_DATA_DIR ${dir} could be read or written by other users (mode ${mode.toString(8).padStart(4, '0')}); it is now private to this user (0700)`);
}

/**
 * One small SQL interface with two real back-ends: embedded PGlite and a PostgreSQL server.
 * Everything above this layer speaks plain PostgreSQL SQL through it.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Database extends SqlExecutor {
  /** Runs `work` in one transaction; rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding a lock that other server processes on the same database wait
   * for (a PostgreSQL session advisory lock; PGlite has one process, so no lock is needed).
   */
  withLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  /**
   * Calls `onMessage` with the payload of every `NOTIFY` on `channel`, from any server process
   * on this database (PostgreSQL: one dedicated connection, re-opened when lost; PGlite: its
   * own listeners, in process). Resolves once listening; the function returned stops it.
   * `onResumed` is called each time listening starts again after the connection was lost:
   * notifications sent in between never arrive, so the caller re-reads what it needs.
   */
  listen(channel: string, onMessage: (payload: string) => void, onResumed?: () => void): Promise<() => Promise<void>>;
  /** Executes several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/**
 * Marks a statement whose best plan depends on its values (a search over the index: one token
 * rare, another common): PostgreSQL plans it for each call instead of keeping a generic plan.
 */
export const PLAN_PER_CALL = '/* plan per call */ ';

/** Thrown when the database cannot be reached; the HTTP layer answers 503. */
export class DatabaseUnavailableError extends Error {}

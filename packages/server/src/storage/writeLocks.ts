import type { SqlExecutor } from '../db/database';

/**
 * Holds a lock named by `name` until the transaction `tx` ends: every server process on the
 * database waits for it (a PostgreSQL transaction-scoped advisory lock; PGlite's single
 * connection takes it as well). Conditional creates with the same condition take turns.
 */
export async function lockForTransaction(tx: SqlExecutor, name: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [name]);
}

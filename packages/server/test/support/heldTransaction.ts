import type { Database, SqlExecutor } from '../../src/db/database';

/**
 * A transaction on a connection of its own, left open after `begin` until the returned function
 * is called (which then waits for its commit): what another server process or a long report
 * holds while a test runs. PostgreSQL only (PGlite has one connection, which it would block).
 */
export async function holdTransaction(db: Database, begin: (tx: SqlExecutor) => Promise<unknown>): Promise<() => Promise<void>> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let begun = () => {};
  const started = new Promise<void>((resolve) => (begun = resolve));
  const done = db.transaction(async (tx) => {
    await begin(tx);
    begun();
    await held;
  });
  await Promise.race([started, done]);
  return async () => {
    release();
    await done;
  };
}

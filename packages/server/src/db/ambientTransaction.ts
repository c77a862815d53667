import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, SqlExecutor } from './database';

interface Ambient {
  tx: SqlExecutor;
  savepoints: number;
  /** Work that must happen only once the whole transaction is committed (e-mail and the like). */
  afterCommit: Array<() => void>;
  /** Work that must still happen when it rolls back (refusals stay audited). */
  afterRollback: Array<() => Promise<void>>;
  /** Set when the transaction has ended: work left running from it uses the pool again. */
  ended: boolean;
}

const current = new AsyncLocalStorage<Ambient>();

/**
 * A FHIR transaction Bundle runs every entry through the same service code as a single
 * request (access checks, hooks, audit), and that code reaches the database in many places.
 * Inside `inOneTransaction`, every query made through a database wrapped by
 * `withAmbientTransactions` goes to that one transaction; a nested `transaction()` becomes a
 * savepoint. The context lives with the request's async calls, never in shared state.
 */
export async function inOneTransaction<T>(db: Database, work: () => Promise<T>): Promise<T> {
  if (open()) throw new Error('A transaction Bundle cannot start inside another');
  let ambient: Ambient | undefined;
  try {
    const result = await db.transaction((tx) => {
      ambient = { tx, savepoints: 0, afterCommit: [], afterRollback: [], ended: false };
      return current.run(ambient, work);
    }).finally(() => {
      // A connection given back to the pool must never see this context's queries again.
      if (ambient) ambient.ended = true;
    });
    for (const run of ambient?.afterCommit ?? []) run();
    return result;
  } catch (error) {
    // Outside the rolled-back transaction now: these writes stand on their own.
    for (const run of ambient?.afterRollback ?? []) await run();
    throw error;
  }
}

/** The open transaction of a transaction Bundle the current request runs in, if any. */
function open(): Ambient | undefined {
  const ambient = current.getStore();
  return ambient && !ambient.ended ? ambient : undefined;
}

/** The transaction the current request runs in, if it is inside `inOneTransaction`. */
export function ambientTransaction(): SqlExecutor | undefined {
  return open()?.tx;
}

/** Runs `work` now, or, inside a transaction Bundle, once the whole Bundle has committed. */
export function afterCommit(work: () => void): void {
  const ambient = open();
  if (ambient) ambient.afterCommit.push(work);
  else work();
}

/** Inside a transaction Bundle: `work` runs (outside it) if the Bundle rolls back. */
export function onRollback(work: () => Promise<void>): void {
  open()?.afterRollback.push(work);
}

/** The database with its queries, transactions and locks joining the ambient transaction when there is one. */
export function withAmbientTransactions(db: Database): Database {
  return {
    kind: db.kind,
    query: (sql, params) => (open()?.tx ?? db).query(sql, params),
    transaction: async (work) => {
      const ambient = open();
      if (!ambient) return db.transaction(work);
      const name = `ovi_nested_${++ambient.savepoints}`;
      await ambient.tx.query(`SAVEPOINT ${name}`);
      try {
        const result = await work(ambient.tx);
        await ambient.tx.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await ambient.tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
    },
    withLock: async (key, work) => {
      const ambient = open();
      if (!ambient) return db.withLock(key, work);
      // Held until the Bundle's transaction ends, on its own connection (another would wait for it).
      await ambient.tx.query('SELECT pg_advisory_xact_lock($1)', [key]);
      return work();
    },
    exec: (sql) => db.exec(sql),
    // Listening is a connection of its own, never part of a Bundle's transaction.
    listen: (channel, onMessage, onResumed) => db.listen(channel, onMessage, onResumed),
    close: () => db.close(),
  };
}

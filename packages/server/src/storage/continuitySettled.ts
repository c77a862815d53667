/**
 * Continuity figures over a period's settled days, kept between requests (migration 046,
 * decision 041). A continuity read over a long window uses the rows kept for its days before
 * today and recomputes from the facts only the clients those rows cannot give
 * (`continuityClients.ts`); the answer is the same as from the facts alone in every snapshot
 * (tested in `continuitySettled.test.ts`). The first read of a window is answered from the
 * facts and starts keeping it for the next ones; what is kept is the window's client rows up to
 * the moment of keeping, and a read adds the visits since.
 *
 * Nothing lives in process memory but which keeping this process has under way: the rows and
 * what changed since are in the database, so every server process uses the same kept rows.
 */
import { MIN_VISITS_FOR_CONTINUITY } from '@ovi/domain';
import { PLAN_PER_CALL, type Database, type SqlExecutor } from '../db/database';
import { CLIENT_ROW_COLUMNS, CLIENT_ROWS_TO_KEEP } from './continuityClients';

/**
 * The shortest settled part worth keeping. A month's window is read from the facts in a
 * fraction of a second over a region (docs/PRODUCTION.md); a year's takes seconds.
 */
export const KEEP_FROM_DAYS = 28;
/** Kept rows are read while younger than this and kept again when older than KEEP_AGAIN_HOURS. */
const USE_FOR_HOURS = 24;
/** The visits after the kept moment are read from the facts on every request: kept again hourly. */
const KEEP_AGAIN_HOURS = 1;
/**
 * A read finds its kept period and reads its rows in two statements: rows are removed only this
 * long after no read can find them any more, so that none disappears under a read.
 */
const SUPERSEDED_MINUTES = 10;
/** One keeping at a time across processes (a reader's keeping skips rather than waits). */
export const KEEP_LOCK = 4242046;

export interface SettledWindow {
  start: Date;
  end: Date;
  /** The end of what is kept: the window's end or, when that is later, the moment of keeping. */
  settledEnd: Date;
}

/** The part of `window` that can be kept at `at`, or null when it is too short to be worth it. */
export function settledPart(window: { start: Date; end: Date }, at: Date): SettledWindow | null {
  const settledEnd = window.end.getTime() < at.getTime() ? window.end : at;
  if (settledEnd.getTime() - window.start.getTime() < KEEP_FROM_DAYS * 86_400_000) return null;
  return { start: window.start, end: window.end, settledEnd };
}

/** A kept period's rows are no use once a team or a Location changed (client NULL) after them. */
const EVERYONE_CHANGED = (s: string) =>
  `EXISTS (SELECT 1 FROM continuity_change c WHERE c.client IS NULL AND c.xid >= pg_snapshot_xmin(${s}.taken) AND NOT pg_visible_in_snapshot(c.xid, ${s}.taken))`;

/**
 * The kept period to read `window` with at `at`, as the parameters $7 and $8 of
 * `clientRows(true)` (its id and the end of what it keeps), or null to read from the facts. Starts
 * keeping the window (not awaited) when none is kept, when its rows no longer hold, or when they
 * are older than KEEP_AGAIN_HOURS (the visits after them and the clients changed since add up).
 */
export async function settledFor(db: SqlExecutor, window: { start: Date; end: Date }, at: Date): Promise<[id: string, settledEnd: string] | null> {
  const part = settledPart(window, at);
  if (!part) return null;
  const r = await db.query<{ id: string; settled_end: Date | string; whole: boolean; old: boolean }>(
    `SELECT s.id::text AS id, s.settled_end, NOT ${EVERYONE_CHANGED('s')} AS whole,
            s.taken_at < now() - interval '${KEEP_AGAIN_HOURS} hours' AS old
       FROM continuity_settled s
      WHERE s.window_start = $1::timestamptz AND s.window_end = $2::timestamptz AND s.taken_at >= now() - interval '${USE_FOR_HOURS} hours'
      ORDER BY s.id DESC LIMIT 1`,
    [part.start.toISOString(), part.end.toISOString()],
  );
  const kept = r.rows[0];
  if (!kept || !kept.whole || kept.old) keepSoon(db, part);
  return kept?.whole ? [kept.id, new Date(kept.settled_end).toISOString()] : null;
}

/** Per database, the keeping under way in this process (awaited by `keepingDone`). */
const underWay = new WeakMap<object, Map<string, Promise<boolean>>>();

function keepSoon(db: SqlExecutor, part: SettledWindow): void {
  // A caller's transaction is its own: keeping needs a transaction of its own.
  if (!isDatabase(db)) return;
  const running = underWay.get(db) ?? new Map<string, Promise<boolean>>();
  underWay.set(db, running);
  const key = `${part.start.toISOString()} ${part.end.toISOString()}`;
  if (running.has(key)) return;
  const done = keepContinuity(db, part)
    .catch(() => false)
    .finally(() => running.delete(key));
  running.set(key, done);
}

/** Resolves when the keeping this process started on `db` has ended (tests, the benchmark, shutdown). */
export async function keepingDone(db: SqlExecutor): Promise<void> {
  await Promise.all([...(underWay.get(db)?.values() ?? [])]);
}

export interface KeepOptions {
  /** Wait for a keeping under way instead of skipping (the job that keeps ahead, not a reader). */
  wait?: boolean;
  /** Whole rows younger than this are kept already (default KEEP_AGAIN_HOURS). */
  freshMinutes?: number;
}

/**
 * Keeps the client rows of `part` (true), or does nothing (false) when another process is
 * keeping one (unless `wait`) or a whole one younger than `freshMinutes` exists. The rows and their snapshot
 * are read in one statement, so the snapshot says exactly which writes they include. Then
 * forgets kept periods no longer read and the changes every kept period has seen.
 */
export async function keepContinuity(db: Database, part: SettledWindow, options: KeepOptions = {}): Promise<boolean> {
  const freshMinutes = options.freshMinutes ?? KEEP_AGAIN_HOURS * 60;
  return db.transaction(async (tx) => {
    if (options.wait) await tx.query(`SELECT pg_advisory_xact_lock(${KEEP_LOCK})`);
    else {
      const lock = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${KEEP_LOCK}) AS locked`);
      if (!lock.rows[0]?.locked) return false;
    }
    const params = [part.start.toISOString(), part.end.toISOString()];
    // A new statement, so also what another process kept while this one waited for the lock.
    const fresh = await tx.query(
      `SELECT 1 FROM continuity_settled s
        WHERE s.window_start = $1::timestamptz AND s.window_end = $2::timestamptz
          AND s.taken_at >= now() - make_interval(mins => $3::int) AND NOT ${EVERYONE_CHANGED('s')}`,
      [...params, freshMinutes],
    );
    if (fresh.rows.length > 0) return false;
    // As figureQuery: memory for the hashes, no JIT (decision 033).
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    await tx.query('SET LOCAL jit = off');
    await tx.query(
      `${PLAN_PER_CALL}WITH kept AS (
         INSERT INTO continuity_settled (window_start, window_end, settled_end, taken)
         VALUES ($1::timestamptz, $2::timestamptz, $7::timestamptz, pg_current_snapshot()) RETURNING id
       ), ${CLIENT_ROWS_TO_KEEP}
       INSERT INTO continuity_settled_client (settled_id, ${CLIENT_ROW_COLUMNS})
       SELECT kept.id, ${CLIENT_ROW_COLUMNS} FROM kept, client_live WHERE $4::text IS NULL OR municipality = $4`,
      [...params, null, null, null, MIN_VISITS_FOR_CONTINUITY, part.settledEnd.toISOString()],
    );
    // The planner's counts of the new rows, for the reads that follow (else it guesses one row).
    await tx.query('ANALYZE continuity_settled_client');
    await forgetUnused(tx);
    return true;
  });
}

/**
 * Inside the keeping's transaction and lock: kept periods no longer read (older than
 * USE_FOR_HOURS, kept twice as long, or SUPERSEDED_MINUTES after a newer one of the same window
 * was kept, which reads then take instead) and the changes that every kept period has seen
 * (visible in each one's snapshot; a later snapshot sees them too). Visible, not merely older
 * than the snapshot's xmin: any transaction open anywhere on the server holds xmin back, and a
 * long one would keep every change since on record.
 */
async function forgetUnused(tx: SqlExecutor): Promise<void> {
  await tx.query(
    `DELETE FROM continuity_settled s
      WHERE s.taken_at < now() - interval '${2 * USE_FOR_HOURS} hours'
         OR EXISTS (SELECT 1 FROM continuity_settled n
                     WHERE n.window_start = s.window_start AND n.window_end = s.window_end AND n.id > s.id
                       AND n.taken_at < now() - interval '${SUPERSEDED_MINUTES} minutes')`,
  );
  await tx.query(
    `DELETE FROM continuity_change c
      WHERE c.xid < (SELECT min(pg_snapshot_xmax(taken)) FROM continuity_settled)
        AND NOT EXISTS (SELECT 1 FROM continuity_settled s WHERE NOT pg_visible_in_snapshot(c.xid, s.taken))`,
  );
}

const isDatabase = (db: SqlExecutor): db is Database => typeof (db as Partial<Database>).transaction === 'function';

/**
 * The daily counts of contacts, their queue, handlers and assessments, and of realised visits
 * (migration 044,
 * decision 038). Writers only add rows (+n for facts that entered a combination, −n for those
 * that left it), so a sum over them is exact in every snapshot; folding rewrites the days that
 * have such rows as one row per combination, so a year's Measure sums tens of thousands of rows
 * rather than every contact. Folding is upkeep, never needed for a right answer.
 */
import { helsinkiTime, toHelsinkiDate } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';

/** Whether a window starts and ends at Helsinki midnights, so that the daily counts cover it exactly. */
export function wholeDays(window: { start: Date; end: Date }): boolean {
  const midnight = (at: Date) => helsinkiTime(toHelsinkiDate(at), 0).getTime() === at.getTime();
  return midnight(window.start) && midnight(window.end);
}

/** The window's ($1, $2) first and last day + 1 as Helsinki dates. */
const FIRST_DAY = `($1::timestamptz AT TIME ZONE 'Europe/Helsinki')::date`;
const END_DAY = `($2::timestamptz AT TIME ZONE 'Europe/Helsinki')::date`;
/** The first day of the window's first whole month, and of the month its end falls in. */
const FIRST_WHOLE_MONTH = `(date_trunc('month', (${FIRST_DAY} - 1)::timestamp) + interval '1 month')::date`;
const END_MONTH = `date_trunc('month', ${END_DAY}::timestamp)::date`;

/** The counts kept both by day and by month (migrations 047 and 048, decisions 042 and 043). */
export type CountsByDayAndMonth = 'contact' | 'handler' | 'assessment' | 'guidance' | 'visit' | 'visit_wait' | 'visit_professional';

/**
 * The rows of one count in the window ($1, $2) of whole days: its whole months from the monthly
 * table (whose `day` is the month's first), the days before the first and from the last whole
 * month on from the daily one. The two day ranges overlap only when the window holds no whole
 * month, and a row is read once either way. Columns as the daily table's.
 */
export function countsOfWindow(count: CountsByDayAndMonth): string {
  return `(SELECT * FROM ${count}_day
            WHERE (day >= ${FIRST_DAY} AND day < LEAST(${FIRST_WHOLE_MONTH}, ${END_DAY}))
               OR (day >= GREATEST(${END_MONTH}, ${FIRST_DAY}) AND day < ${END_DAY})
           UNION ALL
           SELECT * FROM ${count}_month WHERE day >= ${FIRST_WHOLE_MONTH} AND day < ${END_MONTH})`;
}

/** The daily counts (migrations 044 and 048) and the monthly ones (migrations 047 and 048). */
export const ROLLUP_TABLES = [
  'contact_day', 'queue_day', 'handler_day', 'assessment_day', 'guidance_day', 'visit_day', 'visit_wait_day', 'visit_professional_day',
  'contact_month', 'handler_month', 'assessment_month', 'guidance_month', 'visit_month', 'visit_wait_month', 'visit_professional_month',
] as const;

/** Unfolded rows (in all of them) past which a Measure read folds them. */
const FOLD_AFTER_ROWS = 2_000;
/** A process folds at most this often. */
const FOLD_INTERVAL_MS = 10_000;
/** One fold at a time across processes (a fold skips when another holds it). */
const FOLD_LOCK = 4242044;

let folding = false;
let foldedAt = 0;

/**
 * Folds now when no other process is folding; returns the rows folded (0 when another process
 * held the lock). The generator and the tests call this; the server folds after reads.
 */
export async function foldRollups(db: SqlExecutor): Promise<number> {
  const r = await db.query<{ folded: string | null }>(
    `WITH l AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS locked)
     SELECT (SELECT ovi_figure_rollup_fold() FROM l WHERE l.locked) AS folded`,
  );
  return Number(r.rows[0]?.folded ?? 0);
}

/**
 * After a Measure read from the daily counts: folds them when enough unfolded rows have
 * gathered (not awaited: the read has its answer). At most one fold in this process per
 * FOLD_INTERVAL_MS; a failure is left for the next read.
 */
export function foldRollupsSoon(db: SqlExecutor): void {
  if (folding || Date.now() - foldedAt < FOLD_INTERVAL_MS) return;
  folding = true;
  foldedAt = Date.now();
  db.query<{ due: boolean }>(
    `SELECT ${ROLLUP_TABLES.map((t) => `(SELECT count(*) FROM (SELECT 1 FROM ${t} WHERE NOT folded LIMIT ${FOLD_AFTER_ROWS}) x)`).join(' + ')} >= ${FOLD_AFTER_ROWS} AS due`,
  )
    .then((r) => (r.rows[0]?.due ? foldRollups(db) : 0))
    .catch(() => 0)
    .finally(() => {
      folding = false;
    });
}

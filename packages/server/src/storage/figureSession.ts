/**
 * How a figure over a period's facts is read (decision 033): one statement groups a region's
 * year (hundreds of thousands of short rows) into a few hundred. With PostgreSQL's default
 * work_mem (4 MB) its hashes and sorts spill to disk, and since the planner's guesses of how
 * many groups an expression makes are rough, it picks sorts where a small hash would do. So the
 * statement runs in a transaction of its own with more memory for them (used only as far as
 * needed), and without JIT compilation, whose 40–100 ms cost is more than it saves on these
 * (measured over a generated region-year, docs/PRODUCTION.md).
 *
 * It is also planned for its own values each time (PLAN_PER_CALL). Kept prepared, PostgreSQL
 * turns to one generic plan after five calls, and a generic plan cannot see which of the
 * optional filters (`$3::text IS NULL OR …`) are set or how many rows the period holds: over a
 * region's year the continuity Measures went from 2.6 s to 6.4 s at the sixth call. Planning
 * costs a millisecond; these statements run for tens or hundreds.
 */
import { PLAN_PER_CALL, type Database, type QueryResult, type SqlExecutor } from '../db/database';

const FIGURE_WORK_MEM = '64MB';

export async function figureQuery<T>(db: SqlExecutor, sql: string, params: unknown[]): Promise<QueryResult<T>> {
  // Inside a caller's transaction the settings would outlast this read: left as they are.
  const planned = sql.startsWith(PLAN_PER_CALL) ? sql : `${PLAN_PER_CALL}${sql}`;
  if (!isDatabase(db)) return db.query<T>(planned, params);
  return db.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '${FIGURE_WORK_MEM}'`);
    await tx.query('SET LOCAL jit = off');
    return tx.query<T>(planned, params);
  });
}

const isDatabase = (db: SqlExecutor): db is Database => typeof (db as Partial<Database>).transaction === 'function';

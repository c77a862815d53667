/**
 * The upkeep PostgreSQL's autovacuum does, for the embedded database, which has none (PGlite
 * runs PostgreSQL in one process, without its background workers). Without it a server that
 * grows its data through the API keeps the planner statistics of the day its tables were
 * small: over a 5 000-resident year the continuity table took 33 s on such statistics and
 * 0.09 s on fresh ones (docs/PRODUCTION.md). And nothing marks pages all-visible, so the
 * index-only scans the figures count with read the table as well.
 *
 * The thresholds are autovacuum's defaults, so both back-ends keep their tables alike:
 * analysed after 50 + 10 % of the rows changed, vacuumed after 50 + 20 % of them died or
 * 1 000 + 20 % were inserted since the last vacuum. PostgreSQL does this itself: `upkeep`
 * does nothing there.
 */
import type { Database } from './database';

export interface UpkeepDone {
  analysed: string[];
  vacuumed: string[];
}

/** The user tables that are due, by PostgreSQL's own activity counts (pg_stat_user_tables). */
const DUE = `
  SELECT s.relname AS name,
         s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) AS analyse,
         (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)) AS vacuum
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
   WHERE s.schemaname = current_schema()
   ORDER BY s.relname`;

/** Analyses and vacuums the embedded database's tables that are due; nothing on PostgreSQL. */
export async function upkeep(db: Database): Promise<UpkeepDone> {
  const done: UpkeepDone = { analysed: [], vacuumed: [] };
  if (db.kind !== 'pglite') return done;
  const due = await db.query<{ name: string; analyse: boolean; vacuum: boolean }>(DUE);
  for (const table of due.rows) {
    // The names come from the catalogue, quoted all the same.
    const name = `"${table.name.replaceAll('"', '""')}"`;
    if (table.vacuum) {
      await db.query(`VACUUM ${table.analyse ? '(ANALYZE) ' : ''}${name}`);
      done.vacuumed.push(table.name);
      if (table.analyse) done.analysed.push(table.name);
    } else if (table.analyse) {
      await db.query(`ANALYZE ${name}`);
      done.analysed.push(table.name);
    }
  }
  return done;
}

/** How often the embedded database is looked at (autovacuum's own nap is a minute; the tables here grow slowly). */
export const UPKEEP_INTERVAL_MS = 10 * 60_000;

/**
 * The embedded database's upkeep (db/embeddedUpkeep.ts): a table that grew past autovacuum's
 * thresholds is analysed and vacuumed, so the planner sees its size; one that changed a little
 * is left; on PostgreSQL, whose autovacuum does this, nothing is done.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { upkeep } from '../../src/db/embeddedUpkeep';
import { openPgliteDatabase } from '../../src/db/pgliteDatabase';
import { openPostgresDatabase } from '../../src/db/postgresDatabase';
import { freshPostgresDatabase } from '../api/oviTestServer';

/** PostgreSQL counts a statement's changes into pg_stat_user_tables a moment after it (at most once a second). */
async function changesCounted(db: Database, table: string, atLeast: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await db.query<{ n: number }>('SELECT n_mod_since_analyze::int AS n FROM pg_stat_user_tables WHERE relname = $1', [table]);
    if ((r.rows[0]?.n ?? 0) >= atLeast) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${table}: changes not counted`);
}

const estimatedRows = async (db: Database, table: string): Promise<number> => {
  const r = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM ${table}`);
  return Number(/rows=(\d+)/.exec(r.rows[0]!['QUERY PLAN'])![1]);
};

describe('upkeep of the embedded database', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openPgliteDatabase();
    await db.exec('CREATE TABLE grown (id int PRIMARY KEY, note text); CREATE TABLE steady (id int PRIMARY KEY)');
    await db.query('INSERT INTO steady SELECT generate_series(1, 1000)');
    // Analysed only once the inserts are counted, or they would count as changes since.
    await changesCounted(db, 'steady', 1000);
    await db.query('ANALYZE steady');
  });

  afterAll(async () => {
    await db?.close();
  });

  it('analyses and vacuums a table that grew, and leaves one that changed a little', async () => {
    await db.query("INSERT INTO grown SELECT i, 'row ' || i FROM generate_series(1, 5000) i");
    await db.query('INSERT INTO steady SELECT generate_series(1001, 1040)');
    await changesCounted(db, 'grown', 5000);
    await changesCounted(db, 'steady', 40);

    const done = await upkeep(db);
    expect(done.analysed).toContain('grown');
    expect(done.vacuumed).toContain('grown');
    // 40 changed of 1 000: under 50 + 10 %.
    expect(done.analysed).not.toContain('steady');
    expect(done.vacuumed).not.toContain('steady');

    const stats = await db.query<{ relname: string; analysed: boolean; vacuumed: boolean; reltuples: number }>(
      `SELECT s.relname, s.last_analyze IS NOT NULL AS analysed, s.last_vacuum IS NOT NULL AS vacuumed, c.reltuples::int AS reltuples
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname IN ('grown', 'steady') ORDER BY 1`,
    );
    expect(stats.rows[0]).toMatchObject({ relname: 'grown', analysed: true, vacuumed: true, reltuples: 5000 });
    expect(stats.rows[1]).toMatchObject({ relname: 'steady', reltuples: 1000 });
    // The planner now plans for the rows that are there.
    expect(await estimatedRows(db, 'grown')).toBe(5000);
  });

  it('does nothing more until enough changes again, then analyses without vacuuming for updates alone', async () => {
    await changesCounted(db, 'grown', 0);
    expect(await upkeep(db)).toEqual({ analysed: [], vacuumed: [] });

    // 600 of 5 000 rows updated: past 50 + 10 % for statistics, under 50 + 20 % dead for a vacuum.
    await db.query("UPDATE grown SET note = 'changed' WHERE id <= 600");
    await changesCounted(db, 'grown', 600);
    const done = await upkeep(db);
    expect(done.analysed).toEqual(['grown']);
    expect(done.vacuumed).toEqual([]);
  });
});

describe('upkeep on PostgreSQL', () => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const fresh = await freshPostgresDatabase(inject('postgresUrl'));
    drop = fresh.drop;
    db = await openPostgresDatabase(fresh.url, 2);
  });

  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('leaves it to autovacuum', async () => {
    await db.exec('CREATE TABLE grown (id int PRIMARY KEY)');
    await db.query('INSERT INTO grown SELECT generate_series(1, 5000)');
    expect(await upkeep(db)).toEqual({ analysed: [], vacuumed: [] });
  });
});

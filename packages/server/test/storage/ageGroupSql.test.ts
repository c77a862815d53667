/**
 * The figures' SQL age bands (`ovi_age_group`, migration 042) against the domain's definition
 * (`ageOn` in completed years, then `ageGroupOf`) on both back-ends: the band limits on the
 * birthday, the day before and after, and the 29 February birthdays in common and leap years.
 * The function must also stay inlinable (see the migration): a call per row was 4× slower.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ageGroupOf } from '@ovi/domain';
import { addCalendarDays, ageOn } from '@ovi/domain/src/calendarDate';
import type { Database } from '../../src/db/database';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../backup/databases';

/** Birth dates and days around each band's limit, and the leap-day cases. */
function cases(): Array<{ birth: string; day: string }> {
  const out: Array<{ birth: string; day: string }> = [];
  for (const birth of ['2008-02-29', '1960-02-29', '1952-03-01', '1951-02-28', '2000-12-31', '1961-06-15']) {
    const year = Number(birth.slice(0, 4));
    for (const years of [0, 17, 18, 64, 65, 74, 75, 90]) {
      const anniversary = `${year + years}-${birth.slice(5)}`;
      // 29 February in a common year: the days around 28 February and 1 March.
      const around = /-02-29$/.test(anniversary) && (year + years) % 4 !== 0 ? `${year + years}-02-28` : anniversary;
      for (const shift of [-1, 0, 1, 2]) {
        const day = addCalendarDays(around, shift);
        if (day >= birth) out.push({ birth, day });
      }
    }
  }
  return out;
}

describe.each(BACKENDS)('ovi_age_group on %s', (backend) => {
  let fresh: FreshDatabase;
  let db: Database;

  beforeAll(async () => {
    fresh = await freshDatabase(backend, inject('postgresUrl'));
    db = fresh.db;
  });

  afterAll(async () => {
    await fresh?.close();
  });

  it('gives the domain’s band on every day around the limits and leap-day birthdays', async () => {
    const all = cases();
    const r = await db.query<{ birth: string; day: string; band: string }>(
      `SELECT c.birth, c.day, ovi_age_group(c.day::date, c.birth::date) AS band
         FROM unnest($1::text[], $2::text[]) AS c(birth, day)`,
      [all.map((c) => c.birth), all.map((c) => c.day)],
    );
    expect(r.rows.length).toBe(all.length);
    const wrong = r.rows.filter((row) => row.band !== ageGroupOf(ageOn(row.birth, row.day)));
    expect(wrong).toEqual([]);
    expect(all.length).toBeGreaterThan(150);
  });

  it('is none without a birth date or a day', async () => {
    const r = await db.query<{ a: string | null; b: string | null }>("SELECT ovi_age_group(NULL, '2000-01-01') AS a, ovi_age_group('2026-01-01', NULL) AS b");
    expect(r.rows[0]).toEqual({ a: null, b: null });
  });

  it('is inlined into the query rather than called per row', async () => {
    const r = await db.query<{ 'QUERY PLAN': string }>("EXPLAIN VERBOSE SELECT ovi_age_group('2026-11-30'::date, d::date) FROM generate_series('2000-01-01'::date, '2000-01-10'::date, interval '1 day') d");
    const plan = r.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).not.toContain('ovi_age_group');
    expect(plan).toContain('age(');
  });
});

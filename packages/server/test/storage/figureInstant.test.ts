import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { openDatabase } from '../../src/db/openDatabase';
import { freshPostgresDatabase } from '../api/oviTestServer';

/**
 * ovi_figure_instant (migration 040) is ovi_instant made inlinable for figures over a year:
 * it must give exactly ovi_instant's answer for every text, the fast form and all others.
 */
const SAMPLES = [
  '2026-11-27T10:00:00.000Z', '2026-01-01T00:00:00.001Z', '1999-12-31T23:59:59.999Z', '2026-02-28T12:34:56.789Z',
  '2026-02-29T10:00:00.000Z', '2024-02-29T10:00:00.000Z', '2026-04-31T10:00:00.000Z', '2026-03-31T23:59:59.999Z',
  '0000-01-01T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-01-10T24:00:00.000Z',
  '2026-01-10T23:60:00.000Z', '2026-01-10T23:59:60.000Z', '2026-11-27T12:00:00+02:00', '2026-11-27T12:00:00.5-03:30',
  '2026-11-27', '2026-11-27T12:00Z', '2026-11-27T10:00:00.000', '27.11.2026', '', 'not a date', '2026-11-27T10:00:00.0000Z',
  '٢٠٢٦-11-27T10:00:00.000Z', '9999-12-28T23:59:59.999Z', '0001-01-01T00:00:00.000Z',
];

describe.each(['pglite', 'postgres'] as const)('ovi_figure_instant on %s', (backend) => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (backend === 'postgres') {
      const fresh = await freshPostgresDatabase(inject('postgresUrl'), 'ovi_instant');
      drop = fresh.drop;
      db = await openDatabase({ databaseUrl: fresh.url });
    } else db = await openDatabase({});
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('gives ovi_instant\'s answer for every sample, NULL included', async () => {
    const r = await db.query<{ t: string | null; a: Date | null; b: Date | null }>(
      'SELECT t, ovi_instant(t) AS a, ovi_figure_instant(t) AS b FROM unnest($1::text[]) AS t',
      [[...SAMPLES, null]],
    );
    expect(r.rows).toHaveLength(SAMPLES.length + 1);
    for (const row of r.rows) expect(row.b === null ? null : new Date(row.b).toISOString(), String(row.t)).toBe(row.a === null ? null : new Date(row.a).toISOString());
    expect(r.rows.filter((row) => row.a !== null).length).toBeGreaterThan(10);
  });

  it('agrees over every millisecond form of a whole year of days', async () => {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT to_char(timestamptz '2026-01-01T00:00:00Z' + g * interval '1 hour 7 minutes 13.457 seconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t
           FROM generate_series(0, 8000) g) x
        WHERE ovi_figure_instant(t) IS DISTINCT FROM ovi_instant(t)`,
    );
    expect(r.rows[0]?.n).toBe(0);
  });
});

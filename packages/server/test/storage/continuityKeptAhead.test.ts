/**
 * The continuity figures of the dashboard's periods kept ahead of their readers (decision 044):
 * which windows, that the first reader of the day then finds them kept, that a second round
 * within the hour keeps nothing again, and that a stopping process ends the round.
 */
import type { Appointment, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXTENSIONS, periodInstants, SYSTEMS } from '@ovi/domain';
import { keepPresetWindows, presetWindowsToKeep } from '../../src/storage/continuityKeptAhead';
import { KEEP_LOCK, keepingDone, settledFor } from '../../src/storage/continuitySettled';
import { BACKENDS, freshStore, type FreshStore } from '../backup/databases';
import { holdTransaction } from '../support/heldTransaction';

const postgresUrl = inject('postgresUrl');
const keyOf = (w: { start: Date; end: Date }) => `${w.start.toISOString()} ${w.end.toISOString()}`;
/** Monday noon in Helsinki (winter time). */
const NOW = new Date('2026-11-30T12:00:00+02:00');
/** Helsinki dates [from, to] as the instants a window covers (summer time included). */
const days = (from: string, to: string) => keyOf(periodInstants({ from, to }));

describe('the preset windows worth keeping', () => {
  it('are the presets of four weeks or more and the stretches before them, each once', () => {
    expect(presetWindowsToKeep(NOW).map(keyOf).sort()).toEqual(
      [
        // This month (29.5 days of it kept) and the month before, which is also last month…
        days('2026-11-01', '2026-11-30'),
        days('2026-10-01', '2026-10-31'),
        // …and the one before that.
        days('2026-09-01', '2026-09-30'),
        // The last three whole months and the three before.
        days('2026-08-01', '2026-10-31'),
        days('2026-05-01', '2026-07-31'),
        // This year so far (whole months) and as many whole months before.
        days('2026-01-01', '2026-11-30'),
        days('2025-02-01', '2025-12-31'),
      ].sort(),
    );
  });

  it('leave out this month while it is under four weeks old, and the weeks always', () => {
    const at = new Date('2026-11-20T12:00:00+02:00');
    const early = presetWindowsToKeep(at);
    expect(early.map(keyOf)).not.toContain(days('2026-11-01', '2026-11-20'));
    expect(early.map(keyOf)).toContain(days('2026-10-01', '2026-10-31'));
    expect(early).toHaveLength(6);
    for (const w of early) expect(Math.min(w.end.getTime(), at.getTime()) - w.start.getTime()).toBeGreaterThanOrEqual(28 * 86_400_000);
  });
});

describe.each(BACKENDS)('keeping the preset windows ahead on %s', (backend) => {
  let fresh: FreshStore;
  beforeAll(async () => {
    fresh = await freshStore(backend, postgresUrl);
    const patients: (Patient & { id: string })[] = Array.from({ length: 6 }, (_, n) => ({
      resourceType: 'Patient', id: `ka-p${n}`, birthDate: '1970-01-01',
      extension: [{ url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: '272' } }],
    }));
    const visits: (Appointment & { id: string })[] = Array.from({ length: 60 }, (_, n) => {
      const start = new Date(Date.UTC(2026, n % 11, 3 + (n % 20), 8));
      return {
        resourceType: 'Appointment', id: `ka-v${n}`, status: 'fulfilled', start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(),
        participant: [
          { actor: { reference: `Patient/ka-p${n % 6}` }, status: 'accepted' },
          { actor: { reference: `Practitioner/ka-d${n % 2}` }, status: 'accepted' },
        ],
      };
    });
    await fresh.store.createMany([...patients, ...visits]);
  }, 60_000);
  afterAll(async () => {
    await keepingDone(fresh.db);
    await fresh?.close();
  });

  const keptWindows = async () =>
    (await fresh.db.query<{ w: string }>(`SELECT to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') || ' ' || to_char(window_end AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') AS w FROM continuity_settled ORDER BY 1`)).rows.map((r) => r.w);
  const windows = presetWindowsToKeep(NOW).length;

  it('ends between windows when the process is stopping', async () => {
    let asked = 0;
    expect(await keepPresetWindows(fresh.db, NOW, 30, () => asked++ > 0)).toBe(1);
    expect(await keptWindows()).toHaveLength(1);
  });

  it('keeps every window, so that the first reader of the year finds its rows kept', async () => {
    const thisYear = { start: new Date('2026-01-01T00:00:00+02:00'), end: new Date('2026-12-01T00:00:00+02:00') };
    // The one kept by the stopped round is fresh: the others are kept.
    expect(await keepPresetWindows(fresh.db, NOW, 30)).toBe(windows - 1);
    expect(await keptWindows()).toHaveLength(windows);
    expect(await settledFor(fresh.db, thisYear, NOW)).not.toBeNull();
    await keepingDone(fresh.db);
    // The next round, within half the job's period, keeps nothing again…
    expect(await keepPresetWindows(fresh.db, NOW, 30)).toBe(0);
    expect(await keptWindows()).toHaveLength(windows);
    // …and once the rows are older than that, every window again: a tick later, not two.
    await fresh.db.query(`UPDATE continuity_settled SET taken_at = taken_at - interval '31 minutes'`);
    expect(await keepPresetWindows(fresh.db, NOW, 30)).toBe(windows);
    expect(new Set(await keptWindows()).size).toBe(windows);
  });

  it.skipIf(backend !== 'postgres')('waits for a keeping under way (another process, a reader) instead of skipping its window', async () => {
    await fresh.db.query(`UPDATE continuity_settled SET taken_at = taken_at - interval '2 hours'`);
    const release = await holdTransaction(fresh.db, (tx) => tx.query(`SELECT pg_advisory_xact_lock(${KEEP_LOCK})`));
    try {
      let ended = false;
      const round = keepPresetWindows(fresh.db, NOW, 30).finally(() => (ended = true));
      // The round's first keeping waits for the lock (seen from the server, not timed). A round
      // that skipped instead would end, and keep nothing.
      for (let waiting = 0; waiting === 0 && !ended; ) {
        const r = await fresh.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND objid = ${KEEP_LOCK} AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        waiting = Number(r.rows[0]?.n);
      }
      await release();
      expect(await round).toBe(windows);
    } finally {
      await release();
    }
  });
});

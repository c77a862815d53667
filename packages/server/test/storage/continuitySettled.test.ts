/**
 * The continuity figures over kept rows (migration 046, decision 041) equal the figures from the
 * facts alone after every kind of change: visits added, cancelled, moved out of the window and
 * removed, visits before and after the moment kept, a client who moves or gets an own doctor, a team
 * or a Location changed (the kept rows are then not used), and a change committed while the
 * rows were being kept (PostgreSQL: two connections). Also: keeping starts on the first read,
 * and the changes every kept period has seen are forgotten.
 */
import type { Appointment, CareTeam, Location, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXTENSIONS, SYSTEMS } from '@ovi/domain';
import type { SqlExecutor } from '../../src/db/database';
import { continuityIndicatorCounts, CONTINUITY_MEASURE_IDS } from '../../src/storage/continuityIndicatorCounts';
import { realisedVisitContinuity } from '../../src/storage/continuityFigures';
import { keepContinuity, keepingDone, settledFor, settledPart } from '../../src/storage/continuitySettled';
import type { IndicatorFilters, IndicatorStratifier } from '../../src/storage/indicatorCounts';
import type { ResourceStore } from '../../src/storage/resourceStore';
import { startClockAt } from '../../src/time/clock';
import { BACKENDS, freshStore, type FreshStore } from '../backup/databases';
import { holdTransaction } from '../support/heldTransaction';

const postgresUrl = inject('postgresUrl');
const helsinki = (local: string) => new Date(`${local}+02:00`);
/** Monday noon: what is kept ends here. */
const NOW = helsinki('2026-11-30T12:00:00');
const WINDOW = { start: helsinki('2026-09-01T00:00:00'), end: helsinki('2026-12-01T00:00:00') };
const STRATIFIERS: IndicatorStratifier[] = ['unit', 'municipality', 'age-group', 'profession'];
const FILTERS: IndicatorFilters[] = [{}, { unit: 'Organization/ks-org-a' }, { municipality: '272' }, { profession: 'nurse' }];

const PRACTITIONERS = ['Practitioner/ks-n1', 'Practitioner/ks-n2', 'Practitioner/ks-d1', 'Practitioner/ks-d2', 'Practitioner/ks-d3'];
const LOCATIONS = ['Location/ks-1', 'Location/ks-2', 'Location/ks-3', 'Location/ks-4'];

function location(n: number, organization?: string): Location & { id: string } {
  return { resourceType: 'Location', id: `ks-${n}`, name: `Asema ${n}`, ...(organization ? { managingOrganization: { reference: organization } } : {}) };
}

function client(n: number, extra: Partial<Patient> = {}): Patient & { id: string } {
  return {
    resourceType: 'Patient', id: `ks-p${n}`, birthDate: ['1950-03-01', '1985-12-01', '2012-06-15', '1999-11-30'][n % 4],
    extension: [{ url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: ['272', '217', '091'][n % 3] } }],
    ...(n % 3 === 0 ? { generalPractitioner: [{ reference: 'Organization/ks-org-a' }] } : n % 3 === 1 ? { generalPractitioner: [{ reference: 'Practitioner/ks-d1' }] } : {}),
    ...extra,
  } as Patient & { id: string };
}

/** Visit n: a client of 24, a practitioner and Location from small sets, spread over September–November. */
function visit(n: number, extra: Partial<Appointment> = {}): Appointment & { id: string } {
  const practitioner = PRACTITIONERS[(n * 7) % 5] as string;
  const start = new Date(WINDOW.start.getTime() + ((n * 104_729) % (89 * 24)) * 3_600_000);
  return {
    resourceType: 'Appointment', id: `ks-v${n}`, status: n % 11 === 0 ? 'cancelled' : 'fulfilled',
    start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(),
    specialty: [{ coding: [{ system: SYSTEMS.profession, code: practitioner.includes('-n') ? 'nurse' : 'physician' }] }],
    participant: [
      { actor: { reference: `Patient/ks-p${(n * 5) % 24}` }, status: 'accepted' },
      { actor: { reference: practitioner }, status: 'accepted' },
      { actor: { reference: LOCATIONS[n % 3 === 0 ? (n % 2) * 3 : n % 3] as string }, status: 'accepted' },
    ],
    ...extra,
  } as Appointment & { id: string };
}

const unitTeam = (members: string[]): CareTeam & { id: string } => ({
  resourceType: 'CareTeam', id: 'ks-team-a', status: 'active', managingOrganization: [{ reference: 'Organization/ks-org-a' }],
  participant: members.map((m) => ({ member: { reference: m } })),
});

const ROLLBACK = new Error('rollback');

describe.each(BACKENDS)('continuity over kept rows on %s', (backend) => {
  let fresh: FreshStore;
  let store: ResourceStore;
  beforeAll(async () => {
    startClockAt(NOW);
    fresh = await freshStore(backend, postgresUrl);
    store = fresh.store;
  }, 60_000);
  afterAll(async () => {
    startClockAt(undefined);
    await keepingDone(fresh.db);
    await fresh?.close();
  });

  /** Every continuity figure of the window: the three Measures under each filter, and the table. */
  const figures = async (db: SqlExecutor) => {
    const out: Record<string, unknown> = {};
    for (const filters of FILTERS)
      for (const id of CONTINUITY_MEASURE_IDS)
        out[`${id} ${JSON.stringify(filters)}`] = (await continuityIndicatorCounts(db, id, WINDOW, STRATIFIERS, filters)).map((r) => JSON.stringify(r)).sort();
    const table = await realisedVisitContinuity(db, WINDOW);
    out.cells = table.cells.map((c) => JSON.stringify(c)).sort();
    out.groups = table.groups.map((g) => JSON.stringify(g)).sort();
    return out;
  };
  /** The same from the facts alone: read in a transaction without the kept rows, then rolled back. */
  const fromFacts = async () => {
    let result: Record<string, unknown> = {};
    await fresh.db
      .transaction(async (tx) => {
        await tx.query('DELETE FROM continuity_settled');
        result = await figures(tx);
        throw ROLLBACK;
      })
      .catch((e: unknown) => {
        if (e !== ROLLBACK) throw e;
      });
    return result;
  };
  const kept = async () => settledFor(fresh.db, WINDOW, NOW);
  const keptRows = async () => Number((await fresh.db.query<{ n: number }>('SELECT count(*)::int AS n FROM continuity_settled_client')).rows[0]?.n);
  const keptPeriods = async () => Number((await fresh.db.query<{ n: number }>('SELECT count(*)::int AS n FROM continuity_settled')).rows[0]?.n);
  const changes = async () => Number((await fresh.db.query<{ n: number }>('SELECT count(*)::int AS n FROM continuity_change')).rows[0]?.n);
  const part = settledPart(WINDOW, NOW);
  const expectSame = async () => {
    expect(await kept(), 'the kept rows are used').not.toBeNull();
    expect(await figures(fresh.db)).toEqual(await fromFacts());
  };
  const update = <T extends Resource>(type: string, id: string, change: (x: T) => T) => store.update<T>(type, id, (current) => change(current as T));

  it("keeps up to the moment of keeping or the window's end, and only a long enough part", () => {
    expect(part).toEqual({ start: WINDOW.start, end: WINDOW.end, settledEnd: NOW });
    const closed = { start: WINDOW.start, end: helsinki('2026-11-01T00:00:00') };
    expect(settledPart(closed, NOW)).toEqual({ ...closed, settledEnd: closed.end });
    expect(settledPart({ start: helsinki('2026-11-01T00:00:00'), end: WINDOW.end }, NOW)).toEqual({ start: helsinki('2026-11-01T00:00:00'), end: WINDOW.end, settledEnd: NOW });
    expect(settledPart({ start: helsinki('2026-11-10T00:00:00'), end: WINDOW.end }, NOW)).toBeNull();
    expect(settledPart({ start: helsinki('2026-10-01T00:00:00'), end: helsinki('2026-10-20T00:00:00') }, NOW)).toBeNull();
  });

  it('starts keeping on the first read, and the next read uses the kept rows', async () => {
    await store.createMany([location(1, 'Organization/ks-org-a'), location(2, 'Organization/ks-org-a'), location(3, 'Organization/ks-org-b'), location(4)]);
    await store.createMany(Array.from({ length: 24 }, (_, n) => client(n)));
    await store.createMany([unitTeam(['Practitioner/ks-n1', 'Practitioner/ks-d2'])]);
    await store.createMany(Array.from({ length: 400 }, (_, n) => visit(n)));
    expect(await kept()).toBeNull();
    const first = await figures(fresh.db);
    await keepingDone(fresh.db);
    expect(await kept()).not.toBeNull();
    expect(await keptRows()).toBeGreaterThan(30);
    expect(await figures(fresh.db)).toEqual(first);
    // Enough to tell the figures apart: counted clients in several units, professions and municipalities.
    expect((first.cells as string[]).length).toBeGreaterThan(10);
    expect(first).toEqual(await fromFacts());
  });

  /**
   * PostgreSQL: a transaction left open on another connection from before the changes to the
   * end, as another server process or test may hold one. It holds every snapshot's xmin back
   * below the changes, which must still be forgotten once every kept period has seen them.
   */
  const holdOpen = async (): Promise<() => Promise<void>> =>
    backend === 'postgres' ? holdTransaction(fresh.db, (tx) => tx.query('SELECT pg_current_xact_id()')) : async () => {};

  it('answers as from the facts through every kind of change', async () => {
    const releaseOpen = await holdOpen();
    try {
      const before = await figures(fresh.db);
      // A visit added in the kept days for a client with others (a pair grows).
      await store.createMany([visit(1000, { start: helsinki('2026-10-05T09:00:00').toISOString(), end: helsinki('2026-10-05T09:30:00').toISOString() })]);
      await expectSame();
      expect(await figures(fresh.db)).not.toEqual(before);
      // One cancelled, one moved out of the window, one removed.
      await update<Appointment>('Appointment', 'ks-v1', (a) => ({ ...a, status: 'cancelled' }));
      await update<Appointment>('Appointment', 'ks-v2', (a) => ({ ...a, start: '2026-08-20T06:00:00.000Z', end: '2026-08-20T06:30:00.000Z' }));
      await fresh.db.query(`DELETE FROM resource WHERE resource_type = 'Appointment' AND id = 'ks-v3'`);
      await expectSame();
      // A cancelled one realised after all; visits this morning (before the moment kept), this
      // afternoon (after it, within the window) and after the window.
      await update<Appointment>('Appointment', 'ks-v11', (a) => ({ ...a, status: 'fulfilled' }));
      await store.createMany([
        visit(1001, { start: helsinki('2026-11-30T08:00:00').toISOString(), end: helsinki('2026-11-30T08:30:00').toISOString() }),
        visit(1005, { start: helsinki('2026-11-30T15:00:00').toISOString(), end: helsinki('2026-11-30T15:30:00').toISOString() }),
        visit(1002, { start: helsinki('2026-12-03T08:00:00').toISOString(), end: helsinki('2026-12-03T08:30:00').toISOString() }),
      ]);
      await expectSame();
      // A client moves; another gets an own doctor (own-team visits and listing change).
      await update<Patient>('Patient', 'ks-p4', (p) => ({ ...p, extension: [{ url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: '272' } }] }));
      await update<Patient>('Patient', 'ks-p5', (p) => ({ ...p, generalPractitioner: [{ reference: 'Practitioner/ks-d3' }] }));
      await expectSame();
      // Kept again (the kept rows are over an hour old): the same figures. The rows kept before
      // stay while a read may still hold them.
      const beforeKeeping = await figures(fresh.db);
      await fresh.db.query(`UPDATE continuity_settled SET taken_at = taken_at - interval '2 hours'`);
      await kept();
      await keepingDone(fresh.db);
      expect(await keptPeriods()).toBe(2);
      expect(await figures(fresh.db)).toEqual(beforeKeeping);
      // Once the newer rows are older than any read that found the old ones, the next keeping
      // forgets the old ones and the changes that every kept period has seen.
      await fresh.db.query(`UPDATE continuity_settled SET taken_at = taken_at - interval '2 hours'`);
      await kept();
      await keepingDone(fresh.db);
      expect(await keptPeriods()).toBe(2);
      expect(await changes()).toBe(0);
      await expectSame();
    } finally {
      await releaseOpen();
    }
  });

  it('does not use the kept rows once a team or a Location changed, and keeps them again', async () => {
    const before = await figures(fresh.db);
    await update<CareTeam>('CareTeam', 'ks-team-a', () => unitTeam(['Practitioner/ks-n1', 'Practitioner/ks-d2', 'Practitioner/ks-d3']));
    expect(await kept()).toBeNull();
    const afterTeam = await figures(fresh.db);
    expect(afterTeam).not.toEqual(before);
    await keepingDone(fresh.db);
    await expectSame();
    // A Location changes owner: its visits move to another unit.
    await update<Location>('Location', 'ks-4', (l) => ({ ...l, managingOrganization: { reference: 'Organization/ks-org-b' } }));
    expect(await kept()).toBeNull();
    await keepingDone(fresh.db);
    await expectSame();
  });

  it.skipIf(backend !== 'postgres')('sees a change committed while the rows were being kept', async () => {
    if (!part) throw new Error('no part');
    // Kept once more, with a change in another transaction that commits after the rows are read.
    await fresh.db.query(`UPDATE continuity_settled SET taken_at = taken_at - interval '7 hours'`);
    await fresh.db.transaction(async (tx) => {
      await store.update<Appointment>('Appointment', 'ks-v4', (a) => ({ ...(a as Appointment), status: 'noshow' }), { tx });
      await store.createMany([visit(1003, { start: helsinki('2026-09-10T10:00:00').toISOString(), end: helsinki('2026-09-10T10:30:00').toISOString() })], tx);
      // A write that starts later and commits before the rows are kept: they include it.
      await store.createMany([visit(1004, { start: helsinki('2026-09-12T10:00:00').toISOString(), end: helsinki('2026-09-12T10:30:00').toISOString() })]);
      expect(await keepContinuity(fresh.db, part)).toBe(true);
      // This transaction is older than the last one ended when the rows were read (so not
      // simply one that had not started), and they do not include it.
      const mine = (await tx.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]?.xid;
      const taken = await fresh.db.query<{ open: boolean }>(
        'SELECT $1::xid8 < pg_snapshot_xmax(taken) AND NOT pg_visible_in_snapshot($1::xid8, taken) AS open FROM continuity_settled ORDER BY id DESC LIMIT 1',
        [mine],
      );
      expect(taken.rows[0]?.open).toBe(true);
    });
    await expectSame();
    // The rows kept do not include the change; the change is still on record for them.
    expect(await changes()).toBeGreaterThan(0);
  });

  it('does not use the kept rows once every resource is emptied (a demo reset)', async () => {
    expect(await kept()).not.toBeNull();
    await fresh.db.exec('TRUNCATE resource CASCADE');
    expect(await kept()).toBeNull();
    await keepingDone(fresh.db);
    await expectSame();
    expect((await figures(fresh.db)).cells).toEqual([]);
  });
});

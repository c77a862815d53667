/**
 * The work queue's totals (work_count, migration 017) agree with the open work itself
 * (work_item) in every combination of the queue's filter columns, through new, claimed,
 * re-triaged, closed and deleted Tasks, simultaneous writes, and folding.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Task } from '@medplum/fhirtypes';
import type { ResourceStore } from '../../src/storage/resourceStore';
import { BACKENDS, freshStore, type FreshStore } from '../backup/databases';

const postgresUrl = inject('postgresUrl');
const KEY = 'kind, owner, urgency_rank, channel, profession, claimant';

function task(n: number, extra: Partial<Task> = {}): Task & { id: string } {
  return {
    resourceType: 'Task',
    id: `count-${n}`,
    status: 'ready',
    intent: 'order',
    code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-code', code: n % 4 === 0 ? 'routed-work' : 'client-guidance' }] },
    for: { reference: `Patient/p-${n % 7}` },
    authoredOn: `2026-11-2${n % 5}T08:00:00.000Z`,
    ...(n % 4 === 0 ? { owner: { reference: `CareTeam/team-${n % 3}` } } : {}),
    performerType: [{ coding: [{ code: ['nurse', 'physician', 'physiotherapist'][n % 3] ?? 'nurse' }] }],
    input: [
      { type: { coding: [{ code: 'urgency' }] }, valueCode: ['urgent', 'non-urgent', 'self-care'][n % 3] ?? 'urgent' },
      { type: { coding: [{ code: 'channel' }] }, valueCode: n % 2 ? 'phone' : 'web-form' },
    ],
    ...extra,
  } as Task & { id: string };
}

describe.each(BACKENDS)('the queue totals on %s', (backend) => {
  let fresh: FreshStore;
  let store: ResourceStore;
  beforeAll(async () => {
    fresh = await freshStore(backend, postgresUrl);
    store = fresh.store;
  }, 60_000);
  afterAll(async () => fresh?.close());

  /** Totals by combination, from the sums and from the open work itself. */
  const totals = async () => {
    const summed = await fresh.db.query<{ line: string }>(`SELECT json_build_array(${KEY}, sum(n))::text AS line FROM work_count GROUP BY ${KEY} HAVING sum(n) <> 0`);
    const counted = await fresh.db.query<{ line: string }>(`SELECT json_build_array(${KEY}, count(*))::text AS line FROM work_item GROUP BY ${KEY}`);
    return { summed: summed.rows.map((r) => r.line).sort(), counted: counted.rows.map((r) => r.line).sort() };
  };
  const rows = async () => Number((await fresh.db.query<{ n: number }>('SELECT count(*)::int AS n FROM work_count')).rows[0]?.n);
  const update = async (id: string, change: (t: Task) => Task) => {
    const current = await store.read<Task>('Task', id);
    await fresh.db.transaction(async (tx) => {
      await tx.query(`UPDATE resource SET content = $3::jsonb, version_id = version_id + 1 WHERE resource_type = $1 AND id = $2`, ['Task', id, JSON.stringify(change(current))]);
    });
  };

  it('sum to the open work in every combination through every kind of change', async () => {
    await store.createMany(Array.from({ length: 40 }, (_, n) => task(n)));
    // Writes of several requests at once, grouped into shared statements.
    await Promise.all(Array.from({ length: 30 }, (_, n) => store.createMany([task(100 + n)])));
    let t = await totals();
    expect(t.counted.length).toBeGreaterThan(5);
    expect(t.summed).toEqual(t.counted);

    await update('count-1', (x) => ({ ...x, owner: { reference: 'Practitioner/pr-1' } })); // claimed
    await update('count-2', (x) => ({ ...x, input: [{ type: { coding: [{ code: 'urgency' }] }, valueCode: 'emergent' }] })); // re-triaged
    await update('count-3', (x) => ({ ...x, description: 'only a note' })); // no filter column changes
    await update('count-5', (x) => ({ ...x, status: 'completed' })); // closed
    await update('count-4', (x) => ({ ...x, status: 'cancelled' }));
    await fresh.db.query(`DELETE FROM resource WHERE resource_type = 'Task' AND id = 'count-6'`);
    t = await totals();
    expect(t.summed).toEqual(t.counted);
    const open = Number((await fresh.db.query<{ n: number }>('SELECT count(*)::int AS n FROM work_item')).rows[0]?.n);
    expect(open).toBe(70 - 3);
  });

  it('folds into one row per combination, with the same totals, also when folds run at once', async () => {
    const before = await totals();
    expect(await rows()).toBeGreaterThan(before.counted.length);
    const fold = () => fresh.db.query(`WITH l AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(4242017) AS locked) SELECT ovi_work_count_fold() FROM l WHERE l.locked`);
    await Promise.all([fold(), fold(), store.createMany([task(500)]), fold()]);
    await fold();
    const after = await totals();
    expect(after.summed).toEqual(after.counted);
    expect(await rows()).toBe(after.counted.length);
  });

  it('empties with the resources', async () => {
    await fresh.db.query('TRUNCATE resource CASCADE');
    expect((await totals()).summed).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import type { Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEMS } from '@ovi/domain';
import { weeklyDemandCapacity } from '../../src/storage/indicatorCounts';
import type { TestServer } from '../api/oviTestServer';
import { BACKENDS, startOn } from '../api/backends';

/**
 * The demand-and-capacity weeks unrounded, by hand: which week a contact arrives in, and the
 * queue at each week's end (every arrival so far less every closing so far), with contacts
 * from before the period, closings inside and after it, and a closing stamped before its
 * arrival. Helsinki weeks from Monday; the profession is made up so that no demo contact counts.
 */
const at = (local: string) => new Date(`${local}:00+02:00`).toISOString();
const PROFESSION = 'weekly-test-profession';

function contact(arrived: string, status: Task['status'], options: { closed?: string; outcome?: string } = {}): Task & { id: string } {
  return {
    resourceType: 'Task', id: randomUUID(), status, intent: 'order',
    code: { coding: [{ system: SYSTEMS.taskCode, code: 'client-guidance' }] },
    authoredOn: at(arrived),
    performerType: [{ coding: [{ system: SYSTEMS.profession, code: PROFESSION }] }],
    ...(options.closed ? { executionPeriod: { end: at(options.closed) } } : {}),
    ...(options.outcome ? { businessStatus: { coding: [{ code: options.outcome }] } } : {}),
  };
}

describe.each(BACKENDS)('demand and capacity by week on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOn(backend);
    await server.ovi.services.store.createMany([
      // Before the period: one still open, one closed in its first week, one closed before it.
      contact('2026-01-20T10:00', 'ready'),
      contact('2026-01-21T10:00', 'completed', { closed: '2026-01-28T09:00', outcome: 'booked' }),
      contact('2026-01-22T10:00', 'completed', { closed: '2026-01-23T09:00', outcome: 'solved' }),
      // Week of 26.1.: two arrive; one needs a visit and is closed that week, one is closed in the next.
      contact('2026-01-26T08:00', 'completed', { closed: '2026-01-27T12:00', outcome: 'routed' }),
      contact('2026-02-01T23:30', 'cancelled', { closed: '2026-02-03T08:00' }),
      // Week of 2.2.: one arrives whose closing is stamped the week before (counts as closed on arrival).
      contact('2026-02-04T10:00', 'completed', { closed: '2026-01-30T10:00', outcome: 'self-care' }),
      // Week of 9.2.: one arrives and is closed after the period.
      contact('2026-02-10T10:00', 'completed', { closed: '2026-03-02T10:00', outcome: 'booked' }),
    ]);
  });
  afterAll(async () => server?.close());

  it('counts arrivals per week and the queue at each week’s end', async () => {
    const weeks = await weeklyDemandCapacity(server.ovi.services.db, { start: new Date(at('2026-01-26T00:00')), end: new Date(at('2026-02-16T00:00')) }, { profession: PROFESSION });
    expect(weeks.map(({ week, arrived, needVisit, backlog }) => ({ week, arrived, needVisit, backlog }))).toEqual([
      // Open at 1.2. end: the one from 20.1. and the one from 1.2. 23:30 (Helsinki: still that week).
      { week: '2026-01-26', arrived: 2, needVisit: 1, backlog: 2 },
      // 1.2.'s closed on 3.2.; 4.2.'s closed at its arrival: only 20.1.'s left.
      { week: '2026-02-02', arrived: 1, needVisit: 0, backlog: 1 },
      { week: '2026-02-09', arrived: 1, needVisit: 1, backlog: 2 },
    ]);
  });

  it('leaves out a week where nothing arrived and nothing was waiting', async () => {
    const weeks = await weeklyDemandCapacity(server.ovi.services.db, { start: new Date(at('2026-03-02T00:00')), end: new Date(at('2026-03-16T00:00')) }, { profession: PROFESSION });
    // 20.1.'s contact is still open: both weeks have a queue of one, and no arrivals.
    expect(weeks.map(({ week, arrived, backlog }) => ({ week, arrived, backlog }))).toEqual([
      { week: '2026-03-02', arrived: 0, backlog: 1 },
      { week: '2026-03-09', arrived: 0, backlog: 1 },
    ]);
  });

  it('reads the same weeks from the daily counts as from the facts, with the demo region’s contacts, each filter and a period not of whole days', async () => {
    const db = server.ovi.services.db;
    const windows = [
      { start: new Date(at('2026-01-26T00:00')), end: new Date(at('2026-02-16T00:00')) },
      { start: new Date(at('2026-01-01T13:00')), end: new Date(at('2026-12-31T10:00')) },
    ];
    for (const window of windows)
      for (const filters of [{}, { profession: PROFESSION }, { profession: 'nurse' }, { municipality: '272' }, { unit: 'Organization/station-kokkola' }]) {
        const daily = await weeklyDemandCapacity(db, window, filters);
        expect(daily, JSON.stringify(filters)).toEqual(await weeklyDemandCapacity(db, window, filters, true));
      }
    expect((await weeklyDemandCapacity(db, windows[1] as (typeof windows)[0], {})).some((w) => w.profession === 'nurse' && w.arrived > 0)).toBe(true);
  });
});

/**
 * `searchEvery` reads every match, a page at a time in id order: none skipped, none twice,
 * whatever the page size; and a chat's transcript past one page of 1 000 lines is whole.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Communication } from '@medplum/fhirtypes';
import type { ResourceStore } from '../../src/storage/resourceStore';
import { transcriptOf } from '../../src/chat/chatSocket';
import { BACKENDS, freshStore, type FreshStore } from '../backup/databases';

const postgresUrl = inject('postgresUrl');

/** Line n of a chat on `task`, sent n seconds after nine; ids in another order than the times. */
const line = (task: string, n: number): Communication & { id: string } => ({
  resourceType: 'Communication',
  id: `search-every-${task}-${String((n * 7919) % 10007).padStart(5, '0')}-${n}`,
  status: 'completed',
  basedOn: [{ reference: `Task/${task}` }],
  sent: new Date(Date.UTC(2026, 10, 30, 7, 0, n)).toISOString(),
  payload: [{ contentString: `line ${n}` }],
});

describe.each(BACKENDS)('searchEvery on %s', (backend) => {
  let fresh: FreshStore;
  let store: ResourceStore;

  beforeAll(async () => {
    fresh = await freshStore(backend, postgresUrl);
    store = fresh.store;
    await store.createMany(Array.from({ length: 7 }, (_, n) => line('short', n)));
    await store.createMany(Array.from({ length: 1003 }, (_, n) => line('long', n)));
  }, 120_000);
  afterAll(async () => fresh?.close());

  it('reads every match once, in pages of any size', async () => {
    const request = { resourceType: 'Communication', filters: [{ code: 'based-on', kind: 'reference' as const, values: ['Task/short'] }] };
    for (const pageSize of [1, 3, 7, 100]) {
      const found = await store.searchEvery(request, pageSize);
      expect(found.map((r) => r.id).sort(), String(pageSize)).toEqual(Array.from({ length: 7 }, (_, n) => line('short', n).id).sort());
    }
  });

  it("gives a chat's whole transcript past one page of 1 000 lines, in the order sent", async () => {
    const transcript = await transcriptOf({ store } as never, 'long');
    expect(transcript).toHaveLength(1003);
    expect(transcript.map((c) => c.payload?.[0]?.contentString)).toEqual(Array.from({ length: 1003 }, (_, n) => `line ${n}`));
  });
});

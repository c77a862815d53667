import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reindexPending } from '../../src/storage/searchReindex';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../backup/databases';

const postgresUrl = inject('postgresUrl');
const PRACTITIONER = { resourceType: 'Practitioner', id: 'reindex-1', meta: { versionId: '1', lastUpdated: '2026-01-01T00:00:00Z' }, name: [{ family: 'Ja\u0308rvi', given: ['Öiva'] }] };
const PATIENT = { resourceType: 'Patient', id: 'reindex-2', meta: { versionId: '1', lastUpdated: '2026-01-01T00:00:00Z' }, birthDate: '1990-05-01' };

describe.each(BACKENDS)('Re-indexing what migration 034 queued, on %s', (backend) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase(backend, postgresUrl);
    const { db } = fresh;
    // Rows as the server wrote them before 034: lower-cased strings, UTC days, no exact or sort key.
    for (const r of [PRACTITIONER, PATIENT]) {
      await db.query(`INSERT INTO resource (resource_type, id, version_id, last_updated, content) VALUES ($1, $2, 1, $3, $4)`, [r.resourceType, r.id, r.meta.lastUpdated, JSON.stringify(r)]);
      await db.query(`INSERT INTO search_reindex_pending (resource_type, resource_id) VALUES ($1, $2)`, [r.resourceType, r.id]);
    }
    await db.query(`INSERT INTO search_string (resource_type, resource_id, param, value) VALUES ('Practitioner', 'reindex-1', 'family', 'ja\u0308rvi')`);
    await db.query(`INSERT INTO search_date (resource_type, resource_id, param, low, high) VALUES ('Patient', 'reindex-2', 'birthdate', '1990-05-01T00:00:00Z', '1990-05-01T23:59:59.999Z')`);
  });
  afterAll(async () => fresh?.close());

  it('rebuilds the queued resources\' rows folded, with Helsinki days (summer time: +03), and empties the queue', async () => {
    const { db } = fresh;
    expect(await reindexPending(db)).toBe(2);
    const family = await db.query<{ value: string; exact: string; sort_key: string | null }>(`SELECT value, exact, sort_key FROM search_string WHERE resource_id = 'reindex-1' AND param = 'family'`);
    expect(family.rows).toHaveLength(1);
    expect(family.rows[0]).toMatchObject({ value: 'jarvi', exact: 'Järvi' });
    expect(family.rows[0]?.sort_key).toBeTruthy();
    const given = await db.query<{ value: string }>(`SELECT value FROM search_string WHERE resource_id = 'reindex-1' AND param = 'given'`);
    expect(given.rows.map((r) => r.value)).toEqual(['oiva']);
    const birth = await db.query<{ low: Date }>(`SELECT low FROM search_date WHERE resource_id = 'reindex-2' AND param = 'birthdate'`);
    expect(birth.rows.map((r) => new Date(r.low).toISOString())).toEqual(['1990-04-30T21:00:00.000Z']);
    expect((await db.query(`SELECT * FROM search_reindex_pending`)).rows).toEqual([]);
    expect(await reindexPending(db)).toBe(0);
  });
});

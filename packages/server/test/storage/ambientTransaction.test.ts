import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditLog, type AuditEntry } from '../../src/audit/auditLog';
import { afterCommit, inOneTransaction } from '../../src/db/ambientTransaction';
import type { ResourceStore } from '../../src/storage/resourceStore';
import type { UserContext } from '../../src/auth/userContext';
import { BACKENDS, freshStore, type FreshStore } from '../backup/databases';

const postgresUrl = inject('postgresUrl');
const nurse: UserContext = { username: 'hanna', fhirUser: 'Practitioner/pr-1', name: 'Hanna', roles: ['guidance'] };
const entry = (what: string, success = true): AuditEntry => ({ user: nurse, interaction: 'read', what: [what], patients: ['Patient/p-1'], success });

/** The one transaction of a transaction Bundle (decision 025), on the database every layer holds. */
describe.each(BACKENDS)('the ambient transaction on %s', (backend) => {
  let fresh: FreshStore;
  let store: ResourceStore;
  let audit: AuditLog;
  beforeAll(async () => {
    fresh = await freshStore(backend, postgresUrl);
    store = fresh.store;
    audit = new AuditLog(store);
  }, 60_000);
  afterAll(async () => fresh?.close());

  const count = async (name: string) =>
    Number((await fresh.db.query<{ n: number }>("SELECT count(*)::int AS n FROM resource WHERE resource_type = 'Organization' AND content->>'name' LIKE $1", [`${name}%`])).rows[0]?.n);
  const audited = async (what: string) =>
    Number((await fresh.db.query<{ n: number }>("SELECT count(*)::int AS n FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE $1", [`%${what}%`])).rows[0]?.n);
  const org = (name: string) => store.create({ resourceType: 'Organization', name });

  it('runs every query of the work in one transaction: all stored on success, none on failure', async () => {
    await inOneTransaction(fresh.db, async () => {
      await org('kept-1');
      // Read back inside, through the store's ordinary (otherwise grouped) read.
      const made = await org('kept-2');
      expect((await store.read<{ resourceType: 'Organization'; name?: string }>('Organization', made.id)).name).toBe('kept-2');
    });
    expect(await count('kept-')).toBe(2);
    await expect(inOneTransaction(fresh.db, async () => {
      await org('gone-1');
      await fresh.db.transaction(async (tx) => tx.query('SELECT 1'));
      await org('gone-2');
      throw new Error('a later entry fails');
    })).rejects.toThrow('a later entry fails');
    expect(await count('gone-')).toBe(0);
  });

  it('makes a nested transaction a savepoint: its failure undoes only itself', async () => {
    await inOneTransaction(fresh.db, async () => {
      await org('outer');
      await expect(fresh.db.transaction(async () => {
        await org('inner');
        throw new Error('inner fails');
      })).rejects.toThrow('inner fails');
      await org('after');
    });
    expect([await count('outer'), await count('inner'), await count('after')]).toEqual([1, 0, 1]);
  });

  it("keeps other requests' writes out of it: they are stored when it rolls back", async () => {
    let release!: () => void;
    const started = new Promise<void>((resolve) => (release = resolve));
    const bundle = inOneTransaction(fresh.db, async () => {
      await org('rolled-back');
      release();
      // Other requests write while this one is open.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await org('rolled-back');
      throw new Error('fails');
    });
    await started;
    const others = Promise.all(Array.from({ length: 20 }, (_, n) => audit.record(entry(`Organization/other-${n}`))));
    await expect(bundle).rejects.toThrow('fails');
    await others;
    expect(await count('rolled-back')).toBe(0);
    expect(await audited('Organization/other-')).toBe(20);
  });

  it('sends work left running after the transaction ended to the pool, never to the finished transaction', async () => {
    let stray: Promise<unknown> | undefined;
    let go!: () => void;
    const later = new Promise<void>((resolve) => (go = resolve));
    await inOneTransaction(fresh.db, async () => {
      stray = later.then(() => org('stray'));
    });
    go();
    await stray;
    expect(await count('stray')).toBe(1);
  });

  it('defers after-commit work to the commit, and keeps refusal audit records through a rollback', async () => {
    const done: string[] = [];
    await inOneTransaction(fresh.db, async () => {
      afterCommit(() => done.push('committed'));
      expect(done).toEqual([]);
    });
    expect(done).toEqual(['committed']);
    await expect(inOneTransaction(fresh.db, async () => {
      afterCommit(() => done.push('never'));
      await audit.record(entry('Organization/refused-here', false));
      await audit.record(entry('Organization/read-here', true));
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(done).toEqual(['committed']);
    expect(await audited('Organization/refused-here')).toBe(1);
    expect(await audited('Organization/read-here')).toBe(0);
    // Outside any transaction, after-commit work runs at once.
    afterCommit(() => done.push('now'));
    expect(done).toEqual(['committed', 'now']);
  });
});

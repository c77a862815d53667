import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Observation } from '@medplum/fhirtypes';
import { AuditLog, type AuditEntry } from '../../src/audit/auditLog';
import type { Database } from '../../src/db/database';
import { loadFhirDefinitions } from '../../src/fhir/definitions';
import { FhirError } from '../../src/fhir/outcomes';
import { ResourceStore } from '../../src/storage/resourceStore';
import type { UserContext } from '../../src/auth/userContext';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../backup/databases';

const postgresUrl = inject('postgresUrl');
const nurse: UserContext = { username: 'hanna', fhirUser: 'Practitioner/pr-1', name: 'Hanna', roles: ['guidance'] };
const entry = (n: number): AuditEntry => ({ user: nurse, interaction: 'read', what: [`Observation/o-${n}`], patients: [`Patient/p-${n}`], success: true });

/** The real database with a count of the statements sent to it. */
function counting(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const counted = Object.create(db) as Database;
  counted.query = (sql, params) => {
    statements++;
    return db.query(sql, params);
  };
  return { db: counted, statements: () => statements };
}

async function auditCount(db: Database): Promise<number> {
  const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM resource WHERE resource_type = 'AuditEvent'");
  return Number(r.rows[0]?.n);
}

describe.each(BACKENDS)('grouped writes on %s', (backend) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    loadFhirDefinitions();
    fresh = await freshDatabase(backend, postgresUrl);
  }, 60_000);
  afterAll(async () => fresh?.close());

  it('stores every audit record of simultaneous requests with a few statements', async () => {
    const { db, statements } = counting(fresh.db);
    const audit = new AuditLog(new ResourceStore(db));
    const before = await auditCount(fresh.db);
    await Promise.all(Array.from({ length: 300 }, (_, n) => audit.record(entry(n))));
    expect(await auditCount(fresh.db)).toBe(before + 300);
    expect(statements()).toBeLessThanOrEqual(5);
    // Each record is searchable by its client, as if written alone.
    const p7 = await fresh.db.query("SELECT count(*)::int AS n FROM search_token WHERE resource_type = 'AuditEvent' AND param = 'patient' AND value = 'Patient/p-7'");
    expect(Number(p7.rows[0]?.n)).toBeGreaterThanOrEqual(1);
  });

  it('fails every waiting request when its group cannot be stored, and goes on writing afterwards', async () => {
    const audit = new AuditLog(new ResourceStore(fresh.db));
    const before = await auditCount(fresh.db);
    await fresh.db.query('ALTER TABLE search_date RENAME TO search_date_away');
    const failed = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => audit.record(entry(n))));
    await fresh.db.query('ALTER TABLE search_date_away RENAME TO search_date');
    expect(failed.every((r) => r.status === 'rejected')).toBe(true);
    expect(await auditCount(fresh.db)).toBe(before);
    await Promise.all([audit.record(entry(1)), audit.record(entry(2))]);
    expect(await auditCount(fresh.db)).toBe(before + 2);
  });

  it('fails only the request whose id is taken when simultaneous creates share a statement', async () => {
    const { db, statements } = counting(fresh.db);
    const store = new ResourceStore(db);
    const audit = new AuditLog(store);
    await store.createMany([{ resourceType: 'Observation', id: 'taken', status: 'final', code: { text: 'x' } } as Observation & { id: string }]);
    const used = statements();
    const creates = Array.from({ length: 40 }, (_, n) => {
      const observation = { resourceType: 'Observation', id: n === 17 ? 'taken' : `grouped-${n}`, status: 'final', code: { text: 'paino' } } as Observation & { id: string };
      return store.createMany([observation, audit.event(entry(n))]);
    });
    const results = await Promise.allSettled(creates);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const refused = results[17];
    expect(refused?.status === 'rejected' && (refused.reason as FhirError).status).toBe(409);
    expect(await store.readOptional('Observation', 'grouped-39')).toBeDefined();
    // One statement for the group, then each create alone once the group failed.
    expect(statements() - used).toBeLessThanOrEqual(1 + 40 + 2);
    const ids = await fresh.db.query<{ n: number }>("SELECT count(*)::int AS n FROM resource WHERE id LIKE 'grouped-%'");
    expect(Number(ids.rows[0]?.n)).toBe(39);
  });

  it('groups creates when the database answers', async () => {
    const { db, statements } = counting(fresh.db);
    const store = new ResourceStore(db);
    const used = statements();
    await Promise.all(Array.from({ length: 50 }, (_, n) => store.createMany([{ resourceType: 'Observation', id: `together-${n}`, status: 'final', code: { text: 'x' } } as Observation & { id: string }])));
    expect(statements() - used).toBeLessThanOrEqual(3);
  });

  it('reads simultaneous requests together: each its own resource, missing ones missing, shared ones as copies', async () => {
    const { db, statements } = counting(fresh.db);
    const store = new ResourceStore(db);
    await store.createMany(Array.from({ length: 30 }, (_, n) => ({ resourceType: 'Observation', id: `read-${n}`, status: 'final', code: { text: `n${n}` } }) as Observation & { id: string }));
    const used = statements();
    const ids = [...Array.from({ length: 30 }, (_, n) => `read-${n}`), 'read-3', 'read-3', 'missing'];
    const read = await Promise.all(ids.map((id) => store.readOptional<Observation>('Observation', id)));
    expect(statements() - used).toBeLessThanOrEqual(2);
    expect(read.slice(0, 30).map((o) => o?.code.text)).toEqual(Array.from({ length: 30 }, (_, n) => `n${n}`));
    expect(read[32]).toBeUndefined();
    const [a, b, c] = [read[3], read[30], read[31]];
    expect(b).toEqual(a);
    if (b) b.code.text = 'changed by one request';
    expect(a?.code.text).toBe('n3');
    expect(c?.code.text).toBe('n3');
    await expect(store.read('Observation', 'missing')).rejects.toMatchObject({ status: 404 });
  });

  it('stores a resource with its audit record in one statement, or neither when an id is taken', async () => {
    const { db, statements } = counting(fresh.db);
    const store = new ResourceStore(db);
    const audit = new AuditLog(store);
    const observation: Observation & { id: string } = { resourceType: 'Observation', id: 'obs-1', status: 'final', code: { text: 'paino' } };
    const first = audit.event(entry(1));
    const used = statements();
    await store.createMany([observation, first]);
    expect(statements() - used).toBe(1);
    const second = audit.event(entry(2));
    const error = await store.createMany([{ ...observation }, second]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).status).toBe(409);
    expect(await store.readOptional('AuditEvent', second.id)).toBeUndefined();
    const history = await fresh.db.query("SELECT count(*)::int AS n FROM resource_history WHERE id = 'obs-1'");
    expect(Number(history.rows[0]?.n)).toBe(1);
  });
});

/**
 * `Database.listen` on both back-ends, as the live chat uses it: a NOTIFY sent in a transaction
 * arrives only once it commits and never after a rollback; on PostgreSQL the listening
 * connection comes back by itself after it is killed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { openPgliteDatabase } from '../../src/db/pgliteDatabase';
import { openPostgresDatabase } from '../../src/db/postgresDatabase';
import { freshPostgresDatabase } from '../api/oviTestServer';

describe.each(['pglite', 'postgres'] as const)('LISTEN/NOTIFY on %s', (backend) => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  const received: string[] = [];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    if (backend === 'postgres') {
      const fresh = await freshPostgresDatabase(inject('postgresUrl'));
      drop = fresh.drop;
      db = await openPostgresDatabase(fresh.url, 4);
    } else {
      db = await openPgliteDatabase();
    }
    stop = await db.listen('ovi_test_channel', (payload) => received.push(payload));
  });

  afterAll(async () => {
    await stop?.();
    await db?.close();
    await drop?.();
  });

  it('delivers a notification sent in a transaction when it commits, and none from a rolled-back one', async () => {
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_notify('ovi_test_channel', 'rolled back')");
      throw new Error('roll back');
    }).catch(() => undefined);
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_notify('ovi_test_channel', 'committed')");
    });
    await expect.poll(() => received, { timeout: 10_000 }).toContain('committed');
    // Sent after the rolled-back one: had that one been delivered, it would be here by now.
    expect(received).not.toContain('rolled back');
  });

  it.runIf(backend === 'postgres')('listens again after its connection is killed', async () => {
    await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ovi_test_channel' AND pid <> pg_backend_pid()");
    // Keep sending until one arrives: the new connection listens about a second later.
    await expect
      .poll(
        async () => {
          await db.query("SELECT pg_notify('ovi_test_channel', 'after the kill')");
          return received.includes('after the kill');
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe(true);
  });

  it('stops on request', async () => {
    await stop();
    // A second listener shows when the notification has gone out; the stopped one must not have had it.
    const witness: string[] = [];
    const stopWitness = await db.listen('ovi_test_channel', (payload) => witness.push(payload));
    try {
      await db.query("SELECT pg_notify('ovi_test_channel', 'after stop')");
      await expect.poll(() => witness, { timeout: 10_000 }).toContain('after stop');
      expect(received).not.toContain('after stop');
    } finally {
      await stopWitness();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { restoreFromFile } from '../../src/backup/backupReader';
import { backupToFile } from '../../src/backup/backupWriter';
import type { Database } from '../../src/db/database';
import { BACKENDS, freshDatabase } from './databases';
import { BACK_PAIN, contactBody, startOn } from '../api/backends';
import type { TestServer } from '../api/oviTestServer';

const postgresUrl = inject('postgresUrl');

/** The work queue's projection as text, in a back-end independent form. */
async function workItems(db: Database): Promise<string[]> {
  const r = await db.query<{ line: string }>(
    `SELECT json_build_array(task_id, version_id, kind, owner, patient_id, urgency_rank,
              to_char(deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), to_char(authored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
              channel, profession, claimant)::text AS line FROM work_item`,
  );
  return r.rows.map((row) => row.line).sort();
}

/** The queue's totals by filter columns (work_count, migration 017). */
async function workCounts(db: Database): Promise<string[]> {
  const key = 'kind, owner, urgency_rank, channel, profession, claimant';
  const r = await db.query<{ line: string }>(`SELECT json_build_array(${key}, sum(n))::text AS line FROM work_count GROUP BY ${key} HAVING sum(n) <> 0`);
  return r.rows.map((row) => row.line).sort();
}

/**
 * The work queue's projection (work_item, migration 008) is not carried in a backup: it is
 * derived from the Tasks, and the triggers that keep it build it again as a restore writes them.
 */
describe.each(BACKENDS)('the work queue after a restore on %s', (backend) => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ovi-work-item-'));
    server = await startOn(backend);
    const resident = await server.login('resident');
    const guidance = await server.login('guidance');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    const task = (sent.headers.get('x-ovi-task') ?? '').replace('Task/', '');
    expect((await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: guidance.token })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds every open Task’s row, claims included, from the restored Tasks', async () => {
    const source = server.ovi.services.db;
    const before = await workItems(source);
    expect(before.length).toBeGreaterThan(5);
    expect(before.some((line) => line.includes('"Practitioner/pr-hanna-hoitaja"'))).toBe(true);
    const open = await source.query<{ n: string }>(
      `SELECT count(*) AS n FROM resource WHERE resource_type = 'Task' AND content->>'status' IN ('ready', 'in-progress', 'requested', 'received', 'accepted')`,
    );
    expect(before).toHaveLength(Number(open.rows[0]?.n));
    const file = join(dir, `${backend}.ovi.gz`);
    await backupToFile(source, file);
    const target = await freshDatabase(backend, postgresUrl);
    try {
      await restoreFromFile(target.db, file);
      expect(await workItems(target.db)).toEqual(before);
      const totals = await workCounts(source);
      expect(totals.length).toBeGreaterThan(1);
      expect(await workCounts(target.db)).toEqual(totals);
    } finally {
      await target.close();
    }
  });
});

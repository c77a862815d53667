import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { restoreFromFile } from '../../src/backup/backupReader';
import { feedbackResponse } from '../../src/feedback/feedbackAnswers';
import { backupToFile } from '../../src/backup/backupWriter';
import type { Database } from '../../src/db/database';
import { BACKENDS, freshDatabase } from './databases';
import { ROLLUP_TABLES } from '../../src/storage/figureRollups';
import { BACK_PAIN, contactBody, startOn } from '../api/backends';
import type { TestServer } from '../api/oviTestServer';

const postgresUrl = inject('postgresUrl');

/** Every row of a fact table as back-end independent text. */
async function facts(db: Database, table: 'task_fact' | 'visit_fact' | 'patient_fact' | 'feedback_fact' | 'feedback_statement_fact'): Promise<string[]> {
  const r = await db.query<{ line: string }>(`SELECT to_json(f)::text AS line FROM ${table} f`);
  return r.rows.map((row) => row.line).sort();
}

/** The daily counts (migration 044) as summed combinations, whatever their rows and folding. */
async function dailyCounts(db: Database): Promise<string[]> {
  const lines: string[] = [];
  for (const table of ROLLUP_TABLES) {
    const columns = (await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name NOT IN ('n', 'folded') ORDER BY ordinal_position`, [table],
    )).rows.map((r) => r.column_name);
    const r = await db.query<{ line: string }>(`SELECT '${table} ' || json_build_array(${columns.join(', ')}, sum(n))::text AS line FROM ${table} GROUP BY ${columns.join(', ')} HAVING sum(n) <> 0`);
    lines.push(...r.rows.map((row) => row.line));
  }
  return lines.sort();
}

/**
 * The figure facts (migrations 041 and 043, decisions 033 and 037) are not carried in a backup:
 * they are derived from the Tasks, Appointments, Patients and feedback answers, and the triggers that keep them build them again
 * as a restore writes those.
 */
describe.each(BACKENDS)('the figure facts after a restore on %s', (backend) => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ovi-figure-facts-'));
    server = await startOn(backend);
    const resident = await server.login('resident');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(sent.status).toBe(201);
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Appointment', id: 'facts-restore-visit', status: 'fulfilled',
        start: '2026-11-10T07:00:00.000Z', end: '2026-11-10T07:30:00.000Z',
        supportingInformation: [{ reference: sent.headers.get('x-ovi-task') as string }],
        participant: [{ actor: { reference: resident.fhirUser }, status: 'accepted' }, { actor: { reference: 'Practitioner/pr-hanna-hoitaja' }, status: 'accepted' }],
      },
      { ...feedbackResponse({ recommend: 9, statements: { safety: '5' } }, { kind: 'visit', unit: 'Organization/station-kokkola', service: 'primary-care', profession: 'nurse', month: '2026-11' }, 1), id: 'facts-restore-feedback' },
    ] as any);
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds every Task’s, Appointment’s, Patient’s and feedback answer’s fact, and the daily counts, from the restored resources', async () => {
    const source = server.ovi.services.db;
    const before = {
      tasks: await facts(source, 'task_fact'), visits: await facts(source, 'visit_fact'), patients: await facts(source, 'patient_fact'),
      feedback: await facts(source, 'feedback_fact'), statements: await facts(source, 'feedback_statement_fact'),
    };
    const stored = await source.query<{ resource_type: string; n: string }>(
      `SELECT resource_type, count(*) AS n FROM resource WHERE resource_type IN ('Task', 'Appointment', 'Patient') GROUP BY 1`,
    );
    const n = (type: string) => Number(stored.rows.find((r) => r.resource_type === type)?.n ?? 0);
    expect(before.tasks).toHaveLength(n('Task'));
    expect(before.visits).toHaveLength(n('Appointment'));
    expect(before.patients).toHaveLength(n('Patient'));
    expect(before.tasks.some((line) => line.includes('"kind":"client-guidance"'))).toBe(true);
    expect(before.visits.length).toBeGreaterThan(0);
    expect(before.feedback.some((line) => line.includes('"response_id":"facts-restore-feedback"') && line.includes('"service":"primary-care"'))).toBe(true);
    expect(before.statements).toContain('{"response_id":"facts-restore-feedback","statement":"safety","code":"5"}');
    const counts = await dailyCounts(source);
    expect(counts.some((line) => line.startsWith('contact_day '))).toBe(true);
    expect(counts.some((line) => line.startsWith('visit_day '))).toBe(true);
    const file = join(dir, `${backend}.ovi.gz`);
    await backupToFile(source, file);
    const target = await freshDatabase(backend, postgresUrl);
    try {
      await restoreFromFile(target.db, file);
      expect({
        tasks: await facts(target.db, 'task_fact'), visits: await facts(target.db, 'visit_fact'), patients: await facts(target.db, 'patient_fact'),
        feedback: await facts(target.db, 'feedback_fact'), statements: await facts(target.db, 'feedback_statement_fact'),
      }).toEqual(before);
      // And the daily counts kept from them (migration 044).
      expect(await dailyCounts(target.db)).toEqual(counts);
    } finally {
      await target.close();
    }
  });
});

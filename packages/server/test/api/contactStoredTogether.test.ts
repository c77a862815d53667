/**
 * A contact is stored whole or not at all: the response, its Task in the guidance queue and the
 * audit record of the sending go in one statement (grouped with other requests'), and a
 * contact that no care-guarantee rule fitted stores the record of that gap in the same
 * transaction. Rows written by one transaction share its id (`xmin`), which is what is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, startOn } from './backends';

describe.each(BACKENDS)('a contact stored together on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOn(backend);
  });
  afterAll(async () => server?.close());

  const db = () => server.ovi.services.db;
  const transactionOf = async (type: string, id: string) =>
    (await db().query<{ x: string }>('SELECT xmin::text AS x FROM resource WHERE resource_type = $1 AND id = $2', [type, id])).rows[0]?.x;
  const auditOf = async (reference: string) =>
    (await db().query<{ x: string }>(`SELECT xmin::text AS x FROM resource WHERE resource_type = 'AuditEvent' AND content->'entity' @> $1::jsonb`, [JSON.stringify([{ what: { reference } }])])).rows.map((r) => r.x);
  const counts = async () => {
    const r = await db().query<{ t: string; n: number }>(`SELECT resource_type AS t, count(*)::int AS n FROM resource WHERE resource_type IN ('QuestionnaireResponse', 'Task', 'AuditEvent') GROUP BY 1`);
    return Object.fromEntries(r.rows.map((row) => [row.t, Number(row.n)]));
  };

  it('stores the response, its Task and the audit record in one transaction, also when residents send at once', async () => {
    const resident = await server.login('resident');
    const sent = await Promise.all(
      Array.from({ length: 6 }, () => server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) })),
    );
    const tasks = new Set<string>();
    for (const r of sent) {
      expect(r.status).toBe(201);
      const taskId = (r.headers.get('x-ovi-task') ?? '').replace('Task/', '');
      tasks.add(taskId);
      const task = (await server.call('GET', `/fhir/R4/Task/${taskId}`, { token: resident.token })).body;
      expect(task.focus.reference).toBe(`QuestionnaireResponse/${r.body.id}`);
      expect(task.meta.versionId).toBe('1');
      const stored = await transactionOf('QuestionnaireResponse', r.body.id);
      expect(stored).toBeDefined();
      expect(await transactionOf('Task', taskId)).toBe(stored);
      expect(await auditOf(`QuestionnaireResponse/${r.body.id}`)).toEqual([stored]);
    }
    expect(tasks.size).toBe(6);
    // Each Task is in the guidance queue at once.
    const guidance = await server.login('guidance');
    const queue = await server.call('GET', '/api/guidance/queue?pageSize=100', { token: guidance.token });
    expect(queue.body.items.filter((i: { taskId: string }) => tasks.has(i.taskId))).toHaveLength(6);
  });

  it('stores nothing of a contact whose Task cannot be stored', async () => {
    const resident = await server.login('resident');
    const before = await counts();
    // A Task write that fails in the database (here a constraint of the queue's projection).
    await db().query(`ALTER TABLE work_item ADD CONSTRAINT refuse_for_test CHECK (channel IS DISTINCT FROM 'web-form') NOT VALID`);
    try {
      const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
      expect(sent.status).toBe(500);
      expect(sent.body.resourceType).toBe('OperationOutcome');
    } finally {
      await db().query('ALTER TABLE work_item DROP CONSTRAINT refuse_for_test');
    }
    expect(await counts()).toEqual(before);
    const again = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(again.status).toBe(201);
  });

  it('records a care-guarantee gap in the transaction that stores the contact', async () => {
    await db().query(
      `UPDATE app_setting SET value = jsonb_set(value, '{rules}', (SELECT jsonb_agg(r) FROM jsonb_array_elements(value->'rules') r WHERE r->>'service' <> 'primary-care'))
        WHERE name = 'care-guarantee'`,
    );
    const resident = await server.login('resident');
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, { ...BACK_PAIN, 'danger-signs': ['none'] }) });
    expect(sent.status).toBe(201);
    const taskId = (sent.headers.get('x-ovi-task') ?? '').replace('Task/', '');
    const stored = await transactionOf('QuestionnaireResponse', sent.body.id);
    expect(await transactionOf('Task', taskId)).toBe(stored);
    expect(await auditOf(`QuestionnaireResponse/${sent.body.id}`)).toEqual([stored]);
    const gap = await db().query<{ x: string }>(`SELECT xmin::text AS x FROM configuration_gap WHERE service = 'primary-care' AND urgency = 'non-urgent'`);
    expect(gap.rows.map((r) => r.x)).toEqual([stored]);
  });
});

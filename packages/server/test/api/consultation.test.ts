import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });

describe.each(BACKENDS)('consultations on %s', (backend) => {
  let server: TestServer;
  let patient: string;
  beforeAll(async () => {
    server = await startOn(backend);
    const guidance = await server.login('guidance');
    const queue = await server.call('GET', '/api/guidance/queue', { token: guidance.token });
    patient = `Patient/${queue.body.items[0].patient.id}`;
  });
  afterAll(async () => server?.close());

  const request = (owner: string, extra: Record<string, unknown> = {}) => ({
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-code', code: 'consultation' }] },
    for: { reference: patient },
    owner: { reference: owner },
    restriction: { period: { end: new Date(Date.now() + 3 * 86_400_000).toISOString() } },
    input: [{ type: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-parameter', code: 'question' }] }, valueString: 'Sopiiko fysioterapia ennen lääkärin arviota?' }],
    ...extra,
  });

  it('asks a physician, who answers on the same Task; the asker sees the answer', async () => {
    const guidance = await server.login('guidance');
    const physician = await server.login('physician');
    const asked = await server.call('POST', '/fhir/R4/Task', { token: guidance.token, body: request(physician.fhirUser) });
    expect(asked.status).toBe(201);
    expect(asked.body.requester.reference).toBe(guidance.fhirUser);
    expect(asked.body.status).toBe('requested');
    // The physician now has a relationship through the consultation, and sees it in the queue.
    const queue = await server.call('GET', '/api/guidance/queue', { token: physician.token });
    expect(queue.body.items.map((i: any) => i.taskId)).toContain(asked.body.id);
    expect((await server.call('GET', `/fhir/R4/${patient}`, { token: physician.token })).status).toBe(200);
    // Someone not asked cannot answer.
    const physio = await server.login('physio');
    const intruder = await server.call('POST', `/fhir/R4/Task/${asked.body.id}/$answer`, { token: physio.token, body: params({ name: 'answer', valueString: 'x' }) });
    expect(intruder.status).toBe(403);
    const answered = await server.call('POST', `/fhir/R4/Task/${asked.body.id}/$answer`, {
      token: physician.token,
      body: params({ name: 'answer', valueString: 'Kyllä, aloittakaa fysioterapia.' }),
    });
    expect(answered.status).toBe(200);
    const seen = await server.call('GET', `/fhir/R4/Task/${asked.body.id}`, { token: guidance.token });
    expect(seen.body.status).toBe('completed');
    expect(seen.body.output.find((o: any) => o.type.coding[0].code === 'answer').valueString).toBe('Kyllä, aloittakaa fysioterapia.');
    const twice = await server.call('POST', `/fhir/R4/Task/${asked.body.id}/$answer`, { token: physician.token, body: params({ name: 'answer', valueString: 'x' }) });
    expect(twice.status).toBe(409);
  });

  it('rejects bad consultation requests and changes nothing', async () => {
    const guidance = await server.login('guidance');
    const physician = await server.login('physician');
    const resident = await server.login('resident');
    const before = await countNonAudit(server);
    const bad = async (status: number, token: string, body: unknown) => {
      const r = await server.call('POST', '/fhir/R4/Task', { token, body });
      expect(r.status).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
    };
    await bad(400, guidance.token, request(physician.fhirUser, { input: [] }));
    await bad(400, guidance.token, request(physician.fhirUser, { restriction: { period: { end: '2001-01-01T00:00:00Z' } } }));
    await bad(400, guidance.token, request('Practitioner/nobody'));
    await bad(400, guidance.token, request('Patient/p-aino-nieminen'));
    await bad(400, guidance.token, request(physician.fhirUser, { code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-code', code: 'client-guidance' }] } }));
    await bad(400, guidance.token, request(physician.fhirUser, { for: { reference: 'Patient/nobody' } }));
    await bad(403, resident.token, request(physician.fhirUser, { for: { reference: resident.fhirUser } }));
    await bad(403, physician.token, request(guidance.fhirUser, { for: { reference: resident.fhirUser } }));
    expect(await countNonAudit(server)).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
type Session = { token: string; fhirUser: string };

describe.each(BACKENDS)('consultation inbox and outbox on %s', (backend) => {
  let server: TestServer;
  let guidance: Session;
  let physician: Session;
  let physio: Session;
  let patient: string;
  let contact: string;

  const ask = (session: Session, owner: string, question: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    server.call('POST', '/fhir/R4/Task', {
      token: session.token,
      headers,
      body: {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-code', code: 'consultation' }] },
        for: { reference: patient },
        focus: { reference: contact },
        owner: { reference: owner },
        restriction: { period: { end: new Date(Date.now() + 2 * 86_400_000).toISOString() } },
        input: [{ type: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-parameter', code: 'question' }] }, valueString: question }],
        ...extra,
      },
    });
  const box = (session: Session, query: string) => server.call('GET', `/api/consultations?${query}`, { token: session.token });
  const counts = async (session: Session) => (await server.call('GET', '/api/consultations/counts', { token: session.token })).body as { inbox: number; outbox: number };
  const refusalsOf = async (user: string, what: string) => {
    const r = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' = '4'
         AND content->'agent'->0->'who'->>'reference' = $1 AND content->'entity' @> $2::jsonb`,
      [user, JSON.stringify([{ what: { reference: what } }])],
    );
    return r.rows.map((row) => row.content);
  };

  beforeAll(async () => {
    server = await startOn(backend);
    guidance = await server.login('guidance');
    physician = await server.login('physician');
    physio = await server.login('physio');
    const queue = await server.call('GET', '/api/guidance/queue', { token: guidance.token });
    const item = queue.body.items.find((i: any) => i.kind === 'client-guidance') ?? queue.body.items[0];
    patient = `Patient/${item.patient.id}`;
    contact = `Task/${item.taskId}`;
  });
  afterAll(async () => server?.close());

  it('a nurse asks a physician: it waits in his inbox (counted) and in her outbox; he answers; she sees the answer, also on the client', async () => {
    const before = await counts(physician);
    const asked = await ask(guidance, physician.fhirUser, 'Voiko verenpainelääkkeen annosta nostaa ennen kontrollia?');
    expect(asked.status).toBe(201);
    expect(asked.body.owner.display).toBe('Mikko Rautio');
    const id = asked.body.id as string;
    expect(await counts(physician)).toMatchObject({ inbox: before.inbox + 1 });
    expect((await counts(guidance)).outbox).toBeGreaterThanOrEqual(1);

    const inbox = await box(physician, 'box=inbox&state=open');
    expect(inbox.status).toBe(200);
    const mine = inbox.body.items.find((i: any) => i.task === `Task/${id}`);
    expect(mine).toMatchObject({
      status: 'requested',
      open: true,
      patient: { reference: patient },
      askedBy: { reference: guidance.fhirUser, name: 'Hanna Hoitaja' },
      owner: { reference: physician.fhirUser, name: 'Mikko Rautio' },
      contact,
      question: 'Voiko verenpainelääkkeen annosta nostaa ennen kontrollia?',
    });
    expect(mine.patient.name).toBeTruthy();
    const outbox = await box(guidance, 'box=outbox');
    expect(outbox.body.items.find((i: any) => i.task === `Task/${id}`)).toMatchObject({ open: true, owner: { name: 'Mikko Rautio' } });
    // The list is audited, naming the clients shown.
    const listed = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->'agent'->0->'who'->>'reference' = $1 AND content->'entity'->0->>'description' = 'Task?consultation&box=inbox&state=open'`,
      [physician.fhirUser],
    );
    expect(listed.rows.some((r) => r.content.entity.some((e: any) => e.what?.reference === patient))).toBe(true);

    const answered = await server.call('POST', `/fhir/R4/Task/${id}/$answer`, { token: physician.token, body: params({ name: 'answer', valueString: 'Kyllä, 10 mg:aan; kontrolli kahden viikon päästä.' }) });
    expect(answered.status).toBe(200);
    expect(await counts(physician)).toMatchObject({ inbox: before.inbox });
    expect((await box(physician, 'box=inbox&state=open')).body.items.map((i: any) => i.task)).not.toContain(`Task/${id}`);
    const done = (await box(guidance, 'box=outbox&state=answered')).body.items.find((i: any) => i.task === `Task/${id}`);
    expect(done).toMatchObject({ status: 'completed', open: false, answer: 'Kyllä, 10 mg:aan; kontrolli kahden viikon päästä.', answeredBy: { reference: physician.fhirUser, name: 'Mikko Rautio' } });
    expect(done.answeredAt).toBeTruthy();

    const overview = await server.call('GET', `/api/clients/${patient.slice('Patient/'.length)}/overview`, { token: guidance.token });
    const matter = overview.body.contacts.find((m: any) => m.task === `Task/${id}`);
    expect(matter).toMatchObject({ kind: 'consultation', open: false, consultation: { question: 'Voiko verenpainelääkkeen annosta nostaa ennen kontrollia?', answer: 'Kyllä, 10 mg:aan; kontrolli kahden viikon päästä.', answeredBy: { name: 'Mikko Rautio' }, askedBy: { name: 'Hanna Hoitaja' } } });
  });

  it('another professional without a relationship sees nothing of it and cannot answer; each refusal is audited', async () => {
    const asked = await ask(guidance, physician.fhirUser, 'Tarvitaanko laboratoriokokeita?');
    const id = asked.body.id as string;
    expect((await box(physio, 'box=inbox')).body.items.map((i: any) => i.task)).not.toContain(`Task/${id}`);
    const read = await server.call('GET', `/fhir/R4/Task/${id}`, { token: physio.token });
    expect(read.status).toBe(403);
    const answer = await server.call('POST', `/fhir/R4/Task/${id}/$answer`, { token: physio.token, body: params({ name: 'answer', valueString: 'Ei tarvita.' }) });
    expect(answer.status).toBe(403);
    expect(answer.body.resourceType).toBe('OperationOutcome');
    const refusals = await refusalsOf(physio.fhirUser, `Task/${id}`);
    expect(refusals.length).toBe(2);
    expect(refusals.some((e) => e.outcomeDesc.startsWith('$answer'))).toBe(true);
    for (const e of refusals) expect(e.entity.some((x: any) => x.what?.reference === patient)).toBe(true);
    // Still open for the one asked.
    expect((await server.call('GET', `/fhir/R4/Task/${id}`, { token: guidance.token })).body.status).toBe('requested');
  });

  it('a question to a PractitionerRole reaches the professional of that role', async () => {
    const asked = await ask(guidance, 'PractitionerRole/role-mikko-rautio', 'Sopiiko etävastaanotto?');
    expect(asked.status).toBe(201);
    expect(asked.body.owner.display).toBe('Mikko Rautio');
    const inbox = await box(physician, 'box=inbox&state=open');
    expect(inbox.body.items.map((i: any) => i.task)).toContain(`Task/${asked.body.id}`);
    const answered = await server.call('POST', `/fhir/R4/Task/${asked.body.id}/$answer`, { token: physician.token, body: params({ name: 'answer', valueString: 'Sopii.' }) });
    expect(answered.status).toBe(200);
  });

  it('refuses bad lists and bad questions, and changes nothing', async () => {
    for (const query of ['', 'box=letters', 'box=inbox&state=later', 'box=inbox&page=2', 'box=inbox&box=outbox']) {
      const r = await box(physician, query);
      expect(r.status, query).toBe(400);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    const resident = await server.login('resident');
    expect((await box(resident, 'box=inbox')).status).toBe(403);
    expect((await server.call('GET', '/api/consultations/counts', { token: resident.token })).status).toBe(403);
    expect((await server.call('GET', '/api/consultations?box=inbox')).status).toBe(401);

    const before = await countNonAudit(server);
    // An organisation cannot answer; nor is asking oneself a consultation.
    expect((await ask(guidance, 'Organization/org-kokkola', 'Kenelle tämä kuuluu?')).status).toBe(400);
    expect((await ask(guidance, guidance.fhirUser, 'Muistutus itselleni')).status).toBe(400);
    // Asked on a recorded reason (no relationship): it would hand on access the asker does not have.
    const byReason = await ask(physio, physician.fhirUser, 'Mitä mieltä?', {}, { 'X-Access-Reason': encodeURIComponent('Asiakas soitti') });
    expect(byReason.status).toBe(403);
    expect((await refusalsOf(physio.fhirUser, patient)).some((e) => /consultation/.test(e.outcomeDesc))).toBe(true);
    expect(await countNonAudit(server)).toBe(before);
  });
});

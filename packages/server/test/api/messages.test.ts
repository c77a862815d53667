/**
 * Secure messages end to end on both back-ends: a resident writes to a service with an
 * attachment, the message becomes a contact in that service's queue (channel message, a deadline
 * in working days), the nurse opens it (read status), answers with $resolve, the resident is
 * e-mailed that a message waits (never its words), reads and replies in the thread. Access:
 * another resident never sees the thread, a professional without a relationship is refused
 * and audited, a social-welfare message is in the social register. Attachments are checked by
 * content and size. Danger words raise the urgency at once. Bad input changes nothing.
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from '../support/smtpSink';
import { startTestServer, type TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit } from './backends';
import { DEMO_IDS } from '../../src/demo/demoRegion';

type Session = { token: string; fhirUser: string };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
const HTML = Buffer.from('<html><script>alert("x")</script></html>');
// Thursday 3 December 2026, 10:00 in Helsinki: two working days on is Monday 7 December.
const CLOCK = new Date('2026-12-03T10:00:00+02:00');
const MONDAY_END = '2026-12-07T21:59:59.999Z';
const SERVICE = DEMO_IDS.services.primaryCareKokkola;
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const input = (task: any, code: string) => task.input.find((i: any) => i.type.coding[0].code === code);
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe.each(BACKENDS)('secure messages on %s', (backend) => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let resident: Session;
  let parent: Session;
  let guidance: Session;
  let physio: Session;
  let social: Session;
  let admin: Session;
  let stranger: Session;
  let firstMessage = '';
  let firstTask = '';
  let attachment = '';

  const upload = (as: Session, body: Buffer, type: string) =>
    fetch(`${server.url}/fhir/R4/Binary`, { method: 'POST', headers: { authorization: `Bearer ${as.token}`, 'content-type': type }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as any, headers: r.headers }));
  const download = (as: Session, id: string) => fetch(`${server.url}/fhir/R4/Binary/${id}`, { headers: { authorization: `Bearer ${as.token}` } });
  const write = (as: Session, body: Record<string, unknown>) => server.call('POST', '/fhir/R4/Communication', { token: as.token, body: { resourceType: 'Communication', status: 'completed', ...body } });
  const text = (t: string) => [{ contentString: t }];
  const attachmentRows = async () => Number((await server.ovi.services.db.query<{ n: string }>('SELECT count(*) AS n FROM message_attachment')).rows[0]?.n);
  const queue = (as: Session, query = 'channel=message') => server.call('GET', `/api/guidance/queue?${query}`, { token: as.token });
  const refusalsOf = async (user: string) =>
    (await server.ovi.services.db.query<{ content: any }>(`SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->'agent'->0->'who'->>'reference' = $1 AND content->>'outcome' <> '0'`, [user])).rows.map((r) => r.content);

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, { smtpUrl: smtp.url, clockStart: CLOCK });
    // A nurse of the other station: no relationship with the resident at any point of this suite.
    await server.ovi.services.accounts.upsert({ username: 'kannus', password: 'demo', roles: ['professional'], fhirUser: 'Practitioner/pr-marjo-hakala', name: 'Marjo Hakala' });
    [resident, parent, guidance, physio, social, admin, stranger] = (await Promise.all(['resident', 'parent', 'guidance', 'physio', 'social', 'admin', 'kannus'].map((u) => server.login(u)))) as Session[] as [Session, Session, Session, Session, Session, Session, Session];
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('lists whom a resident may write to: their station team, its professionals and the services', async () => {
    const r = await server.call('GET', '/api/messages/recipients', { token: resident.token });
    expect(r.status).toBe(200);
    const refs = r.body.recipients.map((x: any) => x.reference);
    expect(refs).toContain(DEMO_IDS.teams.kokkola);
    expect(refs).toContain(DEMO_IDS.physician);
    expect(refs).toContain(SERVICE);
    expect(refs).not.toContain(DEMO_IDS.teams.kannus);
    expect((await server.call('GET', '/api/messages/recipients?subject=Patient/p-irma-makela', { token: resident.token })).status).toBe(200);
    expect((await server.call('GET', `/api/messages/recipients?subject=${resident.fhirUser}`, { token: parent.token })).status).toBe(404);
    expect((await server.call('GET', '/api/messages/recipients?x=1', { token: resident.token })).status).toBe(400);
    expect((await server.call('GET', '/api/messages/recipients', { token: guidance.token })).status).toBe(403);
  });

  it('lists Binary and Communication $read in the CapabilityStatement', async () => {
    const types = (await server.call('GET', '/fhir/R4/metadata')).body.rest[0].resource;
    expect(types.find((t: any) => t.type === 'Binary').interaction.map((i: any) => i.code)).toEqual(['create', 'read']);
    expect(types.find((t: any) => t.type === 'Communication').operation.map((o: any) => o.name)).toContain('read');
  });

  it('takes a PNG upload, readable only by its uploader until a message carries it', async () => {
    const up = await upload(resident, PNG, 'image/png');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ resourceType: 'Binary', contentType: 'image/png' });
    expect(up.body.securityContext).toBeUndefined();
    attachment = up.body.id;
    const own = await download(resident, attachment);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/png');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await own.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await download(parent, attachment)).status).toBe(404);
    expect((await download(guidance, attachment)).status).toBe(404);
  });

  it('refuses wrong, disguised and oversized files (415/413) and stores nothing', async () => {
    const before = await attachmentRows();
    expect((await upload(resident, HTML, 'text/html')).status).toBe(415);
    const disguised = await upload(resident, HTML, 'image/jpeg');
    expect(disguised.status).toBe(415);
    expect(disguised.body.resourceType).toBe('OperationOutcome');
    expect((await upload(resident, PNG, 'image/jpeg')).status).toBe(415);
    expect((await upload(resident, PDF, 'application/json')).status).toBe(415);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    PNG.copy(big);
    expect((await upload(resident, big, 'image/png')).status).toBe(413);
    expect((await upload(resident, Buffer.alloc(0), 'image/png')).status).toBe(400);
    expect((await fetch(`${server.url}/fhir/R4/Binary`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG })).status).toBe(401);
    expect((await upload(admin, PNG, 'image/png')).status).toBe(403);
    expect(await attachmentRows()).toBe(before);
  });

  it('makes a new message a contact in the service queue with a deadline two working days on', async () => {
    const sent = await write(resident, {
      subject: { reference: resident.fhirUser },
      recipient: [{ reference: SERVICE }],
      payload: [...text('Hei, ihottuma käsivarressa on levinnyt. Kuva liitteenä.'), { contentAttachment: { url: `Binary/${attachment}`, title: 'ihottuma.png' } }],
    });
    expect(sent.status).toBe(201);
    firstMessage = sent.body.id;
    expect(sent.body.sender.reference).toBe(resident.fhirUser);
    expect(sent.body.payload[1].contentAttachment).toMatchObject({ url: `Binary/${attachment}`, contentType: 'image/png', size: PNG.length, title: 'ihottuma.png' });
    expect(sent.headers.get('x-ovi-urgency')).toBe('non-urgent');
    expect(sent.headers.get('x-ovi-advice')).toBeNull();
    firstTask = (sent.headers.get('x-ovi-task') ?? '').replace('Task/', '');
    const task = (await server.call('GET', `/fhir/R4/Task/${firstTask}`, { token: guidance.token })).body;
    expect(task.code.coding[0].code).toBe('message');
    expect(task.focus.reference).toBe(`Communication/${firstMessage}`);
    expect(task.owner.reference).toBe(SERVICE);
    expect(input(task, 'channel').valueCode).toBe('message');
    expect(input(task, 'contact-mode').valueCoding.code).toBe('R56');
    expect(task.restriction.period.end).toBe(MONDAY_END);

    const q = await queue(guidance);
    expect(q.status).toBe(200);
    const item = q.body.items.find((i: any) => i.taskId === firstTask);
    expect(item).toMatchObject({ channel: 'message', urgency: 'non-urgent', deadline: MONDAY_END });
    // The attachment now belongs to the message: the nurse may read it (audited), the uploader still.
    const seen = await download(guidance, attachment);
    expect(seen.status).toBe(200);
    expect(Buffer.from(await seen.arrayBuffer()).equals(PNG)).toBe(true);
    const json = await fetch(`${server.url}/fhir/R4/Binary/${attachment}`, { headers: { authorization: `Bearer ${guidance.token}`, accept: 'application/fhir+json' } }).then((r) => r.json());
    expect(json).toMatchObject({ resourceType: 'Binary', securityContext: { reference: `Communication/${firstMessage}` }, data: PNG.toString('base64') });
    // Sent once: it cannot be attached to another message.
    const again = await write(resident, { subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: [...text('Uudestaan'), { contentAttachment: { url: `Binary/${attachment}` } }] });
    expect(again.status).toBe(400);
  });

  it('records read status when the recipient opens the message, not when the sender does', async () => {
    const own = await server.call('POST', `/fhir/R4/Communication/${firstMessage}/$read`, { token: resident.token });
    expect(own.status).toBe(200);
    expect(own.body.received).toBeUndefined();
    // A list shown is not an opening.
    const listed = await server.call('GET', `/fhir/R4/Communication?subject=${resident.fhirUser}`, { token: guidance.token });
    expect(listed.body.entry.find((e: any) => e.resource.id === firstMessage).resource.received).toBeUndefined();
    const opened = await server.call('POST', `/fhir/R4/Communication/${firstMessage}/$read`, { token: guidance.token });
    expect(opened.status).toBe(200);
    expect(opened.body.received).toEqual(expect.any(String));
    expect(opened.body.extension.find((e: any) => e.url.endsWith('/message-read-by')).valueReference.reference).toBe(guidance.fhirUser);
    const twice = await server.call('POST', `/fhir/R4/Communication/${firstMessage}/$read`, { token: guidance.token });
    expect(twice.body.received).toBe(opened.body.received);
    expect((await server.call('POST', '/fhir/R4/Communication/nope/$read', { token: guidance.token })).status).toBe(404);
  });

  it('answers with $resolve in the thread, and e-mails the resident that a message waits without its words', async () => {
    const mails = smtp.received.length;
    const resolved = await server.call('POST', `/fhir/R4/Task/${firstTask}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'self-care' }, { name: 'note', valueString: 'Rasvaa ihottumaa hydrokortisonivoiteella viikon ajan.' }),
    });
    expect(resolved.status).toBe(200);
    const thread = await server.call('GET', `/fhir/R4/Communication?subject=${resident.fhirUser}&_count=50`, { token: resident.token });
    const answer = thread.body.entry.map((e: any) => e.resource).find((c: any) => c.inResponseTo?.[0]?.reference === `Communication/${firstMessage}`);
    expect(answer).toBeDefined();
    expect(answer.extension.find((e: any) => e.url.endsWith('/message-thread')).valueReference.reference).toBe(`Communication/${firstMessage}`);
    expect(answer.received).toBeUndefined();
    // Closing the contact also invites a feedback survey, whose e-mail may come first.
    const isMessageMail = (raw: string) => /Subject: .*(viesti|meddelande|message)/i.test(raw);
    await until(() => smtp.received.slice(mails).some((m) => isMessageMail(m.raw)));
    const mail = smtp.received.slice(mails).find((m) => isMessageMail(m.raw));
    const patient = (await server.call('GET', `/fhir/R4/${resident.fhirUser}`, { token: resident.token })).body;
    expect(mail?.to).toEqual([patient.telecom.find((t: any) => t.system === 'email').value]);
    expect(mail?.raw.toLowerCase()).not.toMatch(/hydrokort|ihottum|rasva|vastaanotto|terveysasema/);

    const read = await server.call('POST', `/fhir/R4/Communication/${answer.id}/$read`, { token: resident.token });
    expect(read.body.received).toEqual(expect.any(String));
  });

  it('makes a resident reply to an answered thread a contact again, in the same queue and thread', async () => {
    const answer = (await server.call('GET', `/fhir/R4/Communication?subject=${resident.fhirUser}&_count=50`, { token: resident.token })).body.entry
      .map((e: any) => e.resource)
      .find((c: any) => c.inResponseTo?.[0]?.reference === `Communication/${firstMessage}`);
    const reply = await write(resident, { subject: { reference: resident.fhirUser }, inResponseTo: [{ reference: `Communication/${answer.id}` }], payload: text('Kiitos, entä jos ei parane?') });
    expect(reply.status).toBe(201);
    expect(reply.body.recipient[0].reference).toBe(SERVICE);
    expect(reply.body.extension[0].valueReference.reference).toBe(`Communication/${firstMessage}`);
    const task = (await server.call('GET', `/fhir/R4/${reply.headers.get('x-ovi-task')}`, { token: guidance.token })).body;
    expect(task.status).toBe('ready');
    expect(task.focus.reference).toBe(`Communication/${reply.body.id}`);
    expect(input(task, 'message-thread').valueReference.reference).toBe(`Communication/${firstMessage}`);
  });

  it('raises a message with danger words to emergent at once, and a later danger word raises the waiting contact', async () => {
    const urgent = await write(resident, { subject: { reference: resident.fhirUser }, recipient: [{ reference: DEMO_IDS.teams.kokkola }], payload: text('Minulla on nyt puristava kipu rinnassa ja vasen käsi puutuu') });
    expect(urgent.status).toBe(201);
    expect(urgent.headers.get('x-ovi-urgency')).toBe('emergent');
    expect(urgent.headers.get('x-ovi-advice')?.split(',')[0]).toBe('call-112');
    const task = (await server.call('GET', `/fhir/R4/${urgent.headers.get('x-ovi-task')}`, { token: guidance.token, headers: { 'x-access-reason': 'test' } })).body;
    expect(task.priority).toBe('stat');
    expect(input(task, 'raised-by').valueCode).toBe('free-text');

    const calm = await write(resident, { subject: { reference: resident.fhirUser }, recipient: [{ reference: DEMO_IDS.teams.kokkola }], payload: text('Voisinko uusia reseptin?') });
    expect(calm.headers.get('x-ovi-urgency')).toBe('non-urgent');
    const more = await write(resident, { subject: { reference: resident.fhirUser }, inResponseTo: [{ reference: `Communication/${calm.body.id}` }], payload: text('Ja nyt hengitys ei kulje kunnolla, tukehdun') });
    expect(more.status).toBe(201);
    expect(more.headers.get('x-ovi-task')).toBe(calm.headers.get('x-ovi-task'));
    expect(['emergent', 'urgent']).toContain(more.headers.get('x-ovi-urgency'));
    const after = (await server.call('GET', `/fhir/R4/${calm.headers.get('x-ovi-task')}`, { token: guidance.token, headers: { 'x-access-reason': 'test' } })).body;
    expect(input(after, 'urgency').valueCode).toBe(more.headers.get('x-ovi-urgency'));
    expect(Date.parse(after.restriction.period.end)).toBeLessThan(Date.parse(MONDAY_END));
    // A calm word afterwards never lowers it.
    const calmAgain = await write(resident, { subject: { reference: resident.fhirUser }, inResponseTo: [{ reference: `Communication/${calm.body.id}` }], payload: text('Kiitos') });
    expect(calmAgain.headers.get('x-ovi-urgency')).toBe(more.headers.get('x-ovi-urgency'));
  });

  it('never shows a thread to another resident', async () => {
    expect((await server.call('GET', `/fhir/R4/Communication/${firstMessage}`, { token: parent.token })).status).toBe(404);
    const searched = await server.call('GET', `/fhir/R4/Communication?subject=${resident.fhirUser}`, { token: parent.token });
    expect((searched.body.entry ?? []).some((e: any) => e.resource.subject.reference === resident.fhirUser)).toBe(false);
    expect((await server.call('POST', `/fhir/R4/Communication/${firstMessage}/$read`, { token: parent.token })).status).toBe(404);
    expect((await download(parent, attachment)).status).toBe(404);
    const before = await countNonAudit(server);
    // Writing into someone else's thread, about oneself or about them.
    const intoOther = await write(parent, { subject: { reference: parent.fhirUser }, inResponseTo: [{ reference: `Communication/${firstMessage}` }], payload: text('Hei') });
    expect(intoOther.status).toBe(400);
    expect((await write(parent, { subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: text('Hei') })).status).toBe(404);
    // Another resident's unsent upload cannot be attached.
    const theirs = (await upload(parent, PDF, 'application/pdf')).body.id;
    expect((await download(resident, theirs)).status).toBe(404);
    expect((await write(resident, { subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: [...text('Liite'), { contentAttachment: { url: `Binary/${theirs}` } }] })).status).toBe(400);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('refuses a professional without a relationship (403) and audits the refusal', async () => {
    const before = (await refusalsOf(stranger.fhirUser)).length;
    const read = await server.call('GET', `/fhir/R4/Communication/${firstMessage}`, { token: stranger.token });
    expect(read.status).toBe(403);
    expect((await download(stranger, attachment)).status).toBe(403);
    expect((await server.call('POST', `/fhir/R4/Communication/${firstMessage}/$read`, { token: stranger.token })).status).toBe(403);
    const writes = await write(stranger, { subject: { reference: resident.fhirUser }, inResponseTo: [{ reference: `Communication/${firstMessage}` }], payload: text('Hei') });
    expect(writes.status).toBe(403);
    const refusals = await refusalsOf(stranger.fhirUser);
    expect(refusals.length).toBeGreaterThanOrEqual(before + 4);
    expect(refusals.some((a) => a.entity.some((e: any) => e.what?.reference === `Binary/${attachment}`))).toBe(true);
  });

  it('puts a message to the social-welfare service in the social register and its queue', async () => {
    const sent = await write(resident, { subject: { reference: resident.fhirUser }, recipient: [{ reference: DEMO_IDS.services.socialGuidance }], payload: text('Tarvitsisin apua toimeentulotuen hakemiseen.') });
    expect(sent.status).toBe(201);
    expect(sent.body.meta.security).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'social' })]));
    const taskId = sent.headers.get('x-ovi-task') ?? '';
    const seen = await queue(social);
    expect(seen.body.items.map((i: any) => `Task/${i.taskId}`)).toContain(taskId);
    // The health-care guidance nurse has no relationship through this message, and it is not her register.
    expect((await server.call('GET', `/fhir/R4/Communication/${sent.body.id}`, { token: guidance.token })).status).toBe(403);
  });

  it('lets a representative write for the adult who authorised them, and a professional answer', async () => {
    const sent = await write(resident, { subject: { reference: DEMO_IDS.representedPatient }, recipient: [{ reference: DEMO_IDS.teams.kokkola }], payload: text('Kirjoitan Irman puolesta: hän tarvitsisi kotikäynnin.') });
    expect(sent.status).toBe(201);
    expect(sent.body.sender.reference).toBe(DEMO_IDS.representative);
    const physician = await server.login('physician');
    const mails = smtp.received.length;
    const answer = await write(physician, { subject: { reference: DEMO_IDS.representedPatient }, inResponseTo: [{ reference: `Communication/${sent.body.id}` }], payload: text('Soitan teille huomenna.') });
    expect(answer.status).toBe(201);
    expect(answer.body.recipient[0].reference).toBe(DEMO_IDS.representedPatient);
    expect(answer.headers.get('x-ovi-task')).toBeNull();
    await until(() => smtp.received.length > mails);
    const aino = (await server.call('GET', `/fhir/R4/${resident.fhirUser}`, { token: resident.token })).body;
    expect(smtp.received.slice(mails).flatMap((m) => m.to)).toContain(aino.telecom.find((t: any) => t.system === 'email').value);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await countNonAudit(server);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ recipient: [{ reference: SERVICE }], payload: text('Ei kohdetta') }, 400],
      [{ subject: { reference: resident.fhirUser }, payload: text('Ei vastaanottajaa') }, 400],
      [{ subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: text('   ') }, 400],
      [{ subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: text('x'.repeat(4001)) }, 400],
      [{ subject: { reference: resident.fhirUser }, recipient: [{ reference: 'Organization/ovi-county' }], payload: text('Hei') }, 400],
      [{ subject: { reference: resident.fhirUser }, recipient: [{ reference: DEMO_IDS.teams.kannus }], payload: text('Väärä tiimi') }, 400],
      [{ subject: { reference: resident.fhirUser }, recipient: [{ reference: 'HealthcareService/nope' }], payload: text('Ei ole') }, 400],
      [{ subject: { reference: resident.fhirUser }, inResponseTo: [{ reference: 'Communication/nope' }], payload: text('Ei ole') }, 400],
      [{ subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: [...text('Liite'), { contentAttachment: { url: 'Binary/nope' } }] }, 400],
      [{ subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: text('Hei'), status: 'preparation' }, 400],
      [{ subject: { reference: 'Patient/nope' }, recipient: [{ reference: SERVICE }], payload: text('Hei') }, 404],
      [{ subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: [{ contentString: 5 }] }, 400],
    ];
    for (const [body, status] of cases) {
      const r = await write(resident, body);
      expect([r.status, JSON.stringify(body).slice(0, 120)]).toEqual([status, JSON.stringify(body).slice(0, 120)]);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect((await server.call('POST', '/fhir/R4/Communication', { token: resident.token, raw: 'not json', headers: { 'content-type': 'application/fhir+json' } })).status).toBe(400);
    expect((await server.call('POST', '/fhir/R4/Communication', { token: resident.token, raw: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await write(admin, { subject: { reference: resident.fhirUser }, recipient: [{ reference: SERVICE }], payload: text('Hei') })).status).toBe(403);
    expect((await server.call('PUT', `/fhir/R4/Communication/${firstMessage}`, { token: resident.token, body: { resourceType: 'Communication', id: firstMessage, status: 'completed' } })).status).toBe(405);
    expect((await server.call('GET', '/fhir/R4/Binary/bad%20id', { token: resident.token })).status).toBe(400);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('takes the reply deadline from configuration', async () => {
    expect((await server.call('GET', '/api/admin/message-settings', { token: admin.token })).body).toMatchObject({ replyWorkingDays: 2 });
    for (const bad of [{ replyWorkingDays: 0 }, { replyWorkingDays: 'two' }, { other: 1 }, []]) {
      expect((await server.call('PUT', '/api/admin/message-settings', { token: admin.token, body: bad })).status).toBe(400);
    }
    expect((await server.call('PUT', '/api/admin/message-settings', { token: resident.token, body: { replyWorkingDays: 5 } })).status).toBe(403);
    expect((await server.call('PUT', '/api/admin/message-settings', { token: admin.token, body: { replyWorkingDays: 1 } })).status).toBe(200);
    const sent = await write(resident, { subject: { reference: resident.fhirUser }, recipient: [{ reference: DEMO_IDS.services.physiotherapy }], payload: text('Saisinko jumppaohjeet?') });
    const task = (await server.call('GET', `/fhir/R4/${sent.headers.get('x-ovi-task')}`, { token: physio.token })).body;
    // Thursday + one working day: Friday 4 December, end of day.
    expect(task.restriction.period.end).toBe('2026-12-04T21:59:59.999Z');
  });
});

/**
 * The live chat end to end on both back-ends: the services open now without logging in; an
 * anonymous and a logged-in chat; bad input refused with nothing changed; the socket refusing
 * wrong keys; messages, typing and the danger-word net over real sockets; two professionals
 * taking at once; the chat closed as a contact with an outcome, its transcript and survey;
 * and a service closing with people still queued.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit } from './backends';
import { connectChat, refusedWith, type ChatClient } from '../support/chatClient';

type Session = { token: string; fhirUser: string };
// Tuesday 1 December 2026, 10:00 in Helsinki: every demo chat service is open.
const CLOCK = new Date('2026-12-01T10:00:00+02:00');
const JSON_HEADERS = { 'content-type': 'application/json' };
const input = (task: any, code: string) => task.input.find((i: any) => i.type.coding[0].code === code);

describe.each(BACKENDS)('live chat on %s', (backend) => {
  let server: TestServer;
  let guidance: Session;
  let physician: Session;
  let social: Session;
  let resident: Session;
  let admin: Session;
  const sockets: ChatClient[] = [];
  let chatsCountedBefore = 0;
  const chatsCounted = async () => (await server.call('GET', '/api/guidance/stats', { token: (await server.login('manager')).token })).body.byChannel.chat as number | null;

  const open = (body: unknown, token?: string) => server.call('POST', '/api/chat', { body, headers: JSON_HEADERS, ...(token ? { token } : {}) });
  const next = (who: Session, service: string) => server.call('POST', '/api/chat/next', { token: who.token, body: { service }, headers: JSON_HEADERS });
  const close = (who: Session, id: string, body: unknown) => server.call('POST', `/api/chat/${id}/close`, { token: who.token, body, headers: JSON_HEADERS });
  const join = async (id: string, query: Record<string, string>) => {
    const client = await connectChat(server.url, id, query);
    sockets.push(client);
    return client;
  };
  const chatRows = async () => Number((await server.ovi.services.db.query<{ n: string }>('SELECT count(*) AS n FROM chat_session')).rows[0]?.n);
  const task = async (id: string) => (await server.call('GET', `/fhir/R4/Task/${id}`, { token: guidance.token })).body;
  const taskOf = async (chatId: string) => (await server.ovi.services.db.query<{ task_id: string }>('SELECT task_id FROM chat_session WHERE id = $1', [chatId])).rows[0]!.task_id;
  /** Takes whatever waits in a service, so each test starts from an empty queue. */
  const drain = async (service: string) => {
    for (;;) {
      const r = await next(guidance, service);
      if (!r.body.chat) return;
    }
  };

  beforeAll(async () => {
    server = await startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, { clockStart: CLOCK });
    [guidance, physician, social, resident, admin] = (await Promise.all(['guidance', 'physician', 'social', 'resident', 'admin'].map((u) => server.login(u)))) as Session[] as [Session, Session, Session, Session, Session];
    chatsCountedBefore = (await chatsCounted()) ?? 0;
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
  });

  it('lists the services, open now and their queues, without logging in', async () => {
    const r = await server.call('GET', '/api/chat/services');
    expect(r.status).toBe(200);
    expect(r.body.services.map((s: any) => [s.id, s.open, s.register])).toEqual([
      ['health-guidance', true, 'health'],
      ['social-counselling', true, 'social'],
      ['family-centre', true, 'health'],
    ]);
    expect(r.body.services.every((s: any) => typeof s.queue === 'number')).toBe(true);
  });

  it('opens an anonymous chat as a contact of its own record, channel chat, Hilmo R52', async () => {
    await drain('family-centre');
    const r = await open({ service: 'family-centre', topic: 'Vauvan unirytmi' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ position: 1, service: 'family-centre', anonymous: true, advice: [] });
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const t = await task(await taskOf(r.body.id));
    expect(t).toMatchObject({ status: 'ready', code: { coding: [{ code: 'client-guidance' }] } });
    expect(input(t, 'channel').valueCode).toBe('chat');
    expect(input(t, 'contact-mode').valueCoding.code).toBe('R52');
    expect(t.for.reference).not.toBe(resident.fhirUser);
    expect(t.for.display).toBe('Nimetön chat-asiakas');
    const services = await server.call('GET', '/api/chat/services');
    expect(services.body.services.find((s: any) => s.id === 'family-centre').queue).toBe(1);
    const second = await open({ service: 'family-centre', topic: 'Toinen kysymys' });
    expect(second.body.position).toBe(2);
  });

  it('refuses bad openings with a clear 4xx and changes nothing', async () => {
    const before = [await countNonAudit(server), await chatRows()];
    const cases: Array<[unknown, number, string?]> = [
      [{ service: 'dental', topic: 'x' }, 400],
      [{ service: 'health-guidance' }, 400],
      [{ service: 'health-guidance', topic: 'x'.repeat(201) }, 400],
      [{ service: 5, topic: 'x' }, 400],
      [{ service: 'health-guidance', topic: 'x', patient: 'Patient/1' }, 400],
      [[], 400],
    ];
    for (const [body, status] of cases) {
      const r = await open(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect((await open({ service: 'health-guidance', topic: 'x' }, guidance.token)).status).toBe(403);
    expect((await open({ service: 'health-guidance', topic: 'x' }, 'not-a-token')).status).toBe(401);
    expect([await countNonAudit(server), await chatRows()]).toEqual(before);
  });

  it('refuses a closed service (409, with when it opens) and keeps the admin settings validated', async () => {
    const current = (await server.call('GET', '/api/admin/chat-settings', { token: admin.token })).body;
    const night = { id: 'night-line', label: { fi: 'Yölinja', sv: 'Nattlinje', en: 'Night line' }, service: 'primary-care', profession: 'nurse', weekly: { sun: [{ from: '22:00', to: '24:00' }] }, closedOnPublicHolidays: false };
    expect((await server.call('PUT', '/api/admin/chat-settings', { token: admin.token, body: { ...current, services: [...current.services, { ...night, weekly: { sun: [{ from: '25:00', to: '24:00' }] } }] }, headers: JSON_HEADERS })).status).toBe(400);
    expect((await server.call('PUT', '/api/admin/chat-settings', { token: guidance.token, body: current, headers: JSON_HEADERS })).status).toBe(403);
    expect((await server.call('PUT', '/api/admin/chat-settings', { token: admin.token, body: { ...current, services: [...current.services, night] }, headers: JSON_HEADERS })).status).toBe(200);
    const before = [await countNonAudit(server), await chatRows()];
    const r = await open({ service: 'night-line', topic: 'Kysymys' });
    expect(r.status).toBe(409);
    expect(r.body.issue[0].diagnostics).toMatch(/closed now; it opens at 2026-12-06T20:00:00.000Z/);
    expect([await countNonAudit(server), await chatRows()]).toEqual(before);
  });

  it('lets only the chat token or the professional who took it onto the socket', async () => {
    await drain('health-guidance');
    const mine = (await open({ service: 'health-guidance', topic: 'Rokotukset' })).body;
    const other = (await open({ service: 'health-guidance', topic: 'Toinen asia' })).body;
    expect(await refusedWith(connectChat(server.url, mine.id, {}))).toBe(401);
    expect(await refusedWith(connectChat(server.url, mine.id, { token: other.token }))).toBe(403);
    expect(await refusedWith(connectChat(server.url, mine.id, { token: 'x'.repeat(43) }))).toBe(403);
    expect(await refusedWith(connectChat(server.url, '00000000-0000-4000-8000-000000000000', { token: mine.token }))).toBe(404);
    expect(await refusedWith(connectChat(server.url, 'not-a-uuid', { token: mine.token }))).toBe(404);
    // Nobody has taken it yet: no professional may join.
    expect(await refusedWith(connectChat(server.url, mine.id, { access_token: guidance.token }))).toBe(403);
    const taken = await next(guidance, 'health-guidance');
    expect(taken.body.chat.id).toBe(mine.id);
    expect(await refusedWith(connectChat(server.url, mine.id, { access_token: physician.token }))).toBe(403);
    expect(await refusedWith(connectChat(server.url, mine.id, { access_token: resident.token }))).toBe(403);
    expect(await refusedWith(connectChat(server.url, mine.id, { access_token: guidance.token }))).toBe(101);
    // Another professional may not close it; nor with a bad body; nothing changes.
    expect((await close(physician, mine.id, { outcome: 'solved', note: 'x' })).status).toBe(403);
    expect((await close(guidance, mine.id, { outcome: 'routed', note: 'x' })).status).toBe(400);
    expect((await close(guidance, mine.id, { outcome: 'solved' })).status).toBe(400);
    expect((await close(guidance, 'not-a-uuid', { outcome: 'solved', note: 'x' })).status).toBe(404);
    expect((await task(taken.body.chat.taskId)).status).toBe('in-progress');
    await drain('health-guidance');
  });

  it('carries messages and typing both ways, raises a danger word at once, and closes as a contact', async () => {
    await drain('health-guidance');
    const opened = (await open({ service: 'health-guidance', topic: 'Lapsen kuume' }, resident.token)).body;
    expect(opened.anonymous).toBe(false);
    const me = await join(opened.id, { token: opened.token });
    expect((await me.next((f) => f.type === 'queue')).position).toBe(1);
    await me.next((f) => f.type === 'message' && f.text === 'Lapsen kuume', 'topic in history');

    const taken = (await next(guidance, 'health-guidance')).body.chat;
    expect(taken).toMatchObject({ id: opened.id, service: 'health-guidance', anonymous: false, topic: 'Lapsen kuume' });
    expect((await me.next((f) => f.type === 'joined')).name).toBe('Hanna Hoitaja');
    const nurse = await join(opened.id, { access_token: guidance.token });
    await nurse.next((f) => f.type === 'message' && f.text === 'Lapsen kuume', 'history for the professional');

    me.send({ type: 'typing' });
    expect(await nurse.next((f) => f.type === 'typing')).toEqual({ type: 'typing', from: 'resident' });
    me.send({ type: 'message', text: 'Kuumetta on 39 astetta.' });
    expect(await nurse.next((f) => f.type === 'message' && f.from === 'resident' && f.text === 'Kuumetta on 39 astetta.')).toBeDefined();
    nurse.send({ type: 'message', text: 'Juoko lapsi normaalisti?' });
    const answer = await me.next((f) => f.type === 'message' && f.from === 'professional');
    expect(answer).toMatchObject({ text: 'Juoko lapsi normaalisti?' });
    // The professional's line is audited, naming the client.
    const audited = await server.ovi.services.db.query("SELECT 1 FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE $1", [`%Communication/${answer.id}%`]);
    expect(audited.rows).toHaveLength(1);

    // Bad frames: an error frame to the sender only, nothing stored.
    const before = await countNonAudit(server);
    me.send({ type: 'message', text: 'x'.repeat(2001) });
    expect((await me.next((f) => f.type === 'error')).text).toMatch(/longer than 2000/);
    me.sendRaw('not json');
    expect((await me.next((f) => f.type === 'error')).text).toBe('A frame must be JSON');
    me.send({ type: 'closed' });
    await me.next((f) => f.type === 'error');
    expect(await countNonAudit(server)).toBe(before);

    me.send({ type: 'message', text: 'Nyt minulla itselläni on puristava kipu rinnassa' });
    const advice = await me.next((f) => f.type === 'advice');
    expect(advice.advice[0]).toBe('call-112');
    const flag = await nurse.next((f) => f.type === 'flagged');
    expect(flag.urgency).toBe('emergent');
    const raised = await task(taken.taskId);
    expect(input(raised, 'urgency').valueCode).toBe('emergent');
    expect(raised.priority).toBe('stat');

    const closed = await close(guidance, opened.id, { outcome: 'solved', note: 'Soita 112, jos kipu jatkuu.' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(await me.next((f) => f.type === 'closed')).toMatchObject({ outcome: 'solved', note: 'Soita 112, jos kipu jatkuu.' });
    await nurse.next((f) => f.type === 'closed');
    expect(await me.closed).toBe(1000);
    const done = await task(taken.taskId);
    expect(done).toMatchObject({ status: 'completed', businessStatus: { coding: [{ code: 'solved' }] } });
    expect(input(done, 'channel').valueCode).toBe('chat');
    expect((await close(guidance, opened.id, { outcome: 'solved', note: 'again' })).status).toBe(409);

    // The resident reads the transcript afterwards; another resident and the anonymous side cannot.
    const transcript = await server.call('GET', `/api/chat/${opened.id}/transcript`, { token: resident.token });
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages.map((m: any) => [m.from, m.text])).toEqual([
      ['resident', 'Lapsen kuume'],
      ['resident', 'Kuumetta on 39 astetta.'],
      ['professional', 'Juoko lapsi normaalisti?'],
      ['resident', 'Nyt minulla itselläni on puristava kipu rinnassa'],
      ['professional', 'Soita 112, jos kipu jatkuu.'],
    ]);
    const mine = await server.call('GET', '/api/chat/mine', { token: resident.token });
    expect(mine.body.chats.map((c: any) => c.id)).toContain(opened.id);
    const parent = await server.login('parent');
    expect([403, 404]).toContain((await server.call('GET', `/api/chat/${opened.id}/transcript`, { token: parent.token })).status);
    // A closed chat is a closed contact: the survey is waiting for the resident.
    const invitation = await server.ovi.services.db.query<{ n: string }>('SELECT count(*) AS n FROM feedback_invitation WHERE visit = $1', [`Task/${taken.taskId}`]);
    expect(Number(invitation.rows[0]?.n)).toBe(1);
    expect(await refusedWith(connectChat(server.url, opened.id, { token: opened.token }))).toBe(409);
  });

  it('gives two professionals taking at once two different chats, and nobody the same twice', async () => {
    await drain('health-guidance');
    const a = (await open({ service: 'health-guidance', topic: 'Ensimmäinen' })).body;
    const b = (await open({ service: 'health-guidance', topic: 'Toinen' })).body;
    const [one, two] = await Promise.all([next(guidance, 'health-guidance'), next(physician, 'health-guidance')]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect([one.body.chat.id, two.body.chat.id].sort()).toEqual([a.id, b.id].sort());
    expect((await next(guidance, 'health-guidance')).body.chat).toBeNull();
    // A social-welfare chat needs a social-welfare professional; an unknown service is refused.
    expect((await next(physician, 'social-counselling')).status).toBe(403);
    expect((await next(social, 'social-counselling')).status).toBe(200);
    expect((await next(guidance, 'nonsense')).status).toBe(400);
    expect((await next(resident, 'health-guidance')).status).toBe(403);
  });

  it('puts a chat whose message holds danger words ahead in the queue, and tells the others their place', async () => {
    await drain('family-centre');
    const calm = (await open({ service: 'family-centre', topic: 'Imetys' })).body;
    const worried = (await open({ service: 'family-centre', topic: 'Neuvola-aika' })).body;
    const calmSocket = await join(calm.id, { token: calm.token });
    await calmSocket.next((f) => f.type === 'queue' && f.position === 1);
    const worriedSocket = await join(worried.id, { token: worried.token });
    await worriedSocket.next((f) => f.type === 'queue' && f.position === 2);
    worriedSocket.send({ type: 'message', text: 'Vauva ei hengitä kunnolla, huulet sinisenä' });
    await worriedSocket.next((f) => f.type === 'advice');
    await worriedSocket.next((f) => f.type === 'queue' && f.position === 1, 'moved ahead');
    await calmSocket.next((f) => f.type === 'queue' && f.position === 2, 'moved back');
    expect((await next(guidance, 'family-centre')).body.chat.id).toBe(worried.id);
    await calmSocket.next((f) => f.type === 'queue' && f.position === 1, 'next again');
  });

  it('lets a resident leave the queue (the others move up), and tells the professional when a taken chat is left', async () => {
    await drain('family-centre');
    const first = (await open({ service: 'family-centre', topic: 'Ensimmäisenä' })).body;
    const second = (await open({ service: 'family-centre', topic: 'Toisena' })).body;
    const behind = await join(second.id, { token: second.token });
    await behind.next((f) => f.type === 'queue' && f.position === 2);
    const leave = (id: string, body: unknown) => server.call('POST', `/api/chat/${id}/leave`, { body, headers: JSON_HEADERS });
    const before = [await countNonAudit(server), await chatRows()];
    expect((await leave(first.id, { token: second.token })).status).toBe(403);
    expect((await leave(first.id, {})).status).toBe(400);
    expect((await leave(first.id, { token: first.token, extra: 1 })).status).toBe(400);
    expect((await leave('00000000-0000-4000-8000-000000000000', { token: first.token })).status).toBe(404);
    expect([await countNonAudit(server), await chatRows()]).toEqual(before);
    expect((await leave(first.id, { token: first.token })).status).toBe(200);
    await behind.next((f) => f.type === 'queue' && f.position === 1, 'moved up');
    expect((await server.ovi.services.store.read<any>('Task', await taskOf(first.id))).status).toBe('cancelled');
    expect((await leave(first.id, { token: first.token })).status).toBe(409);

    const taken = (await next(guidance, 'family-centre')).body.chat;
    expect(taken.id).toBe(second.id);
    const nurse = await join(second.id, { access_token: guidance.token });
    expect((await leave(second.id, { token: second.token })).status).toBe(200);
    await nurse.next((f) => f.type === 'left');
    expect((await close(guidance, second.id, { outcome: 'solved', note: 'Asiakas poistui.' })).status).toBe(200);
  });

  it('when a service closes with people queued, tells them and keeps a logged-in resident’s contact for an answer', async () => {
    await drain('social-counselling');
    await drain('family-centre'); // also closed at 16:00
    const anonymous = (await open({ service: 'social-counselling', topic: 'Toimeentulotuki' })).body;
    const known = (await open({ service: 'social-counselling', topic: 'Asumisen tuki' }, resident.token)).body;
    const a = await join(anonymous.id, { token: anonymous.token });
    const k = await join(known.id, { token: known.token });
    await a.next((f) => f.type === 'queue');
    // 16:00 the same day: social counselling (9–15) has closed.
    const ended = await server.ovi.services.chat!.sweepClosedServices(new Date('2026-12-01T16:00:00+02:00'));
    expect(ended).toBe(2);
    expect(await a.next((f) => f.type === 'service-closed')).toEqual({ type: 'service-closed', kept: false, opensAt: '2026-12-02T07:00:00.000Z' });
    expect(await k.next((f) => f.type === 'service-closed')).toMatchObject({ kept: true });
    // Read from the store: a cancelled guidance contact has left the guidance queue (and its access).
    expect((await server.ovi.services.store.read<any>('Task', await taskOf(anonymous.id))).status).toBe('cancelled');
    const kept = await task(await taskOf(known.id));
    expect(kept.status).toBe('ready');
    expect(input(kept, 'chat-unanswered').valueBoolean).toBe(true);
    expect(await server.ovi.services.chat!.sweepClosedServices(new Date('2026-12-01T16:00:00+02:00'))).toBe(0);
  });

  it('refuses a flood of anonymous chats from one address with 429, and still lets a logged-in resident chat', async () => {
    const current = (await server.call('GET', '/api/admin/chat-settings', { token: admin.token })).body;
    expect((await server.call('PUT', '/api/admin/chat-settings', { token: admin.token, body: { ...current, maxAnonymousPerHour: 1 }, headers: JSON_HEADERS })).status).toBe(200);
    try {
      const before = [await countNonAudit(server), await chatRows()];
      const flooded = await open({ service: 'health-guidance', topic: 'Taas' });
      expect(flooded.status).toBe(429);
      expect(Number(flooded.headers.get('retry-after'))).toBeGreaterThan(0);
      expect([await countNonAudit(server), await chatRows()]).toEqual(before);
      expect((await open({ service: 'health-guidance', topic: 'Kirjautuneena' }, resident.token)).status).toBe(201);
    } finally {
      await server.call('PUT', '/api/admin/chat-settings', { token: admin.token, body: current, headers: JSON_HEADERS });
    }
  });

  it('counts the chats in the contact figures by channel, like any other contact', async () => {
    // Over a dozen chats were opened above; the figure is rounded and hides groups under five.
    expect(await chatsCounted()).toBeGreaterThan(chatsCountedBefore);
  });
});

/**
 * Two Ovi servers on one PostgreSQL database, as two processes behind a load balancer: the
 * resident's socket is on one, the professional's on the other, and everything crosses
 * (messages, typing, the professional joining, the danger-word advice, the closing) through
 * PostgreSQL LISTEN/NOTIFY, since neither server keeps the other's sockets.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOvi, type Ovi } from '../../src/app';
import { freshPostgresDatabase } from './oviTestServer';
import { connectChat } from '../support/chatClient';
import { RESUME_CLOSE_CODE } from '../../src/chat/chatBus';
import { CHAT_CHANNEL } from '../../src/storage/chatStore';

const CLOCK = new Date('2026-12-01T10:00:00+02:00');

async function serverOn(databaseUrl: string): Promise<{ ovi: Ovi; url: string }> {
  const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl, dataDir: undefined, seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0, clockStart: CLOCK });
  await ovi.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ovi.app.server.address();
  return { ovi, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const r = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: r.status, body: await r.json() };
}

describe('a chat whose two sides are on two servers of one PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let a: { ovi: Ovi; url: string };
  let b: { ovi: Ovi; url: string };

  beforeAll(async () => {
    database = await freshPostgresDatabase(inject('postgresUrl'));
    a = await serverOn(database.url);
    b = await serverOn(database.url);
  }, 120_000);

  afterAll(async () => {
    await a?.ovi.close();
    await b?.ovi.close();
    await database?.drop();
  });

  it('carries every frame across', async () => {
    // The resident opens the chat on A, the nurse takes it on B.
    const opened = (await call(a.url, 'POST', '/api/chat', { service: 'health-guidance', topic: 'Kahden palvelimen chat' })).body;
    const resident = await connectChat(a.url, opened.id, { token: opened.token });
    expect((await resident.next((f) => f.type === 'queue')).position).toBe(1);
    // A second resident on B waits behind; their place changes when the first is taken on B.
    const later = (await call(b.url, 'POST', '/api/chat', { service: 'health-guidance', topic: 'Jonossa toisena' })).body;
    const waiting = await connectChat(a.url, later.id, { token: later.token });
    await waiting.next((f) => f.type === 'queue' && f.position === 2);

    const nurse = (await call(b.url, 'POST', '/auth/login', { username: 'guidance', password: 'demo' })).body.access_token as string;
    const taken = await call(b.url, 'POST', '/api/chat/next', { service: 'health-guidance' }, nurse);
    expect(taken.body.chat.id).toBe(opened.id);
    expect((await resident.next((f) => f.type === 'joined')).name).toBe('Hanna Hoitaja');
    await waiting.next((f) => f.type === 'queue' && f.position === 1, 'moved up on the other server');

    const professional = await connectChat(b.url, opened.id, { access_token: nurse });
    resident.send({ type: 'typing' });
    await professional.next((f) => f.type === 'typing' && f.from === 'resident');
    resident.send({ type: 'message', text: 'Hei palvelimelta A' });
    expect(await professional.next((f) => f.type === 'message' && f.text === 'Hei palvelimelta A')).toMatchObject({ from: 'resident' });
    professional.send({ type: 'message', text: 'Hei palvelimelta B' });
    expect(await resident.next((f) => f.type === 'message' && f.text === 'Hei palvelimelta B')).toMatchObject({ from: 'professional' });
    resident.send({ type: 'message', text: 'Puristava kipu rinnassa' });
    expect((await resident.next((f) => f.type === 'advice')).advice[0]).toBe('call-112');
    await professional.next((f) => f.type === 'flagged' && f.urgency === 'emergent');

    expect((await call(a.url, 'POST', `/api/chat/${opened.id}/close`, { outcome: 'emergency', note: 'Soitimme 112.' }, nurse)).status).toBe(200);
    await resident.next((f) => f.type === 'closed' && f.outcome === 'emergency');
    await professional.next((f) => f.type === 'closed');
    waiting.close();
  });

  it('catches a socket up when its server was deaf for a moment (its LISTEN connection lost)', async () => {
    const opened = (await call(a.url, 'POST', '/api/chat', { service: 'health-guidance', topic: 'Yhteys katkeaa' })).body;
    const resident = await connectChat(a.url, opened.id, { token: opened.token });
    const nurse = (await call(b.url, 'POST', '/auth/login', { username: 'guidance', password: 'demo' })).body.access_token as string;
    // The chat left waiting by the test above is first in the queue: taken (and left) first.
    const taken = [(await call(b.url, 'POST', '/api/chat/next', { service: 'health-guidance' }, nurse)).body.chat.id, (await call(b.url, 'POST', '/api/chat/next', { service: 'health-guidance' }, nurse)).body.chat.id];
    expect(taken).toContain(opened.id);
    await resident.next((f) => f.type === 'joined');
    const professional = await connectChat(b.url, opened.id, { access_token: nurse });

    // Every listening connection of the database is cut (both servers'), and the nurse answers
    // at once: server A hears nothing of it until it listens again.
    const cut = await a.ovi.services.db.query<{ n: string }>('SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE query = $1', [`LISTEN ${CHAT_CHANNEL}`]);
    expect(Number(cut.rows[0]?.n)).toBe(2);
    professional.send({ type: 'message', text: 'Vastaus katkon aikana' });

    // Listening again, A asks its sockets to reconnect; the history then has the answer.
    expect(await resident.closed).toBe(RESUME_CLOSE_CODE);
    const again = await connectChat(a.url, opened.id, { token: opened.token });
    expect(await again.next((f) => f.type === 'message' && f.text === 'Vastaus katkon aikana')).toMatchObject({ from: 'professional' });
    // And the chat goes on live across the two servers.
    expect(await professional.closed).toBe(RESUME_CLOSE_CODE);
    const professionalAgain = await connectChat(b.url, opened.id, { access_token: nurse });
    again.send({ type: 'message', text: 'Kiitos, näkyy nyt' });
    await professionalAgain.next((f) => f.type === 'message' && f.text === 'Kiitos, näkyy nyt');
    again.close();
    professionalAgain.close();
  });
});

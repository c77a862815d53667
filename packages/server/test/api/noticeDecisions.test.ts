/**
 * The social worker acts on a notice, on both back-ends: the same-day urgency assessment and the
 * decision (a child-welfare investigation, LSL 26 §; a service-need assessment, SHL 36 §) are
 * recorded with who and when, audited, sent to nobody; the deadlines then show as met, and a
 * decided notice leaves the open queue. Once only (409); health and guidance staff 404 as on
 * reading; bad input 400 with nothing changed.
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit } from './backends';

type Session = { token: string; fhirUser: string };
// Thursday 3 December 2026, 10:00 in Helsinki.
const CLOCK = new Date('2026-12-03T10:00:00+02:00');
const JSON_HEADERS = { 'content-type': 'application/json' };

describe.each(BACKENDS)('deciding on social notices on %s', (backend) => {
  let server: TestServer;
  let social: Session;
  let physician: Session;
  let guidance: Session;
  let resident: Session;

  const notice = async (body: Record<string, unknown>) => {
    const formToken = (await server.call('GET', '/api/social-notices/form')).body.token as string;
    const r = await server.call('POST', '/api/social-notices', { body: { formToken, ...body }, headers: JSON_HEADERS });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const childNotice = () => notice({ kind: 'child-welfare-notification', about: { name: 'Eetu Esimerkki', birthDate: '2018-04-01' }, reporter: { anonymous: true }, description: 'Lapsi kertoi koulussa, ettei kotona ole ruokaa.' });
  const act = (id: string, step: 'urgency' | 'decision', body: unknown, who: Session = social) =>
    server.call('POST', `/api/social-notices/${id}/${step}`, { token: who.token, body, headers: JSON_HEADERS });
  const queued = async (id: string) => (await server.call('GET', '/api/social-notices', { token: social.token })).body.items.find((i: any) => i.taskId === id);
  const taskOf = async (id: string) => (await server.call('GET', `/fhir/R4/Task/${id}`, { token: social.token })).body;
  const communications = async () => Number((await server.ovi.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'Communication'`)).rows[0]?.n);

  beforeAll(async () => {
    server = await startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, { clockStart: CLOCK });
    [social, physician, guidance, resident] = (await Promise.all(['social', 'physician', 'guidance', 'resident'].map((u) => server.login(u)))) as [Session, Session, Session, Session];
    await server.call('PUT', '/api/admin/help-request-settings', { token: (await server.login('admin')).token, body: { callbackWorkingDays: 1, maxPerAddressPerHour: 100, minFillSeconds: 0 }, headers: JSON_HEADERS });
  });
  afterAll(async () => server?.close());

  it('records the same-day urgency assessment, then the decision to investigate: both met, nothing sent, the notice leaves the queue', async () => {
    const id = await childNotice();
    const messages = await communications();
    const assessed = await act(id, 'urgency', { urgency: 'non-urgent', note: 'Soitettu koululle, lapsi on tänään koulussa.' });
    expect(assessed.status).toBe(200);
    expect(assessed.body).toMatchObject({ taskId: id, status: 'open', urgency: 'non-urgent', assessedBy: 'Jonna Vitikka' });
    expect(assessed.body.deadlines.find((d: any) => d.code === 'urgency-assessment')).toMatchObject({ done: true, met: true });
    // Still open, the assessment shown as met and the decision's limit still counting down.
    const item = await queued(id);
    expect(item.urgency).toBe('non-urgent');
    expect(item.deadlines.find((d: any) => d.code === 'urgency-assessment')).toMatchObject({ done: true, met: true });
    expect(item.deadlines.find((d: any) => d.code === 'investigation-decision').minutesLeft).toBeGreaterThan(0);
    const task = await taskOf(id);
    // The professional decides the urgency; the suggestion (urgent until assessed, LSL 26 §) stays beside it.
    expect(task.input.find((i: any) => i.type.coding[0].code === 'suggested-urgency').valueCode).toBe('urgent');

    const decided = await act(id, 'decision', { decision: 'investigation-started', note: 'Lastensuojelutarpeen selvitys aloitetaan.' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: 'investigation-started', decidedBy: 'Jonna Vitikka' });
    const byCode = Object.fromEntries(decided.body.deadlines.map((d: any) => [d.code, d]));
    expect(byCode['investigation-decision']).toMatchObject({ done: true, met: true });
    expect(byCode['investigation-complete'].done).toBeUndefined();
    expect(await queued(id)).toBeUndefined();
    const done = await taskOf(id);
    expect(done.status).toBe('completed');
    expect(done.businessStatus.coding[0].code).toBe('investigation-started');
    // Nobody is told anything by Ovi: the social worker informs the family as the law allows.
    expect(await communications()).toBe(messages);
    const audits = await server.ovi.services.db.query<{ d: string }>(
      `SELECT content->>'outcomeDesc' AS d FROM resource WHERE resource_type = 'AuditEvent' AND content->'agent'->0->'who'->>'reference' = $1 AND content::text LIKE $2 AND content->>'outcome' = '0'`,
      [social.fhirUser, `%Task/${id}%`],
    );
    expect(audits.rows.map((r) => r.d)).toEqual(expect.arrayContaining(['social-services notice: urgency assessed', 'social-services notice: decision investigation-started']));
  });

  it('decides a social-welfare contact in one step with its urgency; a second decision or assessment is 409 and changes nothing', async () => {
    const id = await notice({ kind: 'social-welfare-contact', about: { name: 'Irma Vanhanen', birthDate: '1940-05-05' }, reporter: { name: 'Pekka Naapuri', phone: '040 765 4321' }, description: 'Naapuri ei ole käynyt kaupassa viikkoon.' });
    const r = await act(id, 'decision', { decision: 'assessment-started', urgency: 'non-urgent' });
    expect(r.status).toBe(200);
    expect(r.body.deadlines.filter((d: any) => d.done).map((d: any) => [d.code, d.met])).toEqual([['urgency-assessment', true], ['assessment-start', true]]);
    const version = (await taskOf(id)).meta.versionId;
    expect((await act(id, 'decision', { decision: 'no-assessment' })).status).toBe(409);
    expect((await act(id, 'urgency', { urgency: 'urgent' })).status).toBe(409);
    expect((await taskOf(id)).meta.versionId).toBe(version);
  });

  it('answers 404 to health and guidance staff and residents, audited, and changes nothing', async () => {
    const id = await childNotice();
    const version = (await taskOf(id)).meta.versionId;
    for (const who of [physician, guidance, resident]) {
      expect((await act(id, 'urgency', { urgency: 'non-urgent' }, who)).status).toBe(404);
      expect((await act(id, 'decision', { decision: 'no-investigation', urgency: 'non-urgent' }, who)).status).toBe(404);
    }
    const refusals = await server.ovi.services.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->'agent'->0->'who'->>'reference' = $1 AND content->>'outcome' <> '0' AND content::text LIKE $2`,
      [physician.fhirUser, `%Task/${id}%`],
    );
    expect(Number(refusals.rows[0]?.n)).toBeGreaterThanOrEqual(2);
    expect((await taskOf(id)).meta.versionId).toBe(version);
    expect(await queued(id)).toBeDefined();
  });

  it('refuses bad input with 400 and nothing changed; an unknown or non-notice task is 404', async () => {
    const id = await childNotice();
    const before = await countNonAudit(server);
    const bad: Array<['urgency' | 'decision', unknown]> = [
      ['urgency', {}],
      ['urgency', { urgency: 'self-care' }],
      ['urgency', { urgency: 3 }],
      ['urgency', { urgency: 'urgent', note: 12 }],
      ['urgency', { urgency: 'urgent', extra: true }],
      ['urgency', []],
      ['decision', { decision: 'assessment-started', urgency: 'urgent' }],
      ['decision', { decision: 'maybe', urgency: 'urgent' }],
      // Not assessed yet: deciding needs the urgency too.
      ['decision', { decision: 'investigation-started' }],
      ['decision', { decision: 'investigation-started', urgency: 'urgent', note: 'x'.repeat(2001) }],
    ];
    for (const [step, body] of bad) {
      const r = await act(id, step, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect((await server.call('POST', '/api/social-notices/not%20an%20id/urgency', { token: social.token, body: { urgency: 'urgent' }, headers: JSON_HEADERS })).status).toBe(400);
    expect((await act('no-such-task', 'urgency', { urgency: 'urgent' })).status).toBe(404);
    expect((await server.call('POST', `/api/social-notices/${id}/urgency`, { body: { urgency: 'urgent' }, headers: JSON_HEADERS })).status).toBe(401);
    expect(await countNonAudit(server)).toBe(before);
    expect((await queued(id)).deadlines.find((d: any) => d.code === 'urgency-assessment').done).toBeUndefined();
  });
});

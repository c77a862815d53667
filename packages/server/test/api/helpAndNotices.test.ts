/**
 * The help button and social-welfare notices end to end on both back-ends: a call-back request
 * without logging in lands in the client-guidance queue with its promise (working days and the
 * queue's hours), channel help-button and Hilmo R52; bad phone numbers, bots (honeypot, too fast,
 * forged token) and floods (429, counted in the database, across two server processes) are
 * refused with nothing stored. Notices of each kind get their legal deadlines; only
 * social-welfare staff know they exist (health staff 404, audited); an anonymous child-welfare
 * notice carries no reporter, a professional's names them.
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit } from './backends';

type Session = { token: string; fhirUser: string };
// Thursday 3 December 2026, 10:00 in Helsinki.
const CLOCK = new Date('2026-12-03T10:00:00+02:00');
const input = (task: any, code: string) => task.input.find((i: any) => i.type.coding[0].code === code);

describe.each(BACKENDS)('help button and social notices on %s', (backend) => {
  let server: TestServer;
  let guidance: Session;
  let social: Session;
  let physician: Session;
  let resident: Session;
  let admin: Session;
  let childTask = '';

  const form = async (path = '/api/help-requests/form') => (await server.call('GET', path)).body.token as string;
  const help = async (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.call('POST', '/api/help-requests', { body: { name: 'Maija Virtanen', phone: '040 123 4567', message: 'Vauva ei nuku, tarvitsisin neuvoa.', bestTime: 'morning', formToken: await form(), ...body }, headers: { 'content-type': 'application/json', ...headers } });
  const notice = async (body: Record<string, unknown>, token?: string) =>
    server.call('POST', '/api/social-notices', { ...(token ? { token } : {}), body: token ? body : { formToken: await form('/api/social-notices/form'), ...body }, headers: { 'content-type': 'application/json' } });
  const settings = (value: Record<string, unknown>) => server.call('PUT', '/api/admin/help-request-settings', { token: admin.token, body: { callbackWorkingDays: 1, maxPerAddressPerHour: 100, minFillSeconds: 0, ...value }, headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    server = await startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, { clockStart: CLOCK });
    [guidance, social, physician, resident, admin] = (await Promise.all(['guidance', 'social', 'physician', 'resident', 'admin'].map((u) => server.login(u)))) as [Session, Session, Session, Session, Session];
    expect((await settings({})).status).toBe(200);
  });
  afterAll(async () => server?.close());

  it('takes a call-back request without logging in: 201 with the promise, a contact in the guidance queue measured like any other', async () => {
    const r = await help({});
    expect(r.status).toBe(201);
    // Thursday → the close of the family-centre queue on Friday (14:00 Helsinki: it closes early on Fridays).
    expect(r.body).toMatchObject({ id: expect.any(String), callbackBy: '2026-12-04T12:00:00.000Z', urgency: 'non-urgent', advice: [] });
    const queue = await server.call('GET', '/api/guidance/queue?channel=help-button', { token: guidance.token });
    const item = queue.body.items.find((i: any) => i.taskId === r.body.id);
    expect(item).toMatchObject({ kind: 'client-guidance', channel: 'help-button', deadline: '2026-12-04T12:00:00.000Z', service: 'family-centre', patient: { name: 'Maija Virtanen' } });
    const task = (await server.call('GET', `/fhir/R4/Task/${r.body.id}`, { token: guidance.token })).body;
    expect(input(task, 'contact-mode').valueCoding.code).toBe('R52');
    expect(input(task, 'callback-phone').valueString).toBe('+358401234567');
    expect(input(task, 'best-time').valueCode).toBe('morning');
    // The nurse records the call and its outcome like any contact.
    const resolved = await server.call('POST', `/fhir/R4/Task/${r.body.id}/$resolve`, {
      token: guidance.token,
      body: { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'Soitettu 4.12., neuvottu unirytmistä.' }] },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.businessStatus.coding[0].code).toBe('solved');
  });

  it('raises a request with danger words at once and tells the caller what to do now', async () => {
    const r = await help({ message: 'Lapsi ei hengitä kunnolla ja huulet ovat siniset' });
    expect(r.status).toBe(201);
    expect(['urgent', 'emergent']).toContain(r.body.urgency);
    expect(r.body.advice.length).toBeGreaterThan(0);
    expect(r.body.notes[0].text.fi).toBeTruthy();
    // The same day: Thursday's evening close (18:00 Helsinki).
    expect(r.body.callbackBy).toBe('2026-12-03T16:00:00.000Z');
  });

  it('refuses a bad phone number, bad fields, a filled honeypot, a forged or missing token: 400 and nothing stored', async () => {
    const before = await countNonAudit(server);
    for (const body of [{ phone: '+46 70 123 4567' }, { phone: '0600 12345' }, { phone: 12 }, { name: '' }, { service: 'dentist' }, { extra: true }, { website: 'http://spam.example' }, { formToken: 'help-request.1.aa.bb' }, { formToken: 5 }]) {
      const r = await help(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect((await server.call('POST', '/api/help-requests', { body: [], headers: { 'content-type': 'application/json' } })).status).toBe(400);
    // A notice form's token does not open the help form.
    expect((await help({ formToken: await form('/api/social-notices/form') })).status).toBe(400);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('refuses a form sent faster than a person fills it in', async () => {
    expect((await settings({ minFillSeconds: 60 })).status).toBe(200);
    const before = await countNonAudit(server);
    const r = await help({});
    expect(r.status).toBe(400);
    expect(r.body.issue[0].diagnostics).toContain('too quickly');
    expect(await countNonAudit(server)).toBe(before);
    expect((await settings({})).status).toBe(200);
  });

  it('allows a set number of requests per address per hour, then 429 with Retry-After', async () => {
    expect((await settings({ maxPerAddressPerHour: 2 })).status).toBe(200);
    const address = { 'x-forwarded-for': '203.0.113.9' }; // not trusted here: the loopback address counts
    await server.ovi.services.db.query('DELETE FROM public_form_address');
    expect((await help({}, address)).status).toBe(201);
    expect((await help({}, address)).status).toBe(201);
    const before = await countNonAudit(server);
    const third = await help({}, address);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await countNonAudit(server)).toBe(before);
    await server.ovi.services.db.query('DELETE FROM public_form_address');
    expect((await settings({})).status).toBe(200);
  });

  it('lets only administrators change the help-request settings, and checks them', async () => {
    expect((await server.call('PUT', '/api/admin/help-request-settings', { token: guidance.token, body: { callbackWorkingDays: 1, maxPerAddressPerHour: 5, minFillSeconds: 3 }, headers: { 'content-type': 'application/json' } })).status).toBe(403);
    expect((await settings({ callbackWorkingDays: 0 })).status).toBe(400);
    expect((await settings({ other: 1 })).status).toBe(400);
    expect((await server.call('GET', '/api/admin/help-request-settings', { token: admin.token })).body.minFillSeconds).toBe(0);
  });

  it('takes an anonymous child-welfare notice with its legal deadlines; the social worker sees it in the queue', async () => {
    const r = await notice({ kind: 'child-welfare-notification', about: { name: 'Eetu Esimerkki', birthDate: '2018-04-01', address: 'Koulukatu 1, Kokkola' }, reporter: { anonymous: true }, description: 'Lapsi on usein yksin kotona myöhään illalla.' });
    expect(r.status).toBe(201);
    childTask = r.body.id;
    expect(r.body.receivedAt.slice(0, 10)).toBe('2026-12-03');
    const due = Object.fromEntries(r.body.deadlines.map((d: any) => [d.code, d.due]));
    expect(due).toEqual({
      'urgency-assessment': '2026-12-03T21:59:59.999Z',
      // Thursday 3.12.: Friday 1, Monday 7.12. is a working day (Independence Day fell on Sunday) … the 7th is Monday 14.12.
      'investigation-decision': '2026-12-14T21:59:59.999Z',
      'investigation-complete': '2027-03-03T21:59:59.999Z',
    });
    expect(r.body.deadlines.every((d: any) => d.source.startsWith('LSL'))).toBe(true);
    const list = await server.call('GET', '/api/social-notices', { token: social.token });
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: any) => i.taskId === childTask);
    // The default danger words take a small child left alone at home as emergent; the sender was told where to turn at once.
    expect(r.body.urgency).toBe('emergent');
    expect(r.body.advice.length).toBeGreaterThan(0);
    expect(item.dangerWords).toEqual(['Lapsi on usein yksin kotona']);
    expect(item).toMatchObject({ kind: 'child-welfare-notification', urgency: 'emergent', reporter: { anonymous: true }, patient: { name: 'Eetu Esimerkki' }, deadline: '2026-12-14T21:59:59.999Z' });
    expect(item.deadlines.find((d: any) => d.code === 'investigation-decision').minutesLeft).toBeGreaterThan(0);
    const queue = await server.call('GET', '/api/guidance/queue?channel=concern', { token: social.token });
    expect(queue.body.items.find((i: any) => i.taskId === childTask)).toMatchObject({ legalDeadline: '2026-12-14T21:59:59.999Z', assessmentDue: '2026-12-03T21:59:59.999Z' });
    const task = (await server.call('GET', `/fhir/R4/Task/${childTask}`, { token: social.token })).body;
    expect(task.meta.security.find((s: any) => s.code === 'social')).toBeTruthy();
    expect(input(task, 'contact-mode').valueCoding.code).toBe('R56');
  });

  it('hides notices from health staff and guidance staff (404, audited), from searches, and from the notice list', async () => {
    for (const who of [physician, guidance]) {
      const r = await server.call('GET', `/fhir/R4/Task/${childTask}`, { token: who.token, headers: { 'x-access-reason': encodeURIComponent('asiakas soitti') } });
      expect(r.status).toBe(404);
      const refusals = await server.ovi.services.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->'agent'->0->'who'->>'reference' = $1 AND content->>'outcome' <> '0' AND content::text LIKE $2`,
        [who.fhirUser, `%Task/${childTask}%`],
      );
      expect(Number(refusals.rows[0]?.n)).toBeGreaterThan(0);
    }
    const task = (await server.call('GET', `/fhir/R4/Task/${childTask}`, { token: social.token })).body;
    const search = await server.call('GET', `/fhir/R4/Task?patient=${task.for.reference}`, { token: physician.token, headers: { 'x-access-reason': encodeURIComponent('asiakas soitti') } });
    expect(search.status).toBe(200);
    expect((search.body.entry ?? []).length).toBe(0);
    expect((await server.call('GET', '/api/social-notices', { token: physician.token })).status).toBe(403);
    expect((await server.call('GET', '/api/social-notices', { token: resident.token })).status).toBe(403);
  });

  it("names a professional's notice by their account; a professional cannot notify anonymously", async () => {
    const r = await notice({ kind: 'child-welfare-notification', about: { name: 'Lotta Lapsi', birthDate: '2015-02-02' }, reporter: { organisation: 'Kokkolan terveysasema' }, description: 'Lapsella toistuvia mustelmia.' }, physician.token);
    expect(r.status).toBe(201);
    const item = (await server.call('GET', '/api/social-notices', { token: social.token })).body.items.find((i: any) => i.taskId === r.body.id);
    expect(item.reporter).toMatchObject({ anonymous: false, name: 'Mikko Rautio', professional: true, organisation: 'Kokkolan terveysasema' });
    const before = await countNonAudit(server);
    expect((await notice({ kind: 'child-welfare-notification', about: { name: 'Lotta' }, reporter: { anonymous: true }, description: 'x' }, physician.token)).status).toBe(400);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('takes a social-welfare contact about an older person with the 7th-working-day start (SHL 36 §)', async () => {
    const r = await notice({ kind: 'social-welfare-contact', about: { name: 'Irma Vanhanen', birthDate: '1940-05-05' }, reporter: { name: 'Pekka Naapuri', phone: '040 765 4321', relation: 'naapuri' }, description: 'Naapuri ei ole käynyt kaupassa viikkoon.' });
    expect(r.status).toBe(201);
    expect(r.body.deadlines.find((d: any) => d.code === 'assessment-start')).toMatchObject({ due: '2026-12-14T21:59:59.999Z', source: expect.stringContaining('SHL 1301/2014 36 §') });
  });

  it("takes a resident's application (logged in) in the social register, visible to the resident", async () => {
    const r = await notice({ kind: 'application', service: 'home-help', description: 'Tarvitsen apua kotiin leikkauksen jälkeen.' }, resident.token);
    expect(r.status).toBe(201);
    expect(r.body.deadlines.map((d: any) => d.code)).toEqual(['urgency-assessment', 'assessment-start']);
    expect((await server.call('GET', `/fhir/R4/Task/${r.body.id}`, { token: resident.token })).status).toBe(200);
    expect((await notice({ kind: 'application', service: 'home-help', about: { patient: 'Patient/p-someone-else' }, description: 'x' }, resident.token)).status).toBe(404);
  });

  it('refuses bad notices with 4xx and nothing stored', async () => {
    const before = await countNonAudit(server);
    const bad: Array<[Record<string, unknown>, string | undefined]> = [
      [{ kind: 'complaint', about: { name: 'X' }, reporter: { anonymous: true }, description: 'x' }, undefined],
      [{ kind: 'child-welfare-notification', about: { name: 'X' }, description: 'x' }, undefined],
      [{ kind: 'social-welfare-contact', about: { name: 'X' }, reporter: { anonymous: true }, description: 'x' }, undefined],
      [{ kind: 'child-welfare-notification', about: { name: 'X', identityCode: '010101-0000' }, reporter: { anonymous: true }, description: 'x' }, undefined],
      [{ kind: 'application', service: 'home-help', description: 'x' }, undefined],
      [{ kind: 'child-welfare-notification', about: { name: 'X' }, reporter: { anonymous: true }, description: 'x', website: 'spam' }, undefined],
      [{ kind: 'application', service: 'taxi', description: 'x' }, resident.token],
    ];
    for (const [body, token] of bad) expect((await notice(body, token)).status, JSON.stringify(body)).toBe(400);
    expect((await notice({ kind: 'child-welfare-notification', about: { name: 'X' }, reporter: { anonymous: true }, description: 'x' }, admin.token)).status).toBe(403);
    expect((await server.call('POST', '/api/social-notices', { body: { kind: 'child-welfare-notification', about: { name: 'X' }, reporter: { anonymous: true }, description: 'x' }, headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await server.call('GET', '/api/social-notices?x=1', { token: social.token })).status).toBe(400);
    expect(await countNonAudit(server)).toBe(before);
  });
});

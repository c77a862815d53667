import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from './oviTestServer';
import { BACK_PAIN, BACKENDS, contactBody } from './backends';
import { startSmtp } from '../support/smtpSink';

type Session = { token: string; fhirUser: string };
const KOKKOLA = 'Location/loc-station-kokkola';
const KANNUS = 'Location/loc-station-kannus';
const FEEDBACK = 'https://fhir.ovi.fi/Questionnaire/client-feedback';
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
}

/** The survey link's token from a received e-mail (quoted-printable soft breaks removed). */
function linkToken(raw: string): string {
  const text = raw.replace(/=\r?\n/g, '');
  const match = /\/feedback\/([A-Za-z0-9_-]{43})/.exec(text);
  expect(match).not.toBeNull();
  return match?.[1] ?? '';
}

describe.each(BACKENDS)('client feedback on %s', (backend) => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let resident: Session;
  let physician: Session;
  let guidance: Session;
  let physio: Session;
  let manager: Session;
  let admin: Session;

  /** A visit of the resident with the physician that began 10 minutes ago, marked realised by the physician: its reference. */
  const realisedVisit = async (location: string): Promise<string> => {
    const start = new Date(Date.now() - 10 * 60_000);
    const id = randomUUID();
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Appointment',
        id,
        status: 'booked',
        start: start.toISOString(),
        end: new Date(start.getTime() + 30 * 60_000).toISOString(),
        meta: { security: [{ system: 'https://fhir.ovi.fi/CodeSystem/register', code: 'health' }] },
        serviceType: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/visit-type', code: 'physician-visit' }] }],
        specialty: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physician' }] }],
        extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/visit-mode', valueCode: 'on-site' }],
        participant: [
          { actor: { reference: resident.fhirUser }, status: 'accepted' },
          { actor: { reference: physician.fhirUser }, status: 'accepted' },
          { actor: { reference: location }, status: 'accepted' },
        ],
      } as any,
    ]);
    const r = await server.call('POST', `/fhir/R4/Appointment/${id}/$outcome`, { token: physician.token, body: params({ name: 'outcome', valueCode: 'fulfilled' }) });
    expect(r.status).toBe(200);
    return `Appointment/${id}`;
  };
  const invitations = async (visit: string) =>
    (await server.ovi.services.db.query<{ id: string; email_state: string; answered: boolean; context: any; token_hash: string | null }>('SELECT id, email_state, answered, context, token_hash FROM feedback_invitation WHERE visit = $1', [visit])).rows;
  const storedAnswers = async () =>
    Number((await server.ovi.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'QuestionnaireResponse' AND content->>'questionnaire' LIKE $1`, [`${FEEDBACK}|%`])).rows[0]?.n);
  const pendingId = async (visit: string) => (await invitations(visit))[0]?.id ?? '';
  const answerOwn = (id: string, body: unknown) => server.call('POST', `/api/feedback/pending/${id}`, { token: resident.token, body, headers: { 'content-type': 'application/json' } });
  const refusalsOf = async (user: string, path: string) =>
    Number(
      (
        await server.ovi.services.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' = '4' AND content->'agent'->0->'who'->>'reference' = $1 AND content::text LIKE $2`,
          [user, `%${path}%`],
        )
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, { smtpUrl: smtp.url });
    [resident, physician, guidance, physio, manager, admin] = (await Promise.all(['resident', 'physician', 'guidance', 'physio', 'manager', 'admin'].map((u) => server.login(u)))) as [Session, Session, Session, Session, Session, Session];
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('a realised visit gives one survey and one e-mail; the link shows it without login; one answer is stored, without the resident', async () => {
    const visit = await realisedVisit(KOKKOLA);
    await until(() => smtp.received.some((m) => m.raw.includes('/feedback/')));
    // Recording the same outcome again makes no second survey or e-mail.
    await server.call('POST', `/fhir/R4/${visit}/$outcome`, { token: physician.token, body: params({ name: 'outcome', valueCode: 'fulfilled' }) });
    const rows = await invitations(visit);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.context).toMatchObject({ kind: 'visit', unit: KOKKOLA, profession: 'physician', channel: 'on-site', service: 'physician-visit' });
    expect(rows[0]?.email_state).toBe('sent');
    const mails = smtp.received.filter((m) => m.raw.includes('/feedback/'));
    expect(mails).toHaveLength(1);
    const patient = (await server.call('GET', `/fhir/R4/${resident.fhirUser}`, { token: resident.token })).body;
    expect(mails[0]?.to).toEqual([patient.telecom.find((t: any) => t.system === 'email').value]);
    const token = linkToken(mails[0]?.raw ?? '');
    // Only the hash is kept.
    expect(rows[0]?.token_hash).not.toContain(token);

    const pending = await server.call('GET', '/api/feedback/pending', { token: resident.token });
    expect(pending.status).toBe(200);
    expect(pending.body.surveys.map((s: any) => s.id)).toContain(rows[0]?.id);

    const shown = await server.call('GET', `/api/feedback/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body.unitName).toMatch(/Kokkola/);
    expect(shown.body.survey.statements.length).toBeGreaterThanOrEqual(2);
    expect(shown.body.survey.recommend.text.sv).toBeTruthy();

    const before = await storedAnswers();
    for (const bad of [{}, { recommend: 11 }, { recommend: 9, statements: { safety: '9' } }, { recommend: 9, subject: resident.fhirUser }, { recommend: 9, contact: { email: 'no' } }, 'text']) {
      const r = await server.call('POST', `/api/feedback/${token}`, { body: bad, headers: { 'content-type': 'application/json' } });
      expect(r.status).toBe(400);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect(await storedAnswers()).toBe(before);
    expect((await invitations(visit))[0]?.answered).toBe(false);

    const answered = await server.call('POST', `/api/feedback/${token}`, { body: { recommend: 9, statements: { safety: '5', access: 'dont-know' }, freeText: 'Hyvä vastaanotto.' }, headers: { 'content-type': 'application/json' } });
    expect(answered.status).toBe(201);
    const stored = (await server.ovi.services.db.query<{ content: any }>(`SELECT content FROM resource WHERE resource_type = 'QuestionnaireResponse' AND id = $1`, [answered.body.id])).rows[0]?.content;
    expect(stored.questionnaire).toMatch(new RegExp(`^${FEEDBACK}\\|\\d+$`));
    expect(stored.authored).toMatch(/^\d{4}-\d{2}$/);
    expect(stored.subject).toBeUndefined();
    expect(stored.author).toBeUndefined();
    const text = JSON.stringify(stored);
    expect(text).not.toContain('Patient/');
    expect(text).not.toContain(visit);
    expect(text).not.toContain(rows[0]?.id);

    const second = await server.call('POST', `/api/feedback/${token}`, { body: { recommend: 0 }, headers: { 'content-type': 'application/json' } });
    expect(second.status).toBe(409);
    expect((await server.call('GET', `/api/feedback/${token}`)).status).toBe(409);
    expect(await storedAnswers()).toBe(before + 1);
    expect((await server.call('GET', '/api/feedback/pending', { token: resident.token })).body.surveys.map((s: any) => s.id)).not.toContain(rows[0]?.id);
  });

  it('answers arriving at the same moment store exactly one', async () => {
    const visit = await realisedVisit(KOKKOLA);
    const id = await pendingId(visit);
    const before = await storedAnswers();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => answerOwn(id, { recommend: i })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await storedAnswers()).toBe(before + 1);
  });

  it('an expired link answers 410, an unknown one 404, and someone else\'s survey is not found', async () => {
    const visit = await realisedVisit(KOKKOLA);
    await until(() => smtp.received.filter((m) => m.raw.includes('/feedback/')).length >= 3);
    const token = linkToken(smtp.received.filter((m) => m.raw.includes('/feedback/')).at(-1)?.raw ?? '');
    await server.ovi.services.db.query(`UPDATE feedback_invitation SET expires_at = now() - interval '1 minute' WHERE visit = $1`, [visit]);
    expect((await server.call('GET', `/api/feedback/${token}`)).status).toBe(410);
    const late = await server.call('POST', `/api/feedback/${token}`, { body: { recommend: 10 }, headers: { 'content-type': 'application/json' } });
    expect(late.status).toBe(410);
    expect(late.body.resourceType).toBe('OperationOutcome');
    expect((await server.call('GET', '/api/feedback/pending', { token: resident.token })).body.surveys.map((s: any) => s.id)).not.toContain(await pendingId(visit));

    expect((await server.call('GET', `/api/feedback/${randomBytes(32).toString('base64url')}`)).status).toBe(404);
    expect((await server.call('GET', '/api/feedback/short')).status).toBe(404);
    expect((await server.call('POST', `/api/feedback/${randomBytes(32).toString('base64url')}`, { body: { recommend: 1 }, headers: { 'content-type': 'application/json' } })).status).toBe(404);
    const parent = await server.login('parent');
    const other = await realisedVisit(KOKKOLA);
    expect((await server.call('GET', `/api/feedback/pending/${await pendingId(other)}`, { token: parent.token })).status).toBe(404);
    expect((await server.call('POST', `/api/feedback/pending/${await pendingId(other)}`, { token: parent.token, body: { recommend: 1 } })).status).toBe(404);
    expect((await server.call('GET', '/api/feedback/pending', { token: physician.token })).status).toBe(403);
    expect((await server.call('GET', '/api/feedback/pending')).status).toBe(401);
  });

  it('a contact closed as solved gives a survey; one routed on does not', async () => {
    const send = async () => {
      const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
      expect(sent.status).toBe(201);
      return sent.headers.get('x-ovi-task') ?? '';
    };
    const solved = await send();
    const r = await server.call('POST', `/fhir/R4/${solved}/$resolve`, { token: guidance.token, body: params({ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'Asia selvitetty puhelimessa.' }) });
    expect(r.status).toBe(200);
    const rows = await invitations(solved);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.context).toMatchObject({ kind: 'contact', unit: KOKKOLA, channel: 'web-form' });
    const pending = (await server.call('GET', '/api/feedback/pending', { token: resident.token })).body.surveys;
    expect(pending.find((s: any) => s.id === rows[0]?.id)?.kind).toBe('contact');

    const routed = await send();
    const team = 'CareTeam/team-kokkola';
    expect((await server.call('POST', `/fhir/R4/${routed}/$resolve`, { token: guidance.token, body: params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'Ohjattu tiimille.' }, { name: 'routeTo', valueReference: { reference: team } }) })).status).toBe(200);
    expect(await invitations(routed)).toHaveLength(0);
  });

  it('results: the unit\'s feedback person sees figures with small groups hidden and free texts; managers figures only; others are refused and audited', async () => {
    // Kannus: 10 promoters, 5 passives, 5 detractors; two leave a free text, one an address.
    const answers = [
      ...Array.from({ length: 10 }, () => ({ recommend: 10, statements: { safety: '5', information: '4' } })),
      ...Array.from({ length: 5 }, () => ({ recommend: 8, statements: { safety: '4', information: '4' } })),
      ...Array.from({ length: 4 }, () => ({ recommend: 2, statements: { safety: '2' } })),
      { recommend: 1, freeText: 'Odotin pitkään aulassa.', contact: { email: 'palaute.vastaaja@example.org', name: 'Vastaaja' } },
    ];
    answers[0] = { ...answers[0]!, freeText: 'Kiitos ystävällisestä kohtelusta.' } as any;
    for (const answer of answers) expect((await answerOwn(await pendingId(await realisedVisit(KANNUS)), answer)).status).toBe(201);

    const r = await server.call('GET', `/api/feedback/results?unit=${KANNUS}`, { token: physician.token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ answers: 20, promoters: 10, passives: 5, detractors: 5, nps: 25, unit: KANNUS });
    const safety = r.body.statements.find((s: any) => s.id === 'safety');
    expect(safety.answered).toBe(20);
    expect(safety.answers.find((a: any) => a.code === '5')).toEqual({ code: '5', count: 10, share: 0.5 });
    // Statement "information": 15 answered of 4; the other codes are empty, so its one code is hidden too.
    const information = r.body.statements.find((s: any) => s.id === 'information');
    expect(information.answered).toBe(15);
    expect(information.answers.every((a: any) => a.count === null)).toBe(true);
    expect(r.body.freeTexts.map((t: any) => t.text).sort()).toEqual(['Kiitos ystävällisestä kohtelusta.', 'Odotin pitkään aulassa.']);
    const withAddress = r.body.freeTexts.find((t: any) => t.replyTo);
    expect(withAddress.replyTo).toEqual({ email: 'palaute.vastaaja@example.org', name: 'Vastaaja' });
    expect(withAddress.month).toMatch(/^\d{4}-\d{2}$/);

    // A selection of under five answers shows nothing (a service no Kannus visit had).
    const small = await server.call('GET', `/api/feedback/results?unit=${KANNUS}&service=nurse-visit`, { token: physician.token });
    expect(small.status).toBe(200);
    expect(small.body.answers).toBeNull();
    expect(small.body.nps).toBeNull();

    const managers = await server.call('GET', `/api/feedback/results?unit=${KANNUS}`, { token: manager.token });
    expect(managers.status).toBe(200);
    expect(managers.body.nps).toBe(25);
    expect(managers.body.freeTexts).toBeUndefined();
    const region = await server.call('GET', '/api/feedback/results', { token: manager.token });
    expect(region.status).toBe(200);
    expect(region.body.freeTexts).toBeUndefined();

    for (const [session, name] of [[physio, 'physio'], [guidance, 'guidance'], [admin, 'admin'], [resident, 'resident']] as const) {
      const refused = await server.call('GET', `/api/feedback/results?unit=${KANNUS}`, { token: session.token });
      expect(refused.status, name).toBe(403);
      expect(refused.body.resourceType).toBe('OperationOutcome');
      expect(await refusalsOf(session.fhirUser, '/api/feedback/results'), name).toBeGreaterThanOrEqual(1);
    }
    // The readings are audited too, naming no client.
    const audits = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' = '0' AND content->'agent'->0->'who'->>'reference' = $1 AND content::text LIKE '%feedback results%'`,
      [physician.fhirUser],
    );
    expect(audits.rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audits.rows[0]?.content)).not.toContain('Patient/');

    for (const bad of ['from=2026-13', 'unit=Patient/x', 'from=2026-05&to=2026-01', 'order=asc', 'service=Bad%20code']) {
      expect((await server.call('GET', `/api/feedback/results?${bad}`, { token: manager.token })).status, bad).toBe(400);
    }
    expect((await server.call('GET', '/api/feedback/results')).status).toBe(401);
  });

  it('the feedback person marks a free text handled and replies once to the address left; others may not', async () => {
    const texts = (await server.call('GET', `/api/feedback/results?unit=${KANNUS}`, { token: physician.token })).body.freeTexts;
    const withAddress = texts.find((t: any) => t.replyTo);
    const without = texts.find((t: any) => !t.replyTo);

    expect((await server.call('POST', `/api/feedback/responses/${without.id}/handled`, { token: physio.token })).status).toBe(403);
    expect(await refusalsOf(physio.fhirUser, `/api/feedback/responses/${without.id}/handled`)).toBe(1);
    const handled = await server.call('POST', `/api/feedback/responses/${without.id}/handled`, { token: physician.token });
    expect(handled.status).toBe(200);
    expect(handled.body.handled.by).toBeTruthy();
    expect((await server.call('POST', `/api/feedback/responses/${without.id}/reply`, { token: physician.token, body: { text: 'Kiitos.' } })).status).toBe(409);

    expect((await server.call('POST', `/api/feedback/responses/${withAddress.id}/reply`, { token: physician.token, body: { text: '' } })).status).toBe(400);
    const mailsBefore = smtp.received.length;
    const replied = await server.call('POST', `/api/feedback/responses/${withAddress.id}/reply`, { token: physician.token, body: { text: 'Pahoittelemme odotusta. Olemme lisänneet aulaan opasteet.' } });
    expect(replied.status).toBe(200);
    expect(replied.body.reply.text).toMatch(/Pahoittelemme/);
    expect(replied.body.handled).not.toBeNull();
    await until(() => smtp.received.length > mailsBefore);
    expect(smtp.received.at(-1)?.to).toEqual(['palaute.vastaaja@example.org']);
    expect((await server.call('POST', `/api/feedback/responses/${withAddress.id}/reply`, { token: physician.token, body: { text: 'Toinen' } })).status).toBe(409);
    expect((await server.call('POST', `/api/feedback/responses/${randomUUID()}/handled`, { token: physician.token })).status).toBe(404);
  });

  it('admins edit the survey texts and the feedback people with If-Match and history; bad settings change nothing', async () => {
    const current = await server.call('GET', '/api/admin/feedback-survey', { token: admin.token });
    expect(current.status).toBe(200);
    expect(current.body.source).toMatch(/UNVERIFIED/);
    const etag = current.headers.get('etag') ?? '';
    const { version: _v, ...survey } = current.body;
    expect((await server.call('PUT', '/api/admin/feedback-survey', { token: admin.token, body: { ...survey, statements: survey.statements.slice(0, 1) }, headers: { 'If-Match': etag } })).status).toBe(400);
    expect((await server.call('PUT', '/api/admin/feedback-survey', { token: admin.token, body: survey, headers: { 'If-Match': 'W/"999"' } })).status).toBe(412);
    expect((await server.call('PUT', '/api/admin/feedback-survey', { token: physician.token, body: survey })).status).toBe(403);
    const own = { ...survey, statements: [...survey.statements, { id: 'parking', theme: 'own', text: { fi: 'Pysäköinti oli helppoa.', sv: 'Parkeringen var lätt.', en: 'Parking was easy.' } }] };
    const saved = await server.call('PUT', '/api/admin/feedback-survey', { token: admin.token, body: own, headers: { 'If-Match': etag } });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(current.body.version + 1);
    const history = await server.call('GET', '/api/admin/feedback-survey/history', { token: admin.token });
    expect(history.body.versions[0]).toMatchObject({ version: saved.body.version, updatedBy: 'admin' });
    const visit = await realisedVisit(KOKKOLA);
    const shown = await server.call('GET', `/api/feedback/pending/${await pendingId(visit)}`, { token: resident.token });
    expect(shown.body.survey.statements.at(-1).id).toBe('parking');

    const people = await server.call('GET', '/api/admin/feedback-responsible', { token: admin.token });
    expect(people.body.units.find((u: any) => u.unit === KANNUS).people).toEqual([physician.fhirUser]);
    for (const bad of [{ units: [{ unit: 'Location/nowhere', people: [physio.fhirUser] }] }, { units: [{ unit: KOKKOLA, people: [] }] }, { units: [{ unit: KOKKOLA, people: ['Patient/x'] }] }, { people: [] }]) {
      expect((await server.call('PUT', '/api/admin/feedback-responsible', { token: admin.token, body: bad })).status).toBe(400);
    }
    expect((await server.call('GET', '/api/admin/feedback-responsible', { token: admin.token })).body.version).toBe(people.body.version);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEMS } from '@ovi/domain';
import { makeTestPersonalIdentityCode } from '@ovi/domain/src/personalIdentityCode';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

/**
 * Registering a new client is a plain `POST /fhir/R4/Patient` by a guidance or care
 * professional: one personal identity code is one client (409 for a second, also under
 * parallel retries), the code is checked and agrees with the birth date and sex, and the
 * registration gives no access of its own to what was registered.
 */
describe.each(BACKENDS)('registering a new client on %s', (backend) => {
  let server: TestServer;
  let guidance: string;
  let physician: string;

  beforeAll(async () => {
    server = await startOn(backend);
    guidance = (await server.login('guidance')).token;
    physician = (await server.login('physician')).token;
  });
  afterAll(async () => server?.close());

  // Test codes (individual number 9xx) on dates no demo resident was born on.
  let serial = 20;
  const freshCode = (birthDate?: string, sex: 'male' | 'female' = 'female') => {
    serial += 1;
    return makeTestPersonalIdentityCode(birthDate ?? `1963-07-${String(10 + (serial % 18)).padStart(2, '0')}`, sex, serial % 50);
  };
  const patient = (code: string, extra: Record<string, unknown> = {}) => ({
    resourceType: 'Patient',
    identifier: [{ system: SYSTEMS.personalIdentityCode, value: code }],
    name: [{ family: 'Rekisteröity', given: ['Uusi'] }],
    ...extra,
  });
  const register = (body: unknown, token = guidance) => server.call('POST', '/fhir/R4/Patient', { token, body });
  const withCode = async (code: string): Promise<string[]> =>
    (await server.ovi.services.db.query<{ id: string }>(`SELECT id FROM resource WHERE resource_type = 'Patient' AND content @> $1::jsonb`, [JSON.stringify({ identifier: [{ value: code }] })])).rows.map((r) => r.id);
  const patientCount = async () => Number((await server.ovi.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'Patient'`)).rows[0]?.n);

  it('registers a client: 201 with the birth date from the code; the registration is audited', async () => {
    const code = freshCode('1985-03-14', 'female');
    const r = await register(patient(code, { gender: 'female' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ resourceType: 'Patient', birthDate: '1985-03-14', identifier: [{ system: SYSTEMS.personalIdentityCode, value: code }] });
    expect(r.headers.get('location')).toContain(`/fhir/R4/Patient/${r.body.id}/_history/1`);
    const audit = await server.ovi.services.db.query(`SELECT 1 FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE $1`, [`%Patient/${r.body.id}%`]);
    expect(audit.rows.length).toBeGreaterThan(0);
    // The code in lower case is the same code.
    const again = await register(patient(code.toLowerCase()), physician);
    expect(again.status).toBe(409);
  });

  it('refuses a second registration of one code with 409 naming the record, audited in that client’s log', async () => {
    const code = freshCode();
    const first = await register(patient(code));
    expect(first.status).toBe(201);
    const before = await patientCount();
    const second = await register(patient(code, { name: [{ family: 'Toinen' }] }), physician);
    expect(second.status).toBe(409);
    expect(second.body.issue[0].diagnostics).toContain(`Patient/${first.body.id}`);
    expect(await patientCount()).toBe(before);
    const refusal = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE '%already registered%' AND content::text LIKE $1`,
      [`%Patient/${first.body.id}%`],
    );
    expect(refusal.rows).toHaveLength(1);
    expect(refusal.rows[0]?.content.outcome).not.toBe('0');
  });

  it('makes exactly one client from six parallel registrations of one code', async () => {
    const code = freshCode('2001-12-24', 'male');
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => register(patient(code), i % 2 ? physician : guidance)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await withCode(code)).toEqual([answers.find((a) => a.status === 201)?.body.id]);
  });

  it('says what is wrong with the code or the details, and stores nothing', async () => {
    const before = await patientCount();
    const code = freshCode('1985-03-14', 'female');
    const wrongCheck = code.slice(0, 10) + (code.endsWith('A') ? 'B' : 'A');
    const cases: Array<[unknown, number, RegExp]> = [
      [patient(wrongCheck), 400, /last character/],
      [patient('010190-12'), 400, /not complete/],
      [{ resourceType: 'Patient', name: [{ family: 'Ei tunnusta' }] }, 400, /exactly one personal identity code/],
      [{ ...patient(code), identifier: [{ system: SYSTEMS.personalIdentityCode, value: code }, { system: SYSTEMS.personalIdentityCode, value: freshCode() }] }, 400, /exactly one/],
      [patient(code, { birthDate: '1985-03-15' }), 400, /birthDate 1985-03-15 does not agree/],
      [patient(code, { gender: 'male' }), 400, /gender male does not agree/],
      [patient(code, { name: [{ given: ['Vain etunimi'] }] }), 400, /needs a name/],
      [patient(code, { name: [] }), 400, /./],
      [patient(code, { birthDate: 'yesterday' }), 400, /./],
      [patient(code, { gender: 'robot' }), 400, /./],
    ];
    for (const [body, status, message] of cases) {
      const r = await register(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
      expect(JSON.stringify(r.body.issue), JSON.stringify(body)).toMatch(message);
    }
    expect(await patientCount()).toBe(before);
  });

  it('is for guidance and care professionals only', async () => {
    const before = await patientCount();
    for (const who of ['resident', 'admin', 'manager']) {
      const token = (await server.login(who)).token;
      expect((await register(patient(freshCode()), token)).status, who).toBe(403);
    }
    expect((await server.call('POST', '/fhir/R4/Patient', { body: patient(freshCode()) })).status).toBe(401);
    expect(await patientCount()).toBe(before);
  });

  it('gives no access of its own: reading the new client needs a relationship or a recorded reason', async () => {
    const created = await register(patient(freshCode()));
    expect(created.status).toBe(201);
    const read = await server.call('GET', `/fhir/R4/Patient/${created.body.id}`, { token: guidance });
    expect(read.status).toBe(403);
    const reasoned = await server.call('GET', `/fhir/R4/Patient/${created.body.id}`, { token: guidance, headers: { 'x-access-reason': 'Asiakas soitti, yhteydenotto kirjataan' } });
    expect(reasoned.status).toBe(200);
    // Found by the full code, like any client.
    const lookup = await server.call('GET', `/fhir/R4/Patient?identifier=${encodeURIComponent(`${SYSTEMS.personalIdentityCode}|${created.body.identifier[0].value}`)}`, { token: guidance });
    expect(lookup.body.entry.map((e: any) => e.resource.id)).toEqual([created.body.id]);
  });
});

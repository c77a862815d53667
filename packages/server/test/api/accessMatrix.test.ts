import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, startOn } from './backends';

type Case = [user: string, method: string, path: () => string, expected: number, headers?: Record<string, string>];

describe.each(BACKENDS)('access matrix on %s', (backend) => {
  let server: TestServer;
  let residentPatient: string; // the resident account's own Patient (no contacts yet)
  let queuedPatient: string; // a client with an open guidance contact
  let queuedTask: string;
  let otherResidentsTask: string;

  beforeAll(async () => {
    server = await startOn(backend);
    residentPatient = (await server.login('resident')).fhirUser;
    const tasks = await server.ovi.services.store.search({
      resourceType: 'Task',
      filters: [{ code: 'code', kind: 'token', values: ['client-guidance'] }],
      sort: [],
      count: 1,
      offset: 0,
    });
    const task = tasks.resources[0] as any;
    queuedTask = `Task/${task.id}`;
    queuedPatient = task.for.reference;
    otherResidentsTask = queuedTask;
  });
  afterAll(async () => server?.close());

  const cases: Case[] = [
    // residents: their own data only; someone else's looks like it does not exist
    ['resident', 'GET', () => `/fhir/R4/${residentPatient}`, 200],
    ['resident', 'GET', () => `/fhir/R4/${queuedPatient}`, 404],
    ['resident', 'GET', () => `/fhir/R4/${otherResidentsTask}`, 404],
    ['resident', 'GET', () => `/fhir/R4/Task?patient=${queuedPatient}`, 200], // scoped to own: empty
    ['resident', 'GET', () => `/fhir/R4/AuditEvent?patient=${residentPatient}`, 200],
    ['resident', 'GET', () => '/fhir/R4/Organization', 200],
    ['resident', 'GET', () => '/api/guidance/queue', 403],
    ['resident', 'GET', () => '/api/guidance/stats', 403],
    // guidance nurse: clients in the guidance queue; others only with a recorded reason
    ['guidance', 'GET', () => `/fhir/R4/${queuedPatient}`, 200],
    ['guidance', 'GET', () => `/fhir/R4/${queuedTask}`, 200],
    ['guidance', 'GET', () => `/fhir/R4/${residentPatient}`, 403],
    ['guidance', 'GET', () => `/fhir/R4/${residentPatient}`, 200, { 'x-access-reason': 'Soitto: asiakas pyysi tarkistamaan tiedot' }],
    ['guidance', 'GET', () => `/fhir/R4/AuditEvent?patient=${queuedPatient}`, 403],
    ['guidance', 'GET', () => '/fhir/R4/Task', 403],
    ['guidance', 'GET', () => '/fhir/R4/Patient?name=a', 403],
    ['guidance', 'GET', () => '/api/guidance/queue', 200],
    // a team physician with no relationship yet
    ['physician', 'GET', () => `/fhir/R4/${queuedPatient}`, 403],
    ['physician', 'GET', () => `/fhir/R4/Task?patient=${queuedPatient}`, 403],
    ['physio', 'GET', () => `/fhir/R4/${queuedTask}`, 403],
    ['social', 'GET', () => `/fhir/R4/${queuedTask}`, 403],
    // manager: figures, not people
    ['manager', 'GET', () => `/fhir/R4/${queuedPatient}`, 403],
    ['manager', 'GET', () => `/fhir/R4/Task?patient=${queuedPatient}`, 403],
    ['manager', 'GET', () => '/api/guidance/stats', 200],
    // admin: configures, does not read client data
    ['admin', 'GET', () => `/fhir/R4/${queuedPatient}`, 403],
    ['admin', 'GET', () => `/fhir/R4/${queuedTask}`, 403],
    ['admin', 'GET', () => '/api/admin/routing-rules', 200],
    ['admin', 'GET', () => '/fhir/R4/Questionnaire', 200],
  ];

  it.each(cases)('%s %s %s → %i', async (user, method, path, expected, headers) => {
    const { token } = await server.login(user);
    const r = await server.call(method, path(), { token, headers });
    expect(r.status).toBe(expected);
    if (expected >= 400) expect(r.body.resourceType).toBe('OperationOutcome');
  });

  it('refuses writes outside each role', async () => {
    const resident = await server.login('resident');
    const org = { resourceType: 'Organization', name: 'Uusi' };
    expect((await server.call('POST', '/fhir/R4/Organization', { token: resident.token, body: org })).status).toBe(403);
    expect((await server.call('POST', '/fhir/R4/Organization', { token: (await server.login('guidance')).token, body: org })).status).toBe(403);
    expect((await server.call('POST', '/fhir/R4/Organization', { token: (await server.login('admin')).token, body: org })).status).toBe(201);
    // a resident cannot send a contact in someone else's name
    const forOther = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(queuedPatient, BACK_PAIN) });
    expect(forOther.status).toBe(404);
    // nobody writes audit records through the API
    const audit = { resourceType: 'AuditEvent', type: { code: 'rest' }, recorded: new Date().toISOString(), agent: [{ requestor: true }], source: { observer: { display: 'x' } } };
    // Nobody writes the audit log through the API: an unsupported interaction for every role (405).
    const auditWrite = await server.call('POST', '/fhir/R4/AuditEvent', { token: resident.token, body: audit });
    expect(auditWrite.status).toBe(405);
    expect(auditWrite.headers.get('allow')).not.toContain('POST');
    // resolving is for staff with a relationship
    const params = { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'x' }] };
    expect((await server.call('POST', `/fhir/R4/${queuedTask}/$resolve`, { token: resident.token, body: params })).status).toBe(403);
    expect((await server.call('POST', `/fhir/R4/${queuedTask}/$resolve`, { token: (await server.login('physician')).token, body: params })).status).toBe(403);
    expect((await server.call('PUT', '/api/admin/routing-rules', { token: (await server.login('guidance')).token, body: {} })).status).toBe(403);
  });

  it('flags and audits access by recorded reason, and audits refusals', async () => {
    const guidance = await server.login('guidance');
    const resident = await server.login('resident');
    await server.call('GET', `/fhir/R4/${residentPatient}`, { token: guidance.token, headers: { 'x-access-reason': 'Asiakas soitti' } });
    const log = await server.call('GET', `/fhir/R4/AuditEvent?patient=${residentPatient}&_count=100`, { token: resident.token });
    const events = log.body.entry.map((e: any) => e.resource).filter((e: any) => e.agent[0].who.reference === guidance.fhirUser);
    expect(events.some((e: any) => e.outcome === '4')).toBe(true);
    const flagged = events.find((e: any) => e.purposeOfEvent?.[0]?.text === 'Asiakas soitti');
    expect(flagged.purposeOfEvent[0].coding[0].code).toBe('recorded-reason');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, countNonAudit, startOn } from './backends';
import type { ContactAnswers } from '../../src/guidance/contactResponse';

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };
  let guidance: { token: string; fhirUser: string };
  let openTask: string;

  beforeAll(async () => {
    server = await startOn(backend);
    resident = await server.login('resident');
    guidance = await server.login('guidance');
    const queue = await server.call('GET', '/api/guidance/queue', { token: guidance.token });
    openTask = `Task/${queue.body.items[0].taskId}`;
  });
  afterAll(async () => server?.close());

  /** Each bad request gets a clear 4xx OperationOutcome and changes nothing. */
  async function expectRejected(status: number, method: string, path: string, options: Parameters<TestServer['call']>[2]) {
    const before = await countNonAudit(server);
    const r = await server.call(method, path, options);
    expect(r.status).toBe(status);
    expect(r.body.resourceType).toBe('OperationOutcome');
    expect(r.body.issue[0].diagnostics ?? r.body.issue[0].details?.text).toBeTruthy();
    expect(await countNonAudit(server)).toBe(before);
    return r.body;
  }

  const contact = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    contactBody(resident.fhirUser, answers as ContactAnswers, extra);

  it('login', async () => {
    await expectRejected(401, 'POST', '/auth/login', { body: { username: 'resident', password: 'wrong' }, headers: { 'content-type': 'application/json' } });
    await expectRejected(400, 'POST', '/auth/login', { body: { username: 5, password: [] }, headers: { 'content-type': 'application/json' } });
    await expectRejected(400, 'POST', '/auth/login', { raw: '{"username":', headers: { 'content-type': 'application/json' } });
    await expectRejected(415, 'POST', '/auth/login', { raw: 'username=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await expectRejected(401, 'GET', '/auth/me', {});
    await expectRejected(401, 'GET', '/auth/me', { headers: { authorization: 'Bearer not-a-token' } });
  });

  it('slows down repeated login failures', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) {
      last = (await server.call('POST', '/auth/login', { body: { username: 'social', password: 'wrong' }, headers: { 'content-type': 'application/json' } })).status;
    }
    expect(last).toBe(429);
    const locked = await server.call('POST', '/auth/login', { body: { username: 'social', password: 'demo' }, headers: { 'content-type': 'application/json' } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('contacts', async () => {
    const path = '/fhir/R4/QuestionnaireResponse';
    const token = resident.token;
    await expectRejected(400, 'POST', path, { token, raw: '{"resourceType": "QuestionnaireResponse", ', headers: { 'content-type': 'application/fhir+json' } });
    await expectRejected(415, 'POST', path, { token, raw: '<xml/>', headers: { 'content-type': 'application/xml' } });
    await expectRejected(400, 'POST', path, { token, body: [1, 2, 3] });
    await expectRejected(400, 'POST', path, { token, body: { ...contact(BACK_PAIN), status: 42 } });
    const missing = await expectRejected(400, 'POST', path, { token, body: contact({ ...BACK_PAIN, description: undefined }) });
    expect(JSON.stringify(missing)).toContain('description');
    const unknownCode = await expectRejected(400, 'POST', path, { token, body: contact({ ...BACK_PAIN, reason: 'alien-abduction' }) });
    expect(JSON.stringify(unknownCode)).toContain('reason');
    await expectRejected(400, 'POST', path, { token, body: contact({ ...BACK_PAIN, severity: 99 }) });
    await expectRejected(400, 'POST', path, { token, body: contact({ ...BACK_PAIN, severity: 'very' }) });
    await expectRejected(400, 'POST', path, { token, body: contact({ ...BACK_PAIN, 'no-such-question': 'x' }) });
    await expectRejected(400, 'POST', path, { token, body: contact({ ...BACK_PAIN, description: 'x'.repeat(5000) }) });
    await expectRejected(400, 'POST', path, { token, body: contact(BACK_PAIN, { questionnaire: 'https://example.org/Questionnaire/unknown' }) });
    await expectRejected(400, 'POST', path, { token, body: contact(BACK_PAIN, { status: 'in-progress' }) });
    await expectRejected(404, 'POST', path, { token, body: contact(BACK_PAIN, { subject: { reference: 'Patient/someone-else' } }) });
    await expectRejected(413, 'POST', path, { token, body: contact({ ...BACK_PAIN, description: 'x'.repeat(2 * 1024 * 1024) }) });
  });

  it('$resolve', async () => {
    const token = guidance.token;
    const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
    const path = `/fhir/R4/${openTask}/$resolve`;
    await expectRejected(400, 'POST', path, { token, body: params({ name: 'outcome', valueCode: 'maybe' }, { name: 'note', valueString: 'x' }) });
    await expectRejected(400, 'POST', path, { token, body: params({ name: 'outcome', valueCode: 'solved' }) });
    await expectRejected(400, 'POST', path, { token, body: params({ name: 'outcome', valueString: 'solved' }, { name: 'note', valueString: 'x' }) });
    await expectRejected(400, 'POST', path, { token, body: params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'x' }) });
    await expectRejected(400, 'POST', path, {
      token,
      body: params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'x' }, { name: 'routeTo', valueReference: { reference: 'CareTeam/nope' } }),
    });
    await expectRejected(400, 'POST', path, { token, body: params({ name: 'colour', valueCode: 'red' }) });
    await expectRejected(400, 'POST', path, { token, body: { resourceType: 'Patient' } });
    await expectRejected(404, 'POST', '/fhir/R4/Task/no-such-task/$resolve', { token, body: params({ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'x' }) });
    await expectRejected(404, 'POST', `/fhir/R4/${openTask}/$explode`, { token, body: params() });
    const task = (await server.call('GET', `/fhir/R4/${openTask}`, { token })).body;
    expect(task.status).toBe('ready');
  });

  it('updates', async () => {
    const admin = (await server.login('admin')).token;
    const org = (await server.call('POST', '/fhir/R4/Organization', { token: admin, body: { resourceType: 'Organization', name: 'Muokattava' } })).body;
    await expectRejected(400, 'PUT', `/fhir/R4/Organization/${org.id}`, { token: admin, body: { ...org, id: 'other' } });
    await expectRejected(400, 'PUT', `/fhir/R4/Organization/${org.id}`, { token: admin, body: org, headers: { 'if-match': 'soon' } });
    await expectRejected(400, 'PUT', `/fhir/R4/Organization/${org.id}`, { token: admin, body: { ...org, resourceType: 'Location' } });
    await expectRejected(404, 'PUT', '/fhir/R4/Organization/missing', { token: admin, body: { ...org, id: 'missing' } });
    const after = (await server.call('GET', `/fhir/R4/Organization/${org.id}`, { token: admin })).body;
    expect(after.meta.versionId).toBe('1');
  });

  it('configuration', async () => {
    const admin = (await server.login('admin')).token;
    const before = (await server.call('GET', '/api/admin/routing-rules', { token: admin })).body;
    await expectRejected(400, 'PUT', '/api/admin/routing-rules', { token: admin, body: { rules: 'none' } });
    await expectRejected(400, 'PUT', '/api/admin/routing-rules', {
      token: admin,
      body: { ...before, rules: [{ ...before.rules[0], then: { ...before.rules[0].then, urgency: 'whenever' } }] },
    });
    await expectRejected(400, 'PUT', '/api/admin/care-guarantee', { token: admin, body: { rules: [{ limit: { days: -3 } }] } });
    expect((await server.call('GET', '/api/admin/routing-rules', { token: admin })).body.version).toBe(before.version);
    const saved = await server.call('PUT', '/api/admin/routing-rules', { token: admin, body: before });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
  });
});

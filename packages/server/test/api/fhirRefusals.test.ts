import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

/** Issue 12: what Ovi does not do is refused as such (405 + Allow, 406, 401 with a challenge), never a 404. */
describe.each(BACKENDS)('honest FHIR refusals on %s', (backend) => {
  let server: TestServer;
  let admin: string;
  let resident: { token: string; fhirUser: string };
  let organizationId: string;
  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
    resident = await server.login('resident');
    organizationId = (await server.call('POST', '/fhir/R4/Organization', { token: admin, body: { resourceType: 'Organization', name: 'Poistettava asema' } })).body.id;
  });
  afterAll(async () => server?.close());

  it('answers DELETE and PATCH of a record with 405 and the methods that work, and changes nothing', async () => {
    const before = await countNonAudit(server);
    for (const method of ['DELETE', 'PATCH']) {
      const r = await server.call(method, `/fhir/R4/Organization/${organizationId}`, { token: admin, ...(method === 'PATCH' ? { body: [{ op: 'replace', path: '/name', value: 'X' }], headers: { 'content-type': 'application/json-patch+json' } } : {}) });
      expect(r.status, method).toBe(405);
      expect(r.headers.get('allow')).toBe('GET, PUT');
      expect(r.body.resourceType).toBe('OperationOutcome');
      expect(r.body.issue[0].code).toBe('not-supported');
    }
    const deleteType = await server.call('DELETE', '/fhir/R4/Patient?identifier=x', { token: admin });
    expect(deleteType.status).toBe(405);
    expect(deleteType.headers.get('allow')).toBe('GET, POST, PUT'); // PUT: conditional update (decision 025)
    expect((await server.call('GET', `/fhir/R4/Organization/${organizationId}`, { token: admin })).body.name).toBe('Poistettava asema');
    expect(await countNonAudit(server)).toBe(before);
  });

  it('answers PUT on types changed only by operations with 405 (Allow: GET), and POST on a record with 405', async () => {
    const task = (await server.call('GET', '/fhir/R4/Task?_count=1', { token: resident.token })).body.entry?.[0]?.resource;
    const id = task?.id ?? 'any-id';
    const put = await server.call('PUT', `/fhir/R4/Task/${id}`, { token: admin, body: { resourceType: 'Task', id, status: 'completed', intent: 'order' } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET');
    const post = await server.call('POST', `/fhir/R4/Organization/${organizationId}`, { token: admin, body: { resourceType: 'Organization' } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, PUT');
    const auditCreate = await server.call('POST', '/fhir/R4/AuditEvent', { token: admin, body: { resourceType: 'AuditEvent' } });
    expect(auditCreate.status).toBe(405);
    expect(auditCreate.headers.get('allow')).toBe('GET');
    const auditHistory = await server.call('GET', `/fhir/R4/AuditEvent/${id}/_history`, { token: admin });
    expect(auditHistory.status).toBe(405);
    expect(auditHistory.headers.get('allow')).toBe('');
    const getOperation = await server.call('GET', '/fhir/R4/Appointment/$find', { token: admin });
    expect(getOperation.status).toBe(405);
    expect(getOperation.headers.get('allow')).toBe('POST');
  });

  it('keeps 404 for paths that do not exist', async () => {
    for (const [method, path] of [['GET', '/fhir/R4/NoSuchType/1'], ['DELETE', '/fhir/R4/NoSuchType/1'], ['GET', '/fhir/R4/Organization/1/foo/bar'], ['POST', '/fhir/R4/Task/1/$nosuch'], ['GET', '/fhir/R4/OperationDefinition/Task-nosuch']] as const) {
      const r = await server.call(method, path, { token: admin });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
  });

  it('gives a 401 the Bearer challenge of RFC 6750', async () => {
    const none = await server.call('GET', '/fhir/R4/Task');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="ovi"');
    const bad = await server.call('GET', '/fhir/R4/Task', { token: 'not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer realm="ovi", error="invalid_token", error_description="[^"]+"$/);
  });

  it('answers a request for XML with 406 in JSON', async () => {
    for (const [query, accept] of [['?_format=xml', undefined], ['?_format=application/fhir%2Bxml', undefined], ['', 'application/fhir+xml'], ['', 'application/xml, text/xml;q=0.9']] as const) {
      const r = await server.call('GET', `/fhir/R4/Organization${query}`, { token: admin, ...(accept ? { headers: { accept } } : {}) });
      expect(r.status, `${query} ${accept}`).toBe(406);
      expect(r.headers.get('content-type')).toContain('json');
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    for (const [query, accept] of [['?_format=json', undefined], ['?_format=application/fhir%2Bjson', undefined], ['', 'application/fhir+json'], ['', 'text/html,application/xhtml+xml,*/*;q=0.8']] as const) {
      const r = await server.call('GET', `/fhir/R4/Organization${query}`, { token: admin, ...(accept ? { headers: { accept } } : {}) });
      expect(r.status, `${query} ${accept}`).toBe(200);
    }
  });
});

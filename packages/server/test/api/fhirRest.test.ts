import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

const organization = (name: string) => ({ resourceType: 'Organization', name, active: true });

describe.each(BACKENDS)('FHIR REST on %s', (backend) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
  });
  afterAll(async () => server?.close());

  it('answers a true CapabilityStatement without a token', async () => {
    const r = await server.call('GET', '/fhir/R4/metadata');
    expect(r.status).toBe(200);
    expect(r.body.fhirVersion).toBe('4.0.1');
    const task = r.body.rest[0].resource.find((x: any) => x.type === 'Task');
    expect(task.searchParam.map((p: any) => p.name)).toEqual(expect.arrayContaining(['_id', '_lastUpdated', 'patient', 'status', 'code', 'owner']));
    expect(task.operation.map((o: any) => o.name)).toEqual(expect.arrayContaining(['assess', 'resolve', 'answer', 'claim', 'release']));
    expect(task.interaction.map((i: any) => i.code)).not.toContain('update');
    expect(r.body.rest[0].security.service[0].text).toContain('Bearer');
    const appointment = r.body.rest[0].resource.find((x: any) => x.type === 'Appointment');
    expect(appointment.operation.map((o: any) => o.name)).toEqual(expect.arrayContaining(['find', 'book', 'move', 'outcome']));
  });

  it('creates, reads, updates with If-Match, vreads and lists history', async () => {
    const created = await server.call('POST', '/fhir/R4/Organization', { token: admin, body: organization('Testiasema') });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect(created.headers.get('location')).toBe(`/fhir/R4/Organization/${created.body.id}/_history/1`);
    const id = created.body.id;
    const read = await server.call('GET', `/fhir/R4/Organization/${id}`, { token: admin });
    expect(read.body.name).toBe('Testiasema');

    const updated = await server.call('PUT', `/fhir/R4/Organization/${id}`, { token: admin, body: { ...read.body, name: 'Testiasema 2' }, headers: { 'if-match': 'W/"1"' } });
    expect(updated.status).toBe(200);
    expect(updated.body.meta.versionId).toBe('2');

    const stale = await server.call('PUT', `/fhir/R4/Organization/${id}`, { token: admin, body: { ...read.body, name: 'Stale' }, headers: { 'if-match': 'W/"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.resourceType).toBe('OperationOutcome');

    const v1 = await server.call('GET', `/fhir/R4/Organization/${id}/_history/1`, { token: admin });
    expect(v1.body.name).toBe('Testiasema');
    const history = await server.call('GET', `/fhir/R4/Organization/${id}/_history`, { token: admin });
    expect(history.body.type).toBe('history');
    expect(history.body.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['2', '1']);
    expect((await server.call('GET', `/fhir/R4/Organization/${id}/_history/9`, { token: admin })).status).toBe(404);
  });

  it('searches with _id, names, _lastUpdated, _sort, _count and paging links', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const ids: string[] = [];
    for (const name of ['Paging Alfa', 'Paging Beta', 'Paging Gamma']) {
      ids.push((await server.call('POST', '/fhir/R4/Organization', { token: admin, body: organization(name) })).body.id);
    }
    const page1 = await server.call('GET', `/fhir/R4/Organization?name=paging&_sort=name&_count=2&_lastUpdated=ge${before}`, { token: admin });
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(3);
    expect(page1.body.entry.map((e: any) => e.resource.name)).toEqual(['Paging Alfa', 'Paging Beta']);
    const next = page1.body.link.find((l: any) => l.relation === 'next').url as string;
    const page2 = await server.call('GET', next.replace(/^https?:\/\/[^/]+/, ''), { token: admin });
    expect(page2.body.entry.map((e: any) => e.resource.name)).toEqual(['Paging Gamma']);
    expect(page2.body.link.some((l: any) => l.relation === 'previous')).toBe(true);
    const byId = await server.call('GET', `/fhir/R4/Organization?_id=${ids[0]},${ids[2]}`, { token: admin });
    expect(byId.body.total).toBe(2);
    const desc = await server.call('GET', '/fhir/R4/Organization?name=paging&_sort=-name', { token: admin });
    expect(desc.body.entry[0].resource.name).toBe('Paging Gamma');
  });

  it('rejects invalid resources with where and what, storing nothing', async () => {
    const before = await countNonAudit(server);
    const r = await server.call('POST', '/fhir/R4/Organization', { token: admin, body: { resourceType: 'Organization', name: 5, foo: 'bar' } });
    expect(r.status).toBe(400);
    const expressions = r.body.issue.flatMap((i: any) => i.expression ?? []);
    expect(expressions).toEqual(expect.arrayContaining(['Organization.name', 'Organization.foo']));
    expect(await countNonAudit(server)).toBe(before);
  });

  it('rejects empty values, which FHIR does not allow', async () => {
    const r = await server.call('POST', '/fhir/R4/Organization', { token: admin, body: { resourceType: 'Organization', name: '', alias: [] } });
    expect(r.status).toBe(400);
    expect(r.body.issue.flatMap((i: any) => i.expression)).toEqual(['Organization.name', 'Organization.alias']);
  });

  it('keeps clients\' own care teams out of work-team searches', async () => {
    const physician = await server.login('physician');
    const team = await server.call('POST', '/fhir/R4/CareTeam', {
      token: physician.token,
      headers: { 'x-access-reason': 'Hoitoneuvottelu' },
      body: { resourceType: 'CareTeam', status: 'active', subject: { reference: 'Patient/p-aino-nieminen' }, participant: [{ member: { reference: physician.fhirUser } }] },
    });
    expect(team.status).toBe(201);
    const manager = await server.login('manager');
    const teams = await server.call('GET', '/fhir/R4/CareTeam?status=active', { token: manager.token });
    expect(teams.status).toBe(200);
    expect(teams.body.entry.some((e: any) => e.resource.subject)).toBe(false);
    expect((await server.call('GET', '/fhir/R4/CareTeam?subject=Patient/p-aino-nieminen', { token: manager.token })).status).toBe(403);
    expect((await server.call('GET', `/fhir/R4/CareTeam/${team.body.id}`, { token: manager.token })).status).toBe(403);
  });

  it('answers 404 for unknown types and ids, and 400 for bad ids and parameters', async () => {
    expect((await server.call('GET', '/fhir/R4/Spaceship/1', { token: admin })).status).toBe(404);
    expect((await server.call('GET', '/fhir/R4/Organization/does-not-exist', { token: admin })).status).toBe(404);
    expect((await server.call('GET', '/fhir/R4/Organization/bad$id', { token: admin })).status).toBe(400);
    const unknownParam = await server.call('GET', '/fhir/R4/Organization?colour=blue', { token: admin });
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.issue[0].diagnostics).toContain('colour');
    expect((await server.call('GET', '/fhir/R4/Organization?_count=abc', { token: admin })).status).toBe(400);
    expect((await server.call('GET', '/fhir/R4/Organization?_lastUpdated=yesterday', { token: admin })).status).toBe(400);
  });

  it('keeps Prometheus metrics closed by default (no token configured, not opened)', async () => {
    // The figures themselves are checked in metricsAccess.test.ts, with a token.
    const r = await server.call('GET', '/metrics');
    expect(r.status).toBe(403);
    expect(r.body.resourceType).toBe('OperationOutcome');
    expect(r.body.issue[0].diagnostics).toMatch(/OVI_METRICS_TOKEN.*OVI_METRICS_PUBLIC=true/);
    expect((await server.call('GET', '/metrics', { token: admin })).status).toBe(403);
  });
});

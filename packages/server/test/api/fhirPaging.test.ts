import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MedplumClient } from '@medplum/core';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

/** Issue 12: paging, `_summary`, `_elements`, `Prefer` and history as R4 says. */
describe.each(BACKENDS)('FHIR paging, summaries and history on %s', (backend) => {
  let server: TestServer;
  let admin: string;
  const ids: string[] = [];
  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
    for (let i = 0; i < 7; i++) {
      ids.push((await server.call('POST', '/fhir/R4/Organization', { token: admin, body: { resourceType: 'Organization', name: `Sivutus ${i}`, active: true, telecom: [{ system: 'phone', value: '09 123' }] } })).body.id);
    }
  });
  afterAll(async () => server?.close());

  it('caps _count above the maximum and shows the cap in the self link', async () => {
    const r = await server.call('GET', '/fhir/R4/Organization?_count=5000', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.link.find((l: any) => l.relation === 'self').url).toContain('_count=100');
    expect((await server.call('GET', '/fhir/R4/Organization?_count=-1', { token: admin })).status).toBe(400);
  });

  it('answers _count=0 and _summary=count with the total alone and no next link', async () => {
    for (const query of ['name=sivutus&_count=0', 'name=sivutus&_summary=count']) {
      const r = await server.call('GET', `/fhir/R4/Organization?${query}`, { token: admin });
      expect(r.body.total, query).toBe(7);
      expect(r.body.entry ?? [], query).toEqual([]);
      expect(r.body.link.map((l: any) => l.relation), query).toEqual(['self']);
    }
  });

  it('tags _summary=true and _elements results SUBSETTED and keeps mandatory elements', async () => {
    const summary = await server.call('GET', '/fhir/R4/Organization?name=sivutus&_summary=true&_count=1', { token: admin });
    const org = summary.body.entry[0].resource;
    expect(org.name).toMatch(/^Sivutus/);
    expect(org.telecom).toBeUndefined(); // not a summary element of Organization
    expect(org.meta.tag).toEqual(expect.arrayContaining([expect.objectContaining(SUBSETTED)]));
    const observation = await server.call('GET', `/fhir/R4/Organization/${ids[0]}?_elements=active`, { token: admin });
    expect(observation.body).toMatchObject({ resourceType: 'Organization', id: ids[0], active: true });
    expect(observation.body.name).toBeUndefined();
    expect(observation.body.meta.tag).toEqual(expect.arrayContaining([expect.objectContaining(SUBSETTED)]));
    const full = await server.call('GET', `/fhir/R4/Organization/${ids[0]}`, { token: admin });
    expect(full.body.meta.tag).toBeUndefined();
    expect((await server.call('GET', '/fhir/R4/Organization?_summary=maybe', { token: admin })).status).toBe(400);
  });

  it('keeps mandatory elements under _elements (Observation.status and code)', async () => {
    const resident = await server.login('resident');
    const created = await server.call('POST', '/fhir/R4/Observation', { token: resident.token, body: { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] }, subject: { reference: resident.fhirUser }, effectiveDateTime: new Date().toISOString(), valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } } });
    if (created.status !== 201) return; // intake rules may refuse this measurement; Organization above covers the rule
    const r = await server.call('GET', `/fhir/R4/Observation/${created.body.id}?_elements=subject`, { token: resident.token });
    expect(r.body.status).toBe('final');
    expect(r.body.code).toBeDefined();
    expect(r.body.valueQuantity).toBeUndefined();
  });

  it('answers Prefer: return=minimal, representation and OperationOutcome on create and update', async () => {
    const minimal = await server.call('POST', '/fhir/R4/Organization', { token: admin, body: { resourceType: 'Organization', name: 'Minimi' }, headers: { prefer: 'return=minimal' } });
    expect(minimal.status).toBe(201);
    expect(minimal.body).toBeUndefined();
    expect(minimal.headers.get('location')).toMatch(/\/Organization\/.+\/_history\/1$/);
    expect(minimal.headers.get('etag')).toBe('W/"1"');
    const id = minimal.headers.get('location')!.split('/')[4];
    const outcome = await server.call('PUT', `/fhir/R4/Organization/${id}`, { token: admin, body: { resourceType: 'Organization', id, name: 'Minimi 2' }, headers: { prefer: 'return=OperationOutcome' } });
    expect(outcome.status).toBe(200);
    expect(outcome.body.resourceType).toBe('OperationOutcome');
    expect(outcome.headers.get('etag')).toBe('W/"2"');
    const representation = await server.call('PUT', `/fhir/R4/Organization/${id}`, { token: admin, body: { resourceType: 'Organization', id, name: 'Minimi 3' }, headers: { prefer: 'return=representation' } });
    expect(representation.body.name).toBe('Minimi 3');
  });

  it('pages instance history with request and response per entry, _count and _since', async () => {
    const id = ids[1]!;
    for (const n of [1, 2, 3]) await server.call('PUT', `/fhir/R4/Organization/${id}`, { token: admin, body: { resourceType: 'Organization', id, name: `Sivutus muutettu ${n}` } });
    const page1 = await server.call('GET', `/fhir/R4/Organization/${id}/_history?_count=2`, { token: admin });
    expect(page1.body.type).toBe('history');
    expect(page1.body.total).toBe(4);
    expect(page1.body.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['4', '3']);
    for (const entry of page1.body.entry) {
      expect(entry.fullUrl).toMatch(new RegExp(`/fhir/R4/Organization/${id}$`));
      expect(entry.request).toEqual({ method: 'PUT', url: `Organization/${id}` });
      expect(entry.response).toMatchObject({ status: '200 OK', etag: `W/"${entry.resource.meta.versionId}"`, lastModified: entry.resource.meta.lastUpdated });
    }
    const next = page1.body.link.find((l: any) => l.relation === 'next').url;
    const page2 = await server.call('GET', new URL(next).pathname + new URL(next).search, { token: admin });
    expect(page2.body.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['2', '1']);
    expect(page2.body.entry[1].request).toEqual({ method: 'POST', url: 'Organization' });
    expect(page2.body.entry[1].response.status).toBe('201 Created');
    expect(page2.body.link.some((l: any) => l.relation === 'next')).toBe(false);
    const v3 = page1.body.entry[1].resource.meta.lastUpdated;
    const since = await server.call('GET', `/fhir/R4/Organization/${id}/_history?_since=${encodeURIComponent(v3)}`, { token: admin });
    expect(since.body.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['4', '3']);
    expect((await server.call('GET', `/fhir/R4/Organization/${id}/_history?_since=yesterday`, { token: admin })).status).toBe(400);
  });

  it('pages type history of directory data, and of personal data only over what the reader may see', async () => {
    const page = await server.call('GET', '/fhir/R4/Organization/_history?_count=3', { token: admin });
    expect(page.status).toBe(200);
    expect(page.body.entry).toHaveLength(3);
    expect(page.body.link.some((l: any) => l.relation === 'next')).toBe(true);
    for (const entry of page.body.entry) expect(entry.response).toBeDefined();

    const resident = await server.login('resident');
    const own = await server.call('GET', '/fhir/R4/Task/_history', { token: resident.token });
    expect(own.status).toBe(200);
    for (const entry of own.body.entry ?? []) expect(entry.resource.for.reference).toBe(resident.fhirUser);
    const others = (await server.call('GET', '/fhir/R4/Task/_history?patient=Patient/someone-else', { token: resident.token })).body;
    for (const entry of others.entry ?? []) expect(entry.resource.for.reference).toBe(resident.fhirUser);
    // A professional names one client they work with, as in a search; without one: 403 (audited).
    const physician = await server.login('physician');
    expect((await server.call('GET', '/fhir/R4/Task/_history', { token: physician.token })).status).toBe(403);
    expect((await server.call('GET', `/fhir/R4/Task/_history?patient=${resident.fhirUser}`, { token: (await server.login('manager')).token })).status).toBe(403);
    expect((await server.call('GET', '/fhir/R4/Task/_history?status=ready', { token: resident.token })).status).toBe(400);
  });

  it('lets an independent FHIR client (Medplum) page a search to the end, seeing each resource once', async () => {
    const client = new MedplumClient({ baseUrl: `${server.url}/`, fhirUrlPath: 'fhir/R4/', fetch: (url: string, init?: RequestInit) => fetch(url, init) });
    client.setAccessToken(admin);
    const seen: string[] = [];
    for await (const page of client.searchResourcePages('Organization', { name: 'sivutus', _count: '3' })) seen.push(...page.map((r) => r.id!));
    expect(seen.sort()).toEqual([...ids].sort());
    const counted = await client.search('Organization', { name: 'sivutus', _count: '0' });
    expect(counted.total).toBe(7);
    expect(counted.link?.some((l) => l.relation === 'next')).toBe(false);
  });
});

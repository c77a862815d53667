import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MedplumClient, validateResource } from '@medplum/core';
import { r4SchemaProblems } from '../support/fhirJsonSchema';
import type { Bundle } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

const SYSTEM = 'https://example.org/region-units';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const AINO_CODE = '081192-900T';
const urn = () => `urn:uuid:${randomUUID()}`;
const organization = (value: string, name = `Yksikkö ${value}`) => ({ resourceType: 'Organization', name, identifier: [{ system: SYSTEM, value }] });
const bloodPressure = (systolic: number, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: LOINC, code: '85354-9' }] },
  effectiveDateTime: new Date(Date.now() - 3_600_000).toISOString(),
  component: [
    { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: systolic, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' } },
    { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: 80, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' } },
  ],
  ...extra,
});

/** Every Bundle the server answers must be valid R4 (the definitions @medplum/core validates with). */
function expectValidBundle(bundle: Bundle, type: 'transaction-response' | 'batch-response'): void {
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.type).toBe(type);
  expect(() => validateResource(bundle)).not.toThrow();
  // And with HL7's R4 JSON schema, independently of the validator above.
  expect(r4SchemaProblems(bundle)).toEqual([]);
  for (const entry of bundle.entry ?? []) expect(entry.response?.status).toMatch(/^\d{3}( |$)/);
}

/** Issue 12: batch and transaction Bundles at the base, conditional update, If-None-Match (decision 025). */
describe.each(BACKENDS)('FHIR batch and transaction on %s', (backend) => {
  let server: TestServer;
  let admin: string;
  let resident: { token: string; fhirUser: string };

  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
    resident = await server.login('resident');
  });
  afterAll(async () => server?.close());

  const post = (body: unknown, token = admin, headers: Record<string, string> = {}) => server.call('POST', '/fhir/R4', { token, body, headers });
  const count = async (value: string) => (await server.call('GET', `/fhir/R4/Organization?identifier=${encodeURIComponent(`${SYSTEM}|${value}`)}&_count=0`, { token: admin })).body.total as number;
  const ownObservations = async () => (await server.call('GET', '/fhir/R4/Observation?_count=0', { token: resident.token })).body.total as number;
  const refusalsOf = async (patient: string) =>
    Number((await server.ovi.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' <> '0' AND content::text LIKE $1`, [`%${patient}%`])).rows[0]?.n);
  const fhirKit = (token: string) => new Client({ baseUrl: `${server.url}/fhir/R4`, bearerToken: token });

  it('stores a transaction through fhir-kit-client, creating what others refer to first and resolving urn:uuid references', async () => {
    const org = urn();
    const location = urn();
    const body = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        // The service refers to the unit and its place, which come later in the Bundle.
        { fullUrl: urn(), resource: { resourceType: 'HealthcareService', name: 'Fysioterapia', providedBy: { reference: org }, location: [{ reference: location }] }, request: { method: 'POST', url: 'HealthcareService' } },
        { fullUrl: location, resource: { resourceType: 'Location', name: 'Terveysasema, 2. krs', managingOrganization: { reference: org } }, request: { method: 'POST', url: 'Location' } },
        { fullUrl: org, resource: organization('tx-urn'), request: { method: 'POST', url: 'Organization' } },
        // Read last, whatever its place: it sees the unit the transaction created.
        { request: { method: 'GET', url: `Organization?identifier=${encodeURIComponent(`${SYSTEM}|tx-urn`)}` } },
      ],
    };
    const answer = (await fhirKit(admin).transaction({ body: body as never })) as unknown as Bundle;
    expectValidBundle(answer, 'transaction-response');
    const [service, place, unit, search] = answer.entry ?? [];
    expect([service, place, unit].map((e) => e?.response?.status)).toEqual(['201 Created', '201 Created', '201 Created']);
    const orgId = unit?.resource?.id as string;
    expect(unit?.response).toMatchObject({ location: `Organization/${orgId}/_history/1`, etag: 'W/"1"' });
    expect(unit?.response?.lastModified).toBeTruthy();
    expect((place?.resource as any).managingOrganization.reference).toBe(`Organization/${orgId}`);
    expect((service?.resource as any).providedBy.reference).toBe(`Organization/${orgId}`);
    expect((service?.resource as any).location[0].reference).toBe(`Location/${place?.resource?.id}`);
    expect(search?.response?.status).toBe('200 OK');
    expect((search?.resource as Bundle).total).toBe(1);
    // Stored as answered: the stored Location points at the stored unit.
    const stored = await server.call('GET', `/fhir/R4/Location/${place?.resource?.id}`, { token: admin });
    expect(stored.body.managingOrganization.reference).toBe(`Organization/${orgId}`);
    expect((await server.call('GET', `/fhir/R4/Organization/${orgId}`, { token: admin })).status).toBe(200);
  });

  it('resolves urn:uuid and conditional client references in personal records, each entry checked and audited as alone', async () => {
    const physician = await server.login('physician');
    const client = `Patient?identifier=urn:oid:1.2.246.21|${AINO_CODE}`;
    const weight = (value: number, extra: Record<string, unknown> = {}) => ({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: LOINC, code: '29463-7' }] },
      subject: { reference: client },
      effectiveDateTime: '2026-11-20T10:00:00+02:00',
      valueQuantity: { value, unit: 'kg', system: UCUM, code: 'kg' },
      ...extra,
    });
    const first = urn();
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: urn(), resource: weight(71, { derivedFrom: [{ reference: first }] }), request: { method: 'POST', url: 'Observation' } },
        { fullUrl: first, resource: weight(72), request: { method: 'POST', url: 'Observation' } },
      ],
    };
    // No relationship with the client: refused as a single create would be, nothing stored.
    const creates = async () => Number((await server.ovi.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'Observation' AND content->'subject'->>'reference' = 'Patient/p-aino-nieminen' AND content->'code'->'coding'->0->>'code' = '29463-7'`)).rows[0]?.n);
    const refused = await post(bundle, physician.token);
    expect(refused.status).toBe(403);
    expect(await creates()).toBe(0);
    // With a recorded reason (flagged, as alone), the transaction is stored.
    const r = await post(bundle, physician.token, { 'x-access-reason': encodeURIComponent('Aluetietojen tuonti') });
    expect(r.status).toBe(200);
    expectValidBundle(r.body, 'transaction-response');
    const [derived, earlier] = r.body.entry;
    expect(derived.resource.derivedFrom[0].reference).toBe(`Observation/${earlier.resource.id}`);
    expect(derived.resource.subject.reference).toBe('Patient/p-aino-nieminen');
    expect(earlier.resource.subject.reference).toBe('Patient/p-aino-nieminen');
    expect(await creates()).toBe(2);
    // Each create has its audit record naming the client and the reason.
    const audits = await server.ovi.services.db.query<{ content: any }>(`SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->>'action' = 'C' AND content::text LIKE $1`, [`%Observation/${earlier.resource.id}%`]);
    expect(audits.rows).toHaveLength(1);
    expect(JSON.stringify(audits.rows[0]?.content)).toContain('Aluetietojen tuonti');
  });

  it('rolls the whole transaction back on one bad entry and names the entry', async () => {
    const org = urn();
    const r = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: org, resource: organization('tx-rollback'), request: { method: 'POST', url: 'Organization' } },
        { resource: { resourceType: 'Location', name: 'Huono', status: 'bogus', managingOrganization: { reference: org } }, request: { method: 'POST', url: 'Location' } },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.resourceType).toBe('OperationOutcome');
    expect(r.body.issue[0].diagnostics).toContain('Bundle.entry[1]');
    expect(r.body.issue[0].expression).toContain('Bundle.entry[1]');
    expect(await count('tx-rollback')).toBe(0);
    // A reference to an entry that is not in the Bundle is refused too, and nothing is kept.
    const dangling = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: urn(), resource: organization('tx-dangling'), request: { method: 'POST', url: 'Organization' } },
        { resource: { resourceType: 'Location', name: 'Orpo', managingOrganization: { reference: urn() } }, request: { method: 'POST', url: 'Location' } },
      ],
    });
    expect(dangling.status).toBe(400);
    expect(dangling.body.issue[0].diagnostics).toMatch(/Bundle\.entry\[1\].*not the fullUrl/);
    expect(await count('tx-dangling')).toBe(0);
  });

  it('refuses the whole transaction when the user may not write one entry, and the refusal stays audited', async () => {
    const before = await ownObservations();
    const refusals = await refusalsOf(resident.fhirUser);
    const r = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: bloodPressure(128), request: { method: 'POST', url: 'Observation' } },
        // Residents do not create Tasks: the same 403 as alone.
        { resource: { resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: resident.fhirUser } }, request: { method: 'POST', url: 'Task' } },
      ],
    }, resident.token);
    expect(r.status).toBe(403);
    expect(r.body.issue[0].diagnostics).toContain('Bundle.entry[1] (POST Task)');
    expect(await ownObservations()).toBe(before);
    expect(await refusalsOf(resident.fhirUser)).toBeGreaterThan(refusals);
    // A type without update, or a method Ovi does not do, fails the transaction as it fails alone.
    const del = await post({ resourceType: 'Bundle', type: 'transaction', entry: [
      { resource: organization('tx-405'), request: { method: 'POST', url: 'Organization' } },
      { request: { method: 'DELETE', url: 'Organization/whatever' } },
    ] });
    expect(del.status).toBe(405);
    expect(del.body.issue[0].diagnostics).toContain('Bundle.entry[1] (DELETE Organization/whatever)');
    expect(await count('tx-405')).toBe(0);
  });

  it('answers every entry of a batch on its own (MedplumClient executeBatch): successes stay, failures say why', async () => {
    const client = new MedplumClient({ baseUrl: `${server.url}/`, fhirUrlPath: 'fhir/R4/', fetch: (url: string, init?: RequestInit) => fetch(url, init) });
    client.setAccessToken(admin);
    const answer = await client.executeBatch({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { resource: organization('batch-ok') as never, request: { method: 'POST', url: 'Organization' } },
        { resource: { resourceType: 'Location', name: 'Huono', status: 'bogus' } as never, request: { method: 'POST', url: 'Location' } },
        { request: { method: 'GET', url: 'Organization/no-such-unit' } },
        { request: { method: 'DELETE', url: 'Organization/no-such-unit' } },
        { request: { method: 'PUT', url: 'Task/anything' }, resource: { resourceType: 'Task', status: 'requested', intent: 'order' } as never },
        { request: { method: 'GET', url: 'Patient?name=x' } },
        { resource: { resourceType: 'Location', name: 'Orpo', managingOrganization: { reference: urn() } } as never, request: { method: 'POST', url: 'Location' } },
      ],
    });
    expectValidBundle(answer, 'batch-response');
    expect(answer.entry?.map((e) => e.response?.status.split(' ')[0])).toEqual(['201', '400', '404', '405', '405', '403', '400']);
    for (const failed of answer.entry?.slice(1) ?? []) expect(failed.response?.outcome?.resourceType).toBe('OperationOutcome');
    expect(answer.entry?.[1]?.response?.outcome?.issue?.[0]?.diagnostics).toContain('Bundle.entry[1]');
    expect(await count('batch-ok')).toBe(1);
  });

  it('makes exactly one resource when a transaction with a conditional create is retried in parallel', async () => {
    const condition = `identifier=${SYSTEM}|tx-parallel`;
    const bundle = () => {
      const org = urn();
      return {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: org, resource: organization('tx-parallel'), request: { method: 'POST', url: 'Organization', ifNoneExist: condition } },
          { resource: { resourceType: 'Location', name: 'Vastaanotto', managingOrganization: { reference: org } }, request: { method: 'POST', url: 'Location' } },
        ],
      };
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(bundle())));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.body.entry[0].response.status).sort()).toEqual(['200 OK', '200 OK', '200 OK', '200 OK', '200 OK', '201 Created']);
    const ids = new Set(answers.map((a) => a.body.entry[0].resource.id));
    expect(ids.size).toBe(1);
    // Every transaction's Location refers to the one unit, whichever made it.
    for (const a of answers) expect(a.body.entry[1].resource.managingOrganization.reference).toBe(`Organization/${[...ids][0]}`);
    expect(await count('tx-parallel')).toBe(1);
  });

  it('updates conditionally: no match creates, one match updates, several are a 412', async () => {
    const put = (value: string, name: string, headers: Record<string, string> = {}, token = admin) =>
      server.call('PUT', `/fhir/R4/Organization?identifier=${encodeURIComponent(`${SYSTEM}|${value}`)}`, { token, body: organization(value, name), headers });
    const created = await put('cu-one', 'Ensimmäinen');
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toContain(`/fhir/R4/Organization/${created.body.id}/_history/1`);
    const updated = await put('cu-one', 'Toinen');
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, name: 'Toinen', meta: { versionId: '2' } });
    expect(await count('cu-one')).toBe(1);
    // A versioned conditional update: a stale version is a 412, the current one works.
    expect((await put('cu-one', 'Vanha', { 'if-match': 'W/"1"' })).status).toBe(412);
    expect((await put('cu-one', 'Kolmas', { 'if-match': 'W/"2"' })).status).toBe(200);
    for (const name of ['Monikko A', 'Monikko B']) expect((await server.call('POST', '/fhir/R4/Organization', { token: admin, body: organization('cu-many', name) })).status).toBe(201);
    const many = await put('cu-many', 'Kumpi');
    expect(many.status).toBe(412);
    expect(many.body.resourceType).toBe('OperationOutcome');
    // What a plain update refuses, a conditional one refuses too.
    expect((await put('cu-resident', 'Asukas', {}, resident.token)).status).toBe(403);
    expect((await server.call('PUT', '/fhir/R4/Organization', { token: admin, body: organization('cu-none') })).status).toBe(400);
    expect((await server.call('PUT', '/fhir/R4/Task?identifier=x', { token: admin, body: { resourceType: 'Task' } })).status).toBe(405);
    const binary = await server.call('PUT', '/fhir/R4/Binary?_id=x', { token: admin, body: { resourceType: 'Binary' } });
    expect([binary.status, binary.headers.get('allow')]).toEqual([405, 'POST']);
    expect(await count('cu-resident')).toBe(0);
    // In a transaction, as an entry.
    const tx = await post({ resourceType: 'Bundle', type: 'transaction', entry: [
      { resource: organization('cu-one', 'Neljäs'), request: { method: 'PUT', url: `Organization?identifier=${encodeURIComponent(`${SYSTEM}|cu-one`)}` } },
      { resource: organization('cu-tx', 'Uusi'), request: { method: 'PUT', url: `Organization?identifier=${encodeURIComponent(`${SYSTEM}|cu-tx`)}` } },
    ] });
    expect(tx.status).toBe(200);
    expectValidBundle(tx.body, 'transaction-response');
    expect(tx.body.entry.map((e: any) => e.response.status)).toEqual(['200 OK', '201 Created']);
    expect(tx.body.entry[0].resource).toMatchObject({ id: created.body.id, name: 'Neljäs', meta: { versionId: '4' } });
    // Prefer: return=minimal leaves the resources out; status, location and version stay.
    const minimal = await post({ resourceType: 'Bundle', type: 'transaction', entry: [
      { resource: { ...organization('cu-one', 'Viides'), id: created.body.id }, request: { method: 'PUT', url: `Organization/${created.body.id}`, ifMatch: 'W/"4"' } },
    ] }, admin, { prefer: 'return=minimal' });
    expectValidBundle(minimal.body, 'transaction-response');
    expect(minimal.body.entry[0]).toEqual({ response: expect.objectContaining({ status: '200 OK', location: `Organization/${created.body.id}/_history/5`, etag: 'W/"5"' }) });
    const stale = await post({ resourceType: 'Bundle', type: 'transaction', entry: [
      { resource: { ...organization('cu-one', 'Vanhentunut'), id: created.body.id }, request: { method: 'PUT', url: `Organization/${created.body.id}`, ifMatch: 'W/"4"' } },
    ] });
    expect(stale.status).toBe(412);
  });

  it('answers If-None-Match: 304 for the current version on a read, 412 for a create-only write of what exists', async () => {
    const made = await server.call('POST', '/fhir/R4/Organization', { token: admin, body: organization('inm') });
    const path = `/fhir/R4/Organization/${made.body.id}`;
    const same = await server.call('GET', path, { token: admin, headers: { 'if-none-match': 'W/"1"' } });
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe('W/"1"');
    expect((await server.call('GET', path, { token: admin, headers: { 'if-none-match': 'W/"7"' } })).status).toBe(200);
    // The 304 is not a way around access: a resident's read of another client's record is refused first.
    expect((await server.call('GET', '/fhir/R4/Patient/no-such-client', { token: resident.token, headers: { 'if-none-match': '*' } })).status).not.toBe(304);
    expect((await server.call('PUT', path, { token: admin, body: { ...made.body }, headers: { 'if-none-match': '*' } })).status).toBe(412);
    const conditional = `/fhir/R4/Organization?identifier=${encodeURIComponent(`${SYSTEM}|inm`)}`;
    expect((await server.call('PUT', conditional, { token: admin, body: organization('inm'), headers: { 'if-none-match': '*' } })).status).toBe(412);
    const fresh = `/fhir/R4/Organization?identifier=${encodeURIComponent(`${SYSTEM}|inm-new`)}`;
    expect((await server.call('PUT', fresh, { token: admin, body: organization('inm-new'), headers: { 'if-none-match': '*' } })).status).toBe(201);
    expect((await server.call('GET', path, { token: admin })).body.meta.versionId).toBe('1');
    // In a batch entry too.
    const batch = await post({ resourceType: 'Bundle', type: 'batch', entry: [
      { request: { method: 'GET', url: `Organization/${made.body.id}`, ifNoneMatch: 'W/"1"' } },
      { request: { method: 'GET', url: `Organization/${made.body.id}`, ifNoneMatch: 'W/"0"' } },
    ] });
    expectValidBundle(batch.body, 'batch-response');
    expect(batch.body.entry.map((e: any) => e.response.status)).toEqual(['304 Not Modified', '200 OK']);
    expect(batch.body.entry[0].resource).toBeUndefined();
  });

  it('refuses too many entries and too large a body with 413, and anything but a batch or transaction with 400', async () => {
    const many = { resourceType: 'Bundle', type: 'batch', entry: Array.from({ length: 1001 }, () => ({ request: { method: 'GET', url: 'Organization?_count=1' } })) };
    const tooMany = await post(many);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.resourceType).toBe('OperationOutcome');
    expect(tooMany.body.issue[0].diagnostics).toContain('1000');
    const huge = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { ...organization('tx-huge'), alias: Array.from({ length: 11_000 }, () => 'x'.repeat(1000)) }, request: { method: 'POST', url: 'Organization' } }] };
    const tooLarge = await post(huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.resourceType).toBe('OperationOutcome');
    expect(await count('tx-huge')).toBe(0);
    for (const type of ['collection', 'document', 'searchset', 'transaction-response', undefined]) {
      const r = await post({ resourceType: 'Bundle', type, entry: [{ resource: organization('tx-type'), request: { method: 'POST', url: 'Organization' } }] });
      expect(r.status, String(type)).toBe(400);
      expect(r.body.issue[0].expression).toEqual(['Bundle.type']);
    }
    expect((await post(organization('tx-type'))).status).toBe(400);
    expect((await post({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: organization('tx-type') }] })).status).toBe(400);
    expect(await count('tx-type')).toBe(0);
    expect((await server.call('POST', '/fhir/R4', { body: { resourceType: 'Bundle', type: 'batch', entry: [] } })).status).toBe(401);
    const twice = urn();
    const sameFullUrl = await post({ resourceType: 'Bundle', type: 'transaction', entry: [
      { fullUrl: twice, resource: organization('tx-type'), request: { method: 'POST', url: 'Organization' } },
      { fullUrl: twice, resource: organization('tx-type'), request: { method: 'POST', url: 'Organization' } },
    ] });
    expect(sameFullUrl.status).toBe(400);
    expect(sameFullUrl.body.issue[0].diagnostics).toContain('Bundle.entry[1]');
    expect(await count('tx-type')).toBe(0);
    const empty = await post({ resourceType: 'Bundle', type: 'transaction' });
    expect(empty.status).toBe(200);
    expectValidBundle(empty.body, 'transaction-response');
  });

  it('takes a Synthea-style transaction: a conditional reference and conditional creates of the directory', async () => {
    await server.call('POST', '/fhir/R4/Organization', { token: admin, body: organization('synthea-hospital', 'Keskussairaala') });
    const location = urn();
    const r = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: location,
          resource: { resourceType: 'Location', name: 'Päivystys', managingOrganization: { reference: `Organization?identifier=${SYSTEM}|synthea-hospital` } },
          request: { method: 'POST', url: 'Location', ifNoneExist: 'name=Päivystys' },
        },
        { fullUrl: urn(), resource: { resourceType: 'HealthcareService', name: 'Päivystys', location: [{ reference: location }] }, request: { method: 'POST', url: 'HealthcareService' } },
      ],
    });
    expect(r.status).toBe(200);
    expectValidBundle(r.body, 'transaction-response');
    const hospital = (await server.call('GET', `/fhir/R4/Organization?identifier=${encodeURIComponent(`${SYSTEM}|synthea-hospital`)}`, { token: admin })).body.entry[0].resource.id;
    expect(r.body.entry[0].resource.managingOrganization.reference).toBe(`Organization/${hospital}`);
    const unknown = await post({ resourceType: 'Bundle', type: 'transaction', entry: [
      { resource: { resourceType: 'Location', name: 'Orpo', managingOrganization: { reference: `Organization?identifier=${SYSTEM}|no-such-hospital` } }, request: { method: 'POST', url: 'Location' } },
    ] });
    expect(unknown.status).toBe(412);
    expect(unknown.body.issue[0].diagnostics).toContain('Bundle.entry[0]');
  });
});

import { MedplumClient } from '@medplum/core';
import type { Organization } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

/** POST with If-None-Exist (R4 http.html#ccreate): a retried create never makes a duplicate. */
describe.each(BACKENDS)('conditional create on %s', (backend) => {
  let server: TestServer;
  let admin: string;
  let resident: { token: string; fhirUser: string };
  let parent: { token: string; fhirUser: string };

  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
    resident = await server.login('resident');
    parent = await server.login('parent');
  });
  afterAll(async () => server?.close());

  const SYSTEM = 'https://example.org/region-organisations';
  const organization = (value: string, name = `Yksikkö ${value}`) => ({ resourceType: 'Organization', name, identifier: [{ system: SYSTEM, value }] });
  const count = async (value: string) => (await server.call('GET', `/fhir/R4/Organization?identifier=${encodeURIComponent(`${SYSTEM}|${value}`)}&_count=0`, { token: admin })).body.total;
  const post = (body: unknown, condition: string, token = admin) =>
    server.call('POST', `/fhir/R4/${(body as { resourceType: string }).resourceType}`, { token, body, headers: { 'if-none-exist': condition } });

  it('creates when nothing matches (201), answers the match when one does (200, nothing created)', async () => {
    const condition = `identifier=${SYSTEM}|cc-one`;
    const first = await post(organization('cc-one'), condition);
    expect(first.status).toBe(201);
    const again = await post(organization('cc-one', 'Toinen nimi'), condition);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.name).toBe('Yksikkö cc-one');
    expect(await count('cc-one')).toBe(1);
    // The same condition written as `Type?…` or with a leading `?` is the same condition.
    expect((await post(organization('cc-one'), `Organization?${condition}`)).status).toBe(200);
    expect((await post(organization('cc-one'), `?${condition}`)).status).toBe(200);
  });

  it('refuses with 412 when several match, and creates nothing', async () => {
    for (const name of ['Monikko A', 'Monikko B']) expect((await server.call('POST', '/fhir/R4/Organization', { token: admin, body: organization('cc-many', name) })).status).toBe(201);
    const r = await post(organization('cc-many'), `identifier=${SYSTEM}|cc-many`);
    expect(r.status).toBe(412);
    expect(r.body.resourceType).toBe('OperationOutcome');
    expect(await count('cc-many')).toBe(2);
  });

  it('refuses an empty or non-search condition, and still refuses what a plain create refuses', async () => {
    expect((await post(organization('cc-bad'), '')).status).toBe(400);
    expect((await post(organization('cc-bad'), '_count=1')).status).toBe(400);
    expect((await post(organization('cc-bad'), 'no-such-param=1')).status).toBe(400);
    expect((await post(organization('cc-bad'), `identifier=${SYSTEM}|cc-bad`, resident.token)).status).toBe(403);
    expect((await post({ ...organization('cc-bad'), active: 'yes' }, `identifier=${SYSTEM}|cc-bad`)).status).toBe(400);
    expect(await count('cc-bad')).toBe(0);
  });

  it('makes exactly one resource from six parallel retries with the same header', async () => {
    const condition = `identifier=${SYSTEM}|cc-parallel`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(organization('cc-parallel'), condition)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count('cc-parallel')).toBe(1);
  });

  it("searches with the writer's own access: another client's matching record is neither returned nor revealed", async () => {
    const consent = (patient: string) => ({
      resourceType: 'Consent',
      status: 'inactive',
      identifier: [{ system: SYSTEM, value: 'cc-consent' }],
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/consent-category', code: 'register-sharing' }] }],
      patient: { reference: patient },
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
      provision: { type: 'permit' },
    });
    const condition = `identifier=${SYSTEM}|cc-consent`;
    const mine = await post(consent(resident.fhirUser), condition, resident.token);
    expect(mine.status).toBe(201);
    expect((await post(consent(resident.fhirUser), condition, resident.token)).body.id).toBe(mine.body.id);
    // The parent's search is confined to their own records: the resident's consent is not theirs.
    const theirs = await post(consent(parent.fhirUser), condition, parent.token);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.patient.reference).toBe(parent.fhirUser);
  });

  it("works through Medplum's client, unchanged (createResourceIfNoneExist)", async () => {
    const client = new MedplumClient({ baseUrl: `${server.url}/`, fhirUrlPath: 'fhir/R4/', fetch: (url: string, init?: RequestInit) => fetch(url, init) });
    client.setAccessToken(admin);
    const made = await client.createResourceIfNoneExist(organization('cc-medplum') as Organization, `identifier=${SYSTEM}|cc-medplum`);
    const again = await client.createResourceIfNoneExist(organization('cc-medplum', 'Muu') as Organization, `identifier=${SYSTEM}|cc-medplum`);
    expect(again.id).toBe(made.id);
    expect(await count('cc-medplum')).toBe(1);
  });
});

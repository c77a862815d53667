import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

const SAMPLE: Record<string, string> = { token: 'x', string: 'x', date: 'ge2020-01-01', reference: 'x', uri: 'http://example.org/x', number: '1', quantity: '1' };

/** What a client reads as "this server does not do that" (as opposed to "not found", "not yours", "bad input"). */
function refusedAsUnsupported(r: { status: number; body: any }): boolean {
  if (r.status === 405 || r.status === 501 || r.status >= 500) return true;
  const text = JSON.stringify(r.body?.issue ?? '');
  return [400, 404].includes(r.status) && /not supported|No such endpoint|Unknown search parameter|not defined|Unsupported modifier/i.test(text);
}

/**
 * Issue 12: the CapabilityStatement says what the server does. Every interaction, search
 * parameter and operation it lists is tried against the running server; none may be refused
 * as unsupported, and every OperationDefinition link resolves.
 */
describe.each(BACKENDS)('the CapabilityStatement against the server on %s', (backend) => {
  let server: TestServer;
  let admin: string;
  let resident: string;
  let rest: any;
  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
    resident = (await server.login('resident')).token;
    rest = (await server.call('GET', '/fhir/R4/metadata')).body.rest[0];
  });
  afterAll(async () => server?.close());

  /** Personal data is searched as its client (scoped to them); directory data as the administrator. */
  const userFor = (type: string) => (['Organization', 'Location', 'HealthcareService', 'Practitioner', 'PractitionerRole', 'Questionnaire', 'CareTeam', 'Schedule', 'Slot', 'OperationDefinition', 'Measure'].includes(type) ? admin : resident);

  it('lists no parameter or interaction the issue found refused, and says how to authenticate', () => {
    const names = rest.resource.flatMap((r: any) => (r.searchParam ?? []).map((p: any) => p.name));
    for (const refused of ['phonetic', '_compartment', '_source']) expect(names).not.toContain(refused);
    for (const type of ['Task', 'QuestionnaireResponse', 'Communication', 'AuditEvent']) {
      expect(rest.resource.find((r: any) => r.type === type).interaction.map((i: any) => i.code)).not.toContain('update');
    }
    // CORS is sent to registered SMART apps' origins (test/smart/smartLaunch.test.ts tries it).
    expect(rest.security.cors).toBe(true);
    expect(rest.security.description).toContain('Bearer');
  });

  it('claims conditional create only where it works, and it does (If-None-Exist: 201, then 200 with the same resource)', async () => {
    for (const resource of rest.resource) {
      const codes = resource.interaction.map((i: any) => i.code);
      expect(resource.conditionalCreate, resource.type).toBe(codes.includes('create') && codes.includes('search-type'));
    }
    const body = { resourceType: 'Organization', name: 'Ehdollinen', identifier: [{ system: 'https://example.org/conformance', value: 'cc' }] };
    const headers = { 'if-none-exist': 'identifier=https://example.org/conformance|cc' };
    const first = await server.call('POST', '/fhir/R4/Organization', { token: admin, body, headers });
    const second = await server.call('POST', '/fhir/R4/Organization', { token: admin, body, headers });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
  });

  it('claims conditional update only where it works, and it does (no match 201, one match 200)', async () => {
    for (const resource of rest.resource) {
      const codes = resource.interaction.map((i: any) => i.code);
      expect(resource.conditionalUpdate, resource.type).toBe(codes.includes('update') && codes.includes('search-type') && codes.includes('create'));
    }
    const body = { resourceType: 'Organization', name: 'Ehdollinen päivitys', identifier: [{ system: 'https://example.org/conformance', value: 'cu' }] };
    const path = `/fhir/R4/Organization?identifier=${encodeURIComponent('https://example.org/conformance|cu')}`;
    const first = await server.call('PUT', path, { token: admin, body });
    const second = await server.call('PUT', path, { token: admin, body: { ...body, name: 'Muutettu' } });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toMatchObject({ id: first.body.id, name: 'Muutettu' });
  });

  it('does every listed system interaction (transaction and batch at the base)', async () => {
    const codes = (rest.interaction ?? []).map((i: any) => i.code).sort();
    expect(codes).toEqual(['batch', 'transaction']);
    for (const type of codes) {
      const body = { resourceType: 'Bundle', type, entry: [{ resource: { resourceType: 'Organization', name: `Kokeilu ${type}` }, request: { method: 'POST', url: 'Organization' } }] };
      const r = await server.call('POST', '/fhir/R4', { token: admin, body });
      expect(r.status, type).toBe(200);
      expect(r.body).toMatchObject({ resourceType: 'Bundle', type: `${type}-response`, entry: [{ response: { status: '201 Created' } }] });
    }
  });

  it('answers every listed search parameter (200 on a search)', async () => {
    const failures: string[] = [];
    for (const resource of rest.resource) {
      if (!resource.interaction.some((i: any) => i.code === 'search-type')) continue;
      for (const param of resource.searchParam ?? [{ name: '_count', type: 'number' }]) {
        const path = `/fhir/R4/${resource.type}?${param.name}=${encodeURIComponent(SAMPLE[param.type] ?? 'x')}`;
        // A CareTeam named by its client is that client's data.
        const token = resource.type === 'CareTeam' && ['patient', 'subject'].includes(param.name) ? resident : userFor(resource.type);
        const r = await server.call('GET', path, { token });
        if (r.status !== 200 || r.body.resourceType !== 'Bundle') failures.push(`${path} → ${r.status} ${JSON.stringify(r.body?.issue?.[0]?.diagnostics ?? '')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('does every listed interaction (none refused as unsupported)', async () => {
    const failures: string[] = [];
    for (const resource of rest.resource) {
      const type = resource.type as string;
      const token = userFor(type);
      const found = await server.call('GET', `/fhir/R4/${type}?_count=1`, { token });
      const existing = found.body?.entry?.[0]?.resource;
      const id = existing?.id ?? 'no-such-id';
      const tries: Record<string, () => Promise<{ status: number; body: any }>> = {
        'search-type': () => server.call('GET', `/fhir/R4/${type}`, { token }),
        read: () => server.call('GET', `/fhir/R4/${type}/${id}`, { token }),
        vread: () => server.call('GET', `/fhir/R4/${type}/${id}/_history/1`, { token }),
        'history-instance': () => server.call('GET', `/fhir/R4/${type}/${id}/_history`, { token }),
        'history-type': () => server.call('GET', `/fhir/R4/${type}/_history`, { token }),
        update: () => server.call('PUT', `/fhir/R4/${type}/${id}`, { token, body: existing ?? { resourceType: type, id } }),
        // An empty resource: a 400 says what is missing, which is not "unsupported".
        create: () => (type === 'Binary' ? server.call('POST', '/fhir/R4/Binary', { token, raw: 'x', headers: { 'content-type': 'text/plain' } }) : server.call('POST', `/fhir/R4/${type}`, { token, body: { resourceType: type } })),
      };
      for (const { code } of resource.interaction) {
        const attempt = tries[code];
        if (!attempt) {
          failures.push(`${type} ${code}: not tried`);
          continue;
        }
        const r = await attempt();
        if (refusedAsUnsupported(r)) failures.push(`${type} ${code} → ${r.status} ${JSON.stringify(r.body?.issue?.[0]?.diagnostics ?? '')}`);
      }
      if (existing && resource.interaction.some((i: any) => i.code === 'read')) {
        expect((await tries.read!()).status, `${type} read`).toBe(200);
      }
    }
    expect(failures).toEqual([]);
  });

  it('serves the OperationDefinition of every listed operation, and the operation answers', async () => {
    const failures: string[] = [];
    for (const resource of rest.resource) {
      for (const operation of resource.operation ?? []) {
        const path = new URL(operation.definition).pathname;
        const definition = await server.call('GET', path);
        expect(definition.status, path).toBe(200);
        expect(definition.body).toMatchObject({ resourceType: 'OperationDefinition', code: operation.name, resource: [resource.type], kind: 'operation' });
        const target = definition.body.instance ? `/fhir/R4/${resource.type}/no-such-id/$${operation.name}` : `/fhir/R4/${resource.type}/$${operation.name}`;
        const r = await server.call('POST', target, { token: admin, body: { resourceType: 'Parameters' } });
        if (refusedAsUnsupported(r)) failures.push(`${target} → ${r.status} ${JSON.stringify(r.body?.issue?.[0]?.diagnostics ?? '')}`);
      }
    }
    expect(failures).toEqual([]);
    const all = await server.call('GET', '/fhir/R4/OperationDefinition');
    expect(all.body.total).toBe(rest.resource.flatMap((r: any) => r.operation ?? []).length);
  });
});

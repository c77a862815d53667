import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_TYPES, PERSONAL_TYPES } from '../../src/fhir/resourceTypes';
import { PATIENT_SEARCH_PARAM } from '../../src/access/patientLinks';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

const ROLES = ['resident', 'guidance', 'physician', 'physio', 'social', 'manager', 'admin'] as const;
type Role = (typeof ROLES)[number];

/**
 * Every role × every resource type × read, search, create and update, plus searches that would
 * leak other clients' data (chains, includes, reverse chains): denied where they should be,
 * each refusal of personal data audited, nothing changed.
 */
describe.each(BACKENDS)('full access matrix on %s', (backend) => {
  let server: TestServer;
  // One existing resource of each type that belongs to a client nobody but guidance works with.
  const sample = new Map<string, any>();
  let stranger: string;

  beforeAll(async () => {
    server = await startOn(backend);
    const { store } = server.ovi.services;
    const task = (await store.search({ resourceType: 'Task', filters: [{ code: 'code', kind: 'token', values: ['client-guidance'] }], sort: [], count: 1, offset: 0 })).resources[0] as any;
    stranger = task.for.reference;
    for (const type of [...DIRECTORY_TYPES, ...PERSONAL_TYPES]) {
      const filters = PERSONAL_TYPES.includes(type as never) && type !== 'AuditEvent' ? [{ code: PATIENT_SEARCH_PARAM[type] ?? 'patient', kind: (type === 'Patient' ? 'id' : 'reference') as 'id', values: [type === 'Patient' ? stranger.replace('Patient/', '') : stranger] }] : [];
      const found = (await store.search({ resourceType: type, filters, sort: [], count: 1, offset: 0 })).resources[0];
      if (found) sample.set(type, found);
    }
  });
  afterAll(async () => server?.close());

  const expectedRead = (role: Role, type: string): number[] => {
    if (!PERSONAL_TYPES.includes(type as never)) return [200];
    if (role === 'resident') return [404];
    if (role === 'guidance' && type !== 'AuditEvent') return [200, 403]; // the queue gives a relationship to the client, not to every record type
    return [403];
  };

  it('reads: every role × every type', async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const { token } = await server.login(role);
      for (const [type, resource] of sample) {
        const r = await server.call('GET', `/fhir/R4/${type}/${resource.id}`, { token });
        if (!expectedRead(role, type).includes(r.status)) failures.push(`${role} GET ${type}/${resource.id} → ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('searches: personal data only for oneself or a client one works with', async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const { token, fhirUser } = await server.login(role);
      for (const type of PERSONAL_TYPES) {
        const param = PATIENT_SEARCH_PARAM[type] ?? 'patient';
        const value = param === '_id' ? stranger.replace('Patient/', '') : stranger;
        const r = await server.call('GET', `/fhir/R4/${type}?${param}=${encodeURIComponent(value)}`, { token });
        // A resident's own attempts (they are the agent) name what they tried; nothing else may name another client.
        const others = (r.body.entry ?? []).map((e: any) => e.resource).filter((x: any) => x.resourceType !== 'AuditEvent' || x.agent?.[0]?.who?.reference !== fhirUser);
        const leaked = r.status === 200 && others.some((x: any) => JSON.stringify(x).includes(stranger));
        if (role === 'resident' && (r.status !== 200 || others.length !== 0)) failures.push(`${role} ${type}?${param}=stranger → ${r.status}, ${others.length} not their own`);
        if (['manager', 'admin'].includes(role) && r.status !== 403) failures.push(`${role} ${type} search → ${r.status}`);
        if (['physician', 'physio', 'social'].includes(role) && r.status !== 403) failures.push(`${role} ${type} search → ${r.status}`);
        if (leaked && role !== 'guidance') failures.push(`${role} ${type} search leaked the stranger's data`);
        // No search without naming a client, for anyone but the resident (who is confined to themselves).
        const open = await server.call('GET', `/fhir/R4/${type}`, { token });
        const openOthers = (open.body.entry ?? []).map((e: any) => e.resource).filter((x: any) => x.resourceType !== 'AuditEvent' || x.agent?.[0]?.who?.reference !== fhirUser);
        if (role === 'resident' ? open.status !== 200 || JSON.stringify(openOthers).includes(stranger) : open.status !== 403) failures.push(`${role} GET ${type} (no client) → ${open.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('chains, includes and reverse chains are refused, not silently widened', async () => {
    const { token } = await server.login('guidance');
    for (const query of ['Task?patient.name=a', 'Task?subject:Patient.name=a', 'Task?_include=Task:patient', 'Patient?_revinclude=Task:patient', 'Patient?_has:Task:patient:status=ready', 'Task?_filter=status eq ready', 'Observation?subject.identifier=x']) {
      const r = await server.call('GET', `/fhir/R4/${query}`, { token });
      expect(r.status, query).toBe(400);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
  });

  it('creates and updates: directory by admins only, personal data never by managers or admins, nothing changed', async () => {
    const before = await countNonAudit(server);
    const failures: string[] = [];
    for (const role of ROLES) {
      const { token } = await server.login(role);
      for (const [type, resource] of sample) {
        const { id, meta, ...body } = resource;
        void meta;
        const isDirectory = !PERSONAL_TYPES.includes(type as never);
        // An update that must fail for everyone but an admin on directory data: change nothing but ask for the wrong version.
        const put = await server.call('PUT', `/fhir/R4/${type}/${id}`, { token, body: { ...resource }, headers: { 'if-match': 'W/"999"' } });
        // Staff who work with the client may correct the client's details (here: a stale version → 412).
        const staffEditsClient = type === 'Patient' && role === 'guidance';
        // Contacts and their Tasks change only through operations, the audit log never: no role
        // may PUT them, so the interaction itself is refused (405 with Allow).
        const noUpdate = ['QuestionnaireResponse', 'Task', 'AuditEvent'].includes(type);
        const allowedPut = noUpdate ? [405] : (isDirectory && role === 'admin') || staffEditsClient ? [412] : role === 'resident' ? [403, 404] : [403];
        if (!allowedPut.includes(put.status)) failures.push(`${role} PUT ${type} → ${put.status}`);
        if (!isDirectory && type !== 'QuestionnaireResponse' && type !== 'Task') {
          const post = await server.call('POST', `/fhir/R4/${type}`, { token, body });
          if (post.status < 400) failures.push(`${role} POST ${type} → ${post.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('audits every refused access to personal data', async () => {
    const physio = await server.login('physio');
    const resident = await server.login('resident');
    const target = sample.get('Patient');
    const before = await server.ovi.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' = '4'`);
    await server.call('GET', `/fhir/R4/Patient/${target.id}`, { token: physio.token });
    await server.call('GET', `/fhir/R4/Patient/${target.id}`, { token: resident.token });
    await server.call('GET', `/fhir/R4/Task?patient=${stranger}`, { token: physio.token });
    const after = await server.ovi.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' = '4'`);
    expect(Number(after.rows[0]?.n) - Number(before.rows[0]?.n)).toBe(3);
  });

  it('shows a client the audit records that name them, without the other clients they name', async () => {
    const guidance = await server.login('guidance');
    const resident = await server.login('resident');
    await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: resident.token,
      body: { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'https://fhir.ovi.fi/Questionnaire/contact-request', subject: { reference: resident.fhirUser }, item: [{ linkId: 'danger-signs', answer: [{ valueCoding: { system: 'https://fhir.ovi.fi/CodeSystem/danger-sign', code: 'none' } }] }, { linkId: 'reason', answer: [{ valueCoding: { system: 'https://fhir.ovi.fi/CodeSystem/contact-reason', code: 'other' } }] }, { linkId: 'duration', answer: [{ valueCoding: { system: 'https://fhir.ovi.fi/CodeSystem/contact-duration', code: 'days' } }] }, { linkId: 'description', answer: [{ valueString: 'Kysymys' }] }, { linkId: 'contact-preference', answer: [{ valueCoding: { system: 'https://fhir.ovi.fi/CodeSystem/contact-preference', code: 'message' } }] }] },
    });
    await server.call('GET', '/api/guidance/queue', { token: guidance.token }); // one record naming every queued client
    const log = await server.call('GET', `/fhir/R4/AuditEvent?patient=${resident.fhirUser}&_count=100`, { token: resident.token });
    const queueRead = log.body.entry.map((e: any) => e.resource).find((a: any) => a.agent[0].who.reference === guidance.fhirUser && a.outcomeDesc === 'work queue');
    expect(queueRead).toBeDefined();
    const named = queueRead.entity.filter((e: any) => e.what?.reference?.startsWith('Patient/')).map((e: any) => e.what.reference);
    expect(named).toEqual([resident.fhirUser]);
    const direct = await server.call('GET', `/fhir/R4/AuditEvent/${queueRead.id}`, { token: resident.token });
    expect(direct.status).toBe(200);
    expect(JSON.stringify(direct.body)).not.toContain(stranger);
  });
});

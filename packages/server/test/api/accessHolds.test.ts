/**
 * Access that holds under attack (client-data act 703/2023): two registers, relationships
 * that end, no relationship from a reasoned write, look-ups that cannot list people,
 * modifiers refused, old versions checked against their own client, every refusal audited.
 * Every check asserts the HTTP status and the audit record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, AuditEvent, Observation } from '@medplum/fhirtypes';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, startOn } from './backends';

type Session = { token: string; fhirUser: string };
const REASON = { 'x-access-reason': encodeURIComponent('Asiakas pyysi tarkistamaan tiedot') };
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const input = (task: any, code: string) => task.input.find((i: any) => i.type.coding[0].code === code);
const MONEY = { reason: 'money-housing', duration: 'months', severity: 5, description: 'Vuokra on noussut enkä selviä laskuista.', 'contact-preference': 'phone' };
const CHEST = { reason: 'chest', 'chest-severe': false, duration: 'days', severity: 3, description: 'Rintaan pistää välillä.', 'contact-preference': 'phone' };

describe.each(BACKENDS)('access that holds on %s', (backend) => {
  let server: TestServer;
  let resident: Session;
  let guidance: Session;
  let physician: Session;
  let social: Session;
  let parent: Session;
  let children: string[];

  /** The newest audit records of a user, newest first. */
  const auditsBy = async (user: Session, limit = 10): Promise<AuditEvent[]> => {
    const r = await server.ovi.services.db.query<{ content: AuditEvent }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->'agent'->0->'who'->>'reference' = $1 ORDER BY last_updated DESC, id DESC LIMIT $2`,
      [user.fhirUser, limit],
    );
    return r.rows.map((row) => row.content);
  };
  const names = (event: AuditEvent | undefined, patient: string) => (event?.entity ?? []).some((e) => e.what?.reference === patient);
  const flagged = (event: AuditEvent | undefined, code: string) => (event?.purposeOfEvent ?? []).some((p) => p.coding?.some((c) => c.code === code));
  const lastRefusal = async (user: Session) => (await auditsBy(user)).find((e) => e.outcome !== '0');

  const send = async (as: Session, subject: string, answers: Record<string, unknown>) => {
    const r = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: as.token, body: contactBody(subject, answers as never) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { response: r.body, taskRef: r.headers.get('x-ovi-task') ?? '' };
  };

  beforeAll(async () => {
    server = await startOn(backend);
    [resident, guidance, physician, social, parent] = (await Promise.all(['resident', 'guidance', 'physician', 'social', 'parent'].map((u) => server.login(u)))) as Session[] as [Session, Session, Session, Session, Session];
    children = (await server.call('GET', '/api/me/children', { token: parent.token })).body.children.map((c: any) => c.reference);
  });
  afterAll(async () => server?.close());

  it('keeps social-welfare and health data apart, opened only by consent or a recorded basis, and consent can be withdrawn', async () => {
    const money = await send(resident, resident.fhirUser, MONEY);
    const chest = await send(resident, resident.fhirUser, CHEST);
    // The guidance nurse sees both while they wait in the queue.
    expect((await server.call('GET', `/fhir/R4/${money.taskRef}`, { token: guidance.token })).status).toBe(200);
    const moneyTask = (await server.call('GET', `/fhir/R4/${money.taskRef}`, { token: guidance.token })).body;
    expect(moneyTask.meta.security.find((s: any) => s.system.endsWith('/register')).code).toBe('social');
    // Routed to the social-guidance service and to the health-station team.
    for (const [taskRef, routeTo] of [[money.taskRef, 'HealthcareService/svc-social-guidance'], [chest.taskRef, 'CareTeam/team-kokkola']] as const) {
      const routed = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
        token: guidance.token,
        body: params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'Ohjattu eteenpäin.' }, { name: 'routeTo', valueReference: { reference: routeTo } }),
      });
      expect(routed.status, JSON.stringify(routed.body)).toBe(200);
    }
    // The social instructor (Suosikki) is in both the service and the team: social data yes, health data no.
    expect((await server.call('GET', `/fhir/R4/QuestionnaireResponse/${money.response.id}`, { token: social.token })).status).toBe(200);
    const refused = await server.call('GET', `/fhir/R4/QuestionnaireResponse/${chest.response.id}`, { token: social.token });
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0].diagnostics).toMatch(/health-care register/);
    const refusal = await lastRefusal(social);
    expect(names(refusal, resident.fhirUser)).toBe(true);
    // Her search of the client's contacts leaves the health ones out.
    const list = await server.call('GET', `/fhir/R4/QuestionnaireResponse?subject=${resident.fhirUser}&_count=100`, { token: social.token });
    expect(list.status).toBe(200);
    const ids = (list.body.entry ?? []).map((e: any) => e.resource.id);
    expect(ids).toContain(money.response.id);
    expect(ids).not.toContain(chest.response.id);
    // With a recorded legal basis: seen, and flagged.
    const withBasis = await server.call('GET', `/fhir/R4/QuestionnaireResponse/${chest.response.id}`, { token: social.token, headers: REASON });
    expect(withBasis.status).toBe(200);
    expect(flagged((await auditsBy(social, 1))[0], 'recorded-reason')).toBe(true);

    // The physician (Terhikki) is in the team: the social-welfare contact is closed to them …
    expect((await server.call('GET', `/fhir/R4/QuestionnaireResponse/${money.response.id}`, { token: physician.token })).status).toBe(403);
    expect(names(await lastRefusal(physician), resident.fhirUser)).toBe(true);
    // … until the client consents to sharing, and again after the consent is withdrawn.
    const consent = await server.call('POST', '/fhir/R4/Consent', {
      token: resident.token,
      body: {
        resourceType: 'Consent',
        status: 'active',
        scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
        category: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/consent-category', code: 'register-sharing' }] }],
        patient: { reference: resident.fhirUser },
        dateTime: new Date().toISOString(),
        policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
        provision: { type: 'permit' },
      },
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    const shared = await server.call('GET', `/fhir/R4/QuestionnaireResponse/${money.response.id}`, { token: physician.token });
    expect(shared.status).toBe(200);
    expect(flagged((await auditsBy(physician, 1))[0], 'client-consent')).toBe(true);
    const withdrawn = await server.call('PUT', `/fhir/R4/Consent/${consent.body.id}`, { token: resident.token, body: { ...consent.body, status: 'inactive' } });
    expect(withdrawn.status).toBe(200);
    expect((await server.call('GET', `/fhir/R4/QuestionnaireResponse/${money.response.id}`, { token: physician.token })).status).toBe(403);
    // Another resident cannot consent for this one.
    const forged = await server.call('POST', '/fhir/R4/Consent', { token: parent.token, body: { ...consent.body, id: undefined, meta: undefined, status: 'active' } });
    expect(forged.status).toBe(404);
  });

  it('ends a relationship with its work: a closed Task after the follow-up period, a past Appointment after the set days', async () => {
    const [child] = children;
    const contact = await send(parent, child ?? '', BACK_PAIN);
    await server.call('POST', `/fhir/R4/${contact.taskRef}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'self-care' }, { name: 'note', valueString: 'Lepoa ja liikettä.' }),
    });
    // Closed, within the follow-up period: still seen.
    expect((await server.call('GET', `/fhir/R4/${child}`, { token: guidance.token })).status).toBe(200);
    const admin = await server.login('admin');
    const lifetimes = await server.call('PUT', '/api/admin/access-lifetimes', { token: admin.token, body: { taskFollowUpDays: 0, appointmentDays: 30 } });
    expect(lifetimes.status).toBe(200);
    const after = await server.call('GET', `/fhir/R4/${child}`, { token: guidance.token });
    expect(after.status).toBe(403);
    expect(names(await lastRefusal(guidance), child ?? '')).toBe(true);
    expect((await server.call('PUT', '/api/admin/access-lifetimes', { token: admin.token, body: { taskFollowUpDays: -1, appointmentDays: 30 } })).status).toBe(400);
    expect((await server.call('PUT', '/api/admin/access-lifetimes', { token: guidance.token, body: { taskFollowUpDays: 30, appointmentDays: 30 } })).status).toBe(403);

    // A visit 10 days ago still counts; one 40 days ago does not.
    const child2 = children[1] ?? '';
    const visit = (daysAgo: number): Appointment => ({
      resourceType: 'Appointment',
      status: 'fulfilled',
      start: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
      end: new Date(Date.now() - daysAgo * 86_400_000 + 1_800_000).toISOString(),
      participant: [{ actor: { reference: child2 }, status: 'accepted' }, { actor: { reference: physician.fhirUser }, status: 'accepted' }],
    });
    const old = await server.ovi.services.store.create(visit(40) as Appointment);
    expect((await server.call('GET', `/fhir/R4/${child2}`, { token: physician.token })).status).toBe(403);
    const recent = await server.ovi.services.store.create(visit(10) as Appointment);
    expect((await server.call('GET', `/fhir/R4/${child2}`, { token: physician.token })).status).toBe(200);
    expect(old.id).not.toBe(recent.id);
    await server.call('PUT', '/api/admin/access-lifetimes', { token: admin.token, body: { taskFollowUpDays: 30, appointmentDays: 30 } });
  });

  it('never turns a write on a recorded reason into a relationship, and a contact for a stranger needs a reason', async () => {
    const stranger = 'Patient/' + (await server.call('GET', `/fhir/R4/Patient?identifier=urn:oid:1.2.246.21|${await picOf(server, 'p-aino-nieminen')}`, { token: guidance.token })).body.entry[0].resource.id;
    const target = children[1] ?? stranger;
    // The physio has nothing to do with the child: a CareTeam made "with a reason" …
    const physio = await server.login('physio');
    const team = await server.call('POST', '/fhir/R4/CareTeam', {
      token: physio.token,
      headers: REASON,
      body: { resourceType: 'CareTeam', status: 'active', subject: { reference: target }, participant: [{ member: { reference: physio.fhirUser } }] },
    });
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    expect(team.body.meta.tag.some((t: any) => t.code === 'recorded-reason')).toBe(true);
    // … and a consultation cannot be asked on a reason at all (it would hand access on: decision 008);
    // neither gives access afterwards.
    const consultation = await server.call('POST', '/fhir/R4/Task', {
      token: physio.token,
      headers: REASON,
      body: {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-code', code: 'consultation' }] },
        for: { reference: target },
        owner: { reference: physician.fhirUser },
        restriction: { period: { end: new Date(Date.now() + 7 * 86_400_000).toISOString() } },
        input: [{ type: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-parameter', code: 'question' }] }, valueString: 'Sopiiko?' }],
      },
    });
    expect(consultation.status, JSON.stringify(consultation.body)).toBe(403);
    expect(names(await lastRefusal(physio), target)).toBe(true);
    const later = await server.call('GET', `/fhir/R4/${target}`, { token: physio.token });
    expect(later.status).toBe(403);
    expect(names(await lastRefusal(physio), target)).toBe(true);

    // Recording a phone contact for someone not in one's work needs a reason: refused and audited …
    const kannus = physio;
    const noReason = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: kannus.token, body: contactBody(target, BACK_PAIN, { extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/contact-channel', valueCode: 'phone' }] }) });
    expect(noReason.status).toBe(403);
    expect(names(await lastRefusal(kannus), target)).toBe(true);
  });

  it('finds a client by the full identity code only; by name only with a reason and a minimal answer', async () => {
    const pic = await picOf(server, 'p-aino-nieminen');
    for (const query of ['identifier=urn:oid:1.2.246.21|', `identifier=urn:oid:1.2.246.21|${pic.slice(0, 6)}`, `identifier=urn:oid:1.2.246.21|${pic}&name=Aino`, `identifier=${pic}`, `identifier:missing=false`]) {
      const r = await server.call('GET', `/fhir/R4/Patient?${query}`, { token: guidance.token });
      expect(r.status, query).toBe(400);
    }
    const found = await server.call('GET', `/fhir/R4/Patient?identifier=urn:oid:1.2.246.21|${pic}`, { token: guidance.token });
    expect(found.status).toBe(200);
    expect(found.body.entry).toHaveLength(1);
    expect(names((await auditsBy(guidance, 1))[0], resident.fhirUser)).toBe(true);

    const blind = await server.call('GET', '/api/client-lookup?name=Nieminen', { token: guidance.token });
    expect(blind.status).toBe(403);
    expect((await lastRefusal(guidance))?.entity?.[0]?.description).toMatch(/name/);
    const named = await server.call('GET', '/api/client-lookup?name=Nieminen', { token: guidance.token, headers: REASON });
    expect(named.status).toBe(200);
    const hit = named.body.clients.find((c: any) => c.reference === resident.fhirUser);
    expect(Object.keys(hit).sort()).toEqual(['birthYear', 'municipality', 'name', 'reference']);
    const audit = (await auditsBy(guidance, 1))[0];
    expect(flagged(audit, 'recorded-reason')).toBe(true);
    expect(names(audit, resident.fhirUser)).toBe(true);
    expect((await server.call('GET', '/api/client-lookup?name=Nieminen', { token: resident.token, headers: REASON })).status).toBe(403);
    expect((await server.call('GET', '/api/client-lookup?name=N', { token: guidance.token, headers: REASON })).status).toBe(400);
  });

  it('refuses modifiers on the client parameter for everyone', async () => {
    for (const [token, query] of [
      [guidance.token, 'Task?patient:missing=false'],
      [guidance.token, `Task?patient:missing=false&patient=${resident.fhirUser}`],
      [physician.token, 'QuestionnaireResponse?subject:missing=false'],
      [physician.token, 'RelatedPerson?patient:missing=false'],
      [resident.token, 'Task?patient:missing=true'],
      [guidance.token, 'Patient?_id:missing=false'],
    ] as const) {
      const r = await server.call('GET', `/fhir/R4/${query}`, { token, headers: REASON });
      expect(r.status, query).toBe(400);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
  });

  it('checks an old version against its own client', async () => {
    // A record first about the parent's child, then moved to the resident (whom the guidance nurse works with).
    await send(resident, resident.fhirUser, BACK_PAIN);
    const store = server.ovi.services.store;
    const child = children[0] ?? '';
    const first = await store.create<Observation>({ resourceType: 'Observation', status: 'final', code: { text: 'muistiinpano' }, subject: { reference: child } });
    await store.update<Observation>('Observation', first.id, { ...first, subject: { reference: resident.fhirUser } });
    const admin = await server.login('admin');
    await server.call('PUT', '/api/admin/access-lifetimes', { token: admin.token, body: { taskFollowUpDays: 0, appointmentDays: 0 } });
    expect((await server.call('GET', `/fhir/R4/Observation/${first.id}`, { token: guidance.token })).status).toBe(200);
    const v1 = await server.call('GET', `/fhir/R4/Observation/${first.id}/_history/1`, { token: guidance.token });
    expect(v1.status).toBe(403);
    expect(names(await lastRefusal(guidance), child)).toBe(true);
    expect((await server.call('GET', `/fhir/R4/Observation/${first.id}/_history`, { token: guidance.token })).status).toBe(403);
    const v2 = await server.call('GET', `/fhir/R4/Observation/${first.id}/_history/2`, { token: guidance.token });
    expect(v2.status).toBe(200);
    await server.call('PUT', '/api/admin/access-lifetimes', { token: admin.token, body: { taskFollowUpDays: 30, appointmentDays: 30 } });
  });

  it("audits refusals of operations, and a resident's log never shows an identity code", async () => {
    const target = children[1] ?? '';
    const consultationRefused = await server.call('POST', '/fhir/R4/Task', {
      token: social.token,
      body: {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-code', code: 'consultation' }] },
        for: { reference: target },
        owner: { reference: physician.fhirUser },
        restriction: { period: { end: new Date(Date.now() + 7 * 86_400_000).toISOString() } },
        input: [{ type: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-parameter', code: 'question' }] }, valueString: 'Sopiiko?' }],
      },
    });
    expect(consultationRefused.status).toBe(403);
    const refusal = await lastRefusal(social);
    expect(refusal).toBeDefined();
    expect(refusal?.outcome).toBe('4');

    const pic = await picOf(server, 'p-aino-nieminen');
    await server.call('GET', `/fhir/R4/Patient?identifier=urn:oid:1.2.246.21|${pic}`, { token: guidance.token });
    const log = await server.call('GET', `/fhir/R4/AuditEvent?patient=${resident.fhirUser}&_count=100`, { token: resident.token });
    expect(log.status).toBe(200);
    const text = JSON.stringify(log.body);
    // A code on its own (a UUID may hold the same shape inside it).
    const leak = /.{0,200}(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![0-9A-Za-z]).{0,50}/.exec(text)?.[0];
    expect(leak, leak).toBeUndefined();
    expect(text).not.toContain('"query"');
  });
});

async function picOf(server: TestServer, patientId: string): Promise<string> {
  const r = await server.ovi.services.db.query<{ pic: string }>(
    `SELECT i->>'value' AS pic FROM resource, jsonb_array_elements(content->'identifier') i WHERE resource_type = 'Patient' AND id = $1 AND i->>'system' = 'urn:oid:1.2.246.21'`,
    [patientId],
  );
  return r.rows[0]?.pic ?? '';
}

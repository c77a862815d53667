/**
 * The resident's everyday portal: acting for another adult by an authorisation (in the spirit of
 * Suomi.fi mandates) within its period only, every action recorded as the proxy's for the
 * client and shown in the client's own log; replies signed by profession and unit; a routed
 * contact shown with the team it went to. On both back-ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, RelatedPerson } from '@medplum/fhirtypes';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, startOn } from './backends';
import { DEMO_IDS } from '../../src/demo/demoRegion';

type Session = { token: string; fhirUser: string };
const PRINCIPAL = DEMO_IDS.representedPatient;
const AUTHORISATION = DEMO_IDS.representative;
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const codeOf = (o: any) => o.type.coding[0].code;

describe.each(BACKENDS)('acting for another adult, signed replies and routed status on %s', (backend) => {
  let server: TestServer;
  let resident: Session;
  let parent: Session;
  let guidance: Session;
  let physician: Session;
  let principal: Session;
  let contactTask = '';
  let contactResponse = '';

  /** The newest audit records whose agent is `agent`, newest first. */
  const auditsBy = async (agent: string, limit = 20): Promise<AuditEvent[]> => {
    const r = await server.ovi.services.db.query<{ content: AuditEvent }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->'agent'->0->'who'->>'reference' = $1 ORDER BY last_updated DESC, id DESC LIMIT $2`,
      [agent, limit],
    );
    return r.rows.map((row) => row.content);
  };
  const names = (event: AuditEvent, reference: string) => (event.entity ?? []).some((e) => e.what?.reference === reference);
  const setAuthorisation = (change: (rp: RelatedPerson) => RelatedPerson) =>
    server.ovi.services.store.update<RelatedPerson>('RelatedPerson', AUTHORISATION.replace('RelatedPerson/', ''), (rp) => change(rp));
  const sendFor = (as: Session, subject: string) => server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: as.token, body: contactBody(subject, BACK_PAIN) });

  beforeAll(async () => {
    server = await startOn(backend);
    // The principal has no demo account; give her one so that she can read her own log.
    await server.ovi.services.accounts.upsert({ username: 'irma', password: 'demo', roles: ['resident'], fhirUser: PRINCIPAL, name: 'Irma Mäkelä' });
    [resident, parent, guidance, physician, principal] = (await Promise.all(['resident', 'parent', 'guidance', 'physician', 'irma'].map((u) => server.login(u)))) as [Session, Session, Session, Session, Session];
  });
  afterAll(async () => server?.close());

  it('lists whom a resident acts for and on what authority; /api/me/children still lists children only', async () => {
    const mine = await server.call('GET', '/api/me/principals', { token: resident.token });
    expect(mine.status).toBe(200);
    expect(mine.body.principals).toEqual([
      { reference: PRINCIPAL, name: 'Irma Mäkelä', birthDate: expect.any(String), kind: 'representative', relatedPerson: AUTHORISATION, validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    expect((await server.call('GET', '/api/me/children', { token: resident.token })).body).toEqual({ children: [] });

    const parents = await server.call('GET', '/api/me/principals', { token: parent.token });
    const children = await server.call('GET', '/api/me/children', { token: parent.token });
    expect(parents.body.principals).toHaveLength(2);
    expect(parents.body.principals.every((p: any) => p.kind === 'guardian' && p.relatedPerson.startsWith('RelatedPerson/'))).toBe(true);
    expect(children.body.children.map((c: any) => c.reference).sort()).toEqual(parents.body.principals.map((p: any) => p.reference).sort());

    // The authorisation is one way: the principal acts for nobody.
    expect((await server.call('GET', '/api/me/principals', { token: principal.token })).body).toEqual({ principals: [] });
  });

  it('refuses bad requests for the list of principals', async () => {
    expect((await server.call('GET', '/api/me/principals')).status).toBe(401);
    expect((await server.call('GET', '/api/me/principals', { token: 'not-a-token' })).status).toBe(401);
    expect((await server.call('GET', '/api/me/principals', { token: guidance.token })).status).toBe(403);
    expect((await server.call('GET', '/api/me/principals?patient=Patient/x', { token: resident.token })).status).toBe(400);
    expect((await server.call('POST', '/api/me/principals', { token: resident.token, body: {} })).status).toBe(404);
  });

  it('lets the representative send a contact for the principal, recorded on her and authored by the authorisation', async () => {
    const sent = await sendFor(resident, PRINCIPAL);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.subject.reference).toBe(PRINCIPAL);
    expect(sent.body.author.reference).toBe(AUTHORISATION);
    contactResponse = `QuestionnaireResponse/${sent.body.id}`;
    contactTask = sent.headers.get('x-ovi-task') ?? '';
    const task = await server.call('GET', `/fhir/R4/${contactTask}`, { token: resident.token });
    expect(task.status).toBe(200);
    expect(task.body.for.reference).toBe(PRINCIPAL);
    const found = await server.call('GET', `/fhir/R4/Task?patient=${encodeURIComponent(PRINCIPAL)}`, { token: resident.token });
    expect(found.body.entry.map((e: any) => `Task/${e.resource.id}`)).toContain(contactTask);
    expect((await server.call('GET', `/fhir/R4/${PRINCIPAL}`, { token: resident.token })).status).toBe(200);
  });

  it('records every action as done by the proxy for the client, and the client sees it in her own log', async () => {
    const audits = await auditsBy(resident.fhirUser, 50);
    const created = audits.find((e) => e.action === 'C' && names(e, contactResponse));
    expect(created, 'the create is audited').toBeDefined();
    expect(created?.agent?.[0]?.who?.reference).toBe(resident.fhirUser);
    expect(created?.agent?.[0]?.altId).toBe('resident');
    expect(names(created as AuditEvent, PRINCIPAL)).toBe(true);
    const read = audits.find((e) => e.action === 'R' && names(e, contactTask));
    expect(read?.agent?.[0]?.who?.reference).toBe(resident.fhirUser);
    expect(names(read as AuditEvent, PRINCIPAL)).toBe(true);

    // The principal's own log lists the proxy's actions, naming the proxy.
    const log = await server.call('GET', `/fhir/R4/AuditEvent?patient=${encodeURIComponent(PRINCIPAL)}&_sort=-date&_count=100`, { token: principal.token });
    expect(log.status).toBe(200);
    const byProxy = (log.body.entry ?? []).map((e: any) => e.resource).filter((e: AuditEvent) => e.agent?.[0]?.who?.reference === resident.fhirUser);
    expect(byProxy.some((e: AuditEvent) => e.action === 'C' && e.agent?.[0]?.who?.display === 'Aino Nieminen')).toBe(true);
    expect(byProxy.some((e: AuditEvent) => e.action === 'R' && names(e, contactTask))).toBe(true);
    // Newest first, as asked.
    const times = (log.body.entry ?? []).map((e: any) => Date.parse(e.resource.recorded));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('signs the reply with the profession and unit, and shows a routed contact with the team it went to', async () => {
    const resolved = await server.call('POST', `/fhir/R4/${contactTask}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'Ohjasimme asiasi terveysaseman tiimille.' }, { name: 'routeTo', valueReference: { reference: DEMO_IDS.teams.kokkola } }),
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const routed = resolved.body.output.find((o: any) => codeOf(o) === 'routed-task').valueReference.reference as string;

    // The proxy sees the routed work: open, owned by the team, whose name and phone the directory gives.
    const work = await server.call('GET', `/fhir/R4/${routed}`, { token: resident.token });
    expect(work.status).toBe(200);
    expect(work.body.status).toBe('ready');
    expect(work.body.owner.reference).toBe(DEMO_IDS.teams.kokkola);
    expect(work.body.basedOn[0].reference).toBe(contactTask);
    const team = await server.call('GET', `/fhir/R4/${DEMO_IDS.teams.kokkola}`, { token: resident.token });
    expect(team.status).toBe(200);
    expect(team.body.name).toMatch(/Kokkolan terveysasema/);
    expect(team.body.telecom.find((t: any) => t.system === 'phone').value).toBe('+358 6 000 2000');

    const replies = async () =>
      (await server.call('GET', `/fhir/R4/Communication?subject=${encodeURIComponent(PRINCIPAL)}`, { token: resident.token })).body.entry.map((e: any) => e.resource);
    const [first] = await replies();
    expect(first.sender).toEqual({ reference: 'PractitionerRole/role-hanna-hoitaja', display: 'Asiakasohjauksen sairaanhoitaja, Kokkolan terveysasema (demo)' });
    const signature = first.extension.find((e: any) => e.url === 'https://fhir.ovi.fi/StructureDefinition/reply-signature').extension;
    expect(signature.find((e: any) => e.url === 'author').valueReference.reference).toBe(DEMO_IDS.guidanceNurse);
    expect(signature.find((e: any) => e.url === 'profession').valueCoding).toMatchObject({ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'guidance-nurse' });
    expect(signature.find((e: any) => e.url === 'unit').valueReference).toEqual({ reference: DEMO_IDS.stationLocations.kokkola, display: 'Kokkolan terveysasema (demo)' });

    // The team's physician closes the routed work: that reply is signed by the physician's profession.
    const closed = await server.call('POST', `/fhir/R4/${routed}/$resolve`, {
      token: physician.token,
      body: params({ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'Soitin ja sovimme jatkosta.' }),
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const second = (await replies()).find((c: any) => c.basedOn[0].reference === routed);
    expect(second.sender).toEqual({ reference: 'PractitionerRole/role-mikko-rautio', display: 'Lääkäri, Kokkolan terveysasema (demo)' });
    expect((await server.call('GET', `/fhir/R4/${routed}`, { token: resident.token })).body.status).toBe('completed');
  });

  it('holds the authorisation only within its period: before and after it the proxy is a stranger (404)', async () => {
    const original = (await server.ovi.services.store.read<RelatedPerson>('RelatedPerson', AUTHORISATION.replace('RelatedPerson/', ''))).period;
    try {
      for (const period of [{ start: '2020-01-01', end: '2021-01-01' }, { start: '2999-01-01', end: '2999-12-31' }, { start: '2020-01-01' }]) {
        await setAuthorisation((rp) => ({ ...rp, period }));
        expect((await server.call('GET', `/fhir/R4/${contactTask}`, { token: resident.token })).status, JSON.stringify(period)).toBe(404);
        expect((await server.call('GET', `/fhir/R4/${PRINCIPAL}`, { token: resident.token })).status).toBe(404);
        expect((await sendFor(resident, PRINCIPAL)).status).toBe(404);
        // A search naming her is confined to the resident's own data: nothing of hers.
        const search = await server.call('GET', `/fhir/R4/Task?patient=${encodeURIComponent(PRINCIPAL)}`, { token: resident.token });
        expect(search.status).toBe(200);
        expect(search.body.entry ?? []).toEqual([]);
        expect((await server.call('GET', '/api/me/principals', { token: resident.token })).body).toEqual({ principals: [] });
      }
      // The refusal is audited with the proxy as the agent and the client named, and she sees it.
      const refusal = (await auditsBy(resident.fhirUser)).find((e) => e.outcome !== '0' && names(e, PRINCIPAL));
      expect(refusal).toBeDefined();
      const log = await server.call('GET', `/fhir/R4/AuditEvent?patient=${encodeURIComponent(PRINCIPAL)}&_sort=-date&_count=50`, { token: principal.token });
      expect(log.body.entry.some((e: any) => e.resource.id === refusal?.id)).toBe(true);

      // An inactive authorisation, or one by a principal who has died, holds neither.
      await setAuthorisation((rp) => ({ ...rp, period: original, active: false }));
      expect((await server.call('GET', `/fhir/R4/${contactTask}`, { token: resident.token })).status).toBe(404);
      await setAuthorisation((rp) => ({ ...rp, active: true }));
      expect((await server.call('GET', `/fhir/R4/${contactTask}`, { token: resident.token })).status).toBe(200);
    } finally {
      await setAuthorisation((rp) => ({ ...rp, active: true, period: original }));
    }
    expect((await server.call('GET', `/fhir/R4/${contactTask}`, { token: resident.token })).status).toBe(200);
  });

  it('refuses acting for anyone else: strangers, the other way round, unknown and malformed subjects', async () => {
    // A guardian of two children is a stranger to Irma; Irma is a stranger to her representative.
    expect((await server.call('GET', `/fhir/R4/${contactTask}`, { token: parent.token })).status).toBe(404);
    expect((await sendFor(parent, PRINCIPAL)).status).toBe(404);
    expect((await server.call('GET', `/fhir/R4/${resident.fhirUser}`, { token: principal.token })).status).toBe(404);
    expect((await sendFor(principal, resident.fhirUser)).status).toBe(404);
    // Someone who does not exist is answered like someone who does.
    expect((await sendFor(resident, 'Patient/no-such-person')).status).toBe(404);
    // A subject that is not a Patient reference is bad input.
    expect((await sendFor(resident, AUTHORISATION)).status).toBe(400);
    expect((await sendFor(resident, 'Patient/../../etc')).status).toBe(400);
    // Residents never write the authorisation themselves.
    const rp = await server.call('GET', `/fhir/R4/${AUTHORISATION}`, { token: resident.token });
    expect(rp.status).toBe(200);
    const changed = await server.call('PUT', `/fhir/R4/${AUTHORISATION}`, { token: resident.token, body: { ...rp.body, period: { start: '2020-01-01', end: '2999-12-31' } } });
    expect(changed.status).toBe(403);
    const made = await server.call('POST', '/fhir/R4/RelatedPerson', {
      token: principal.token,
      body: { resourceType: 'RelatedPerson', patient: { reference: PRINCIPAL }, relationship: rp.body.relationship, period: { end: '2999-12-31' } },
    });
    expect(made.status).toBe(403);
  });
});

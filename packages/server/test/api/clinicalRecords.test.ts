import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResource } from '@medplum/core';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

const SNOMED = 'http://snomed.info/sct';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

/** One record of each type a region's patient record arrives in, about `patient`. */
function records(patient: string, physician: string, encounter?: string): Record<string, Record<string, unknown>> {
  const ref = { reference: patient };
  const inVisit = encounter ? { encounter: { reference: encounter } } : {};
  return {
    Encounter: {
      resourceType: 'Encounter',
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
      type: [{ coding: [{ system: SNOMED, code: '185349003', display: 'Encounter for check up' }] }],
      subject: ref,
      participant: [{ individual: { reference: physician } }],
      period: { start: '2026-11-20T09:00:00+02:00', end: '2026-11-20T09:30:00+02:00' },
    },
    Condition: {
      resourceType: 'Condition',
      clinicalStatus: { coding: [{ system: CLINICAL, code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
      code: { coding: [{ system: ICD10, code: 'I10', display: 'Essential (primary) hypertension' }], text: 'Kohonnut verenpaine' },
      subject: ref,
      ...inVisit,
      onsetDateTime: '2026-11-20',
      recordedDate: '2026-11-20T09:20:00+02:00',
    },
    Procedure: {
      resourceType: 'Procedure',
      status: 'completed',
      code: { coding: [{ system: SNOMED, code: '46973005', display: 'Blood pressure taking' }], text: 'Verenpaineen mittaus' },
      subject: ref,
      ...inVisit,
      performedDateTime: '2026-11-20T09:10:00+02:00',
    },
    MedicationStatement: {
      resourceType: 'MedicationStatement',
      status: 'active',
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'C09AA02', display: 'enalapril' }], text: 'Enalapril 10 mg' },
      subject: ref,
      effectiveDateTime: '2026-11-20',
      dosage: [{ text: '1 tabletti aamuisin' }],
    },
    AllergyIntolerance: {
      resourceType: 'AllergyIntolerance',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      type: 'allergy',
      category: ['medication'],
      criticality: 'high',
      code: { coding: [{ system: SNOMED, code: '764146007', display: 'Penicillin' }], text: 'Penisilliini' },
      patient: ref,
      recordedDate: '2026-11-20T09:15:00+02:00',
      reaction: [{ manifestation: [{ text: 'Nokkosihottuma' }], severity: 'moderate' }],
    },
    Immunization: {
      resourceType: 'Immunization',
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://www.whocc.no/atc', code: 'J07BB02', display: 'influenza, inactivated, split virus or surface antigen' }], text: 'Influenssarokote' },
      patient: ref,
      occurrenceDateTime: '2026-11-20T09:25:00+02:00',
      primarySource: true,
      lotNumber: 'FI2026-11',
    },
    DocumentReference: {
      resourceType: 'DocumentReference',
      status: 'current',
      docStatus: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }] },
      subject: ref,
      date: '2026-11-20T09:35:00+02:00',
      content: [{ attachment: { contentType: 'text/plain', language: 'fi', data: Buffer.from('Verenpaine koholla, lääkitys aloitettu.').toString('base64'), title: 'Käyntiteksti' } }],
    },
  };
}

const TYPES = ['Encounter', 'Condition', 'Procedure', 'MedicationStatement', 'AllergyIntolerance', 'Immunization', 'DocumentReference'];
const CLIENT_PARAM: Record<string, string> = { AllergyIntolerance: 'patient', Immunization: 'patient' };

/**
 * Issue 12 part 7 (decision 026): the types a region's data arrives in are stored, validated
 * with the R4 definitions, searched, access-checked by register and relationship, and audited.
 */
describe.each(BACKENDS)('clinical records on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };
  let parent: { token: string; fhirUser: string };
  let physician: { token: string; fhirUser: string };
  let social: { token: string; fhirUser: string };
  let physio: { token: string; fhirUser: string };
  const created: Record<string, any> = {};

  beforeAll(async () => {
    server = await startOn(backend);
    resident = await server.login('resident');
    parent = await server.login('parent');
    physician = await server.login('physician');
    social = await server.login('social');
    physio = await server.login('physio');
    // The resident's care team: a physician and a social instructor both work with her.
    await server.ovi.services.store.create({
      resourceType: 'CareTeam',
      status: 'active',
      subject: { reference: resident.fhirUser },
      participant: [{ member: { reference: physician.fhirUser } }, { member: { reference: social.fhirUser } }],
    });
  });
  afterAll(async () => server?.close());

  const post = (type: string, body: unknown, token = physician.token, headers: Record<string, string> = {}) => server.call('POST', `/fhir/R4/${type}`, { token, body, headers });

  it('stores each type as the physician wrote it, in the health register, valid R4', async () => {
    const encounter = await post('Encounter', records(resident.fhirUser, physician.fhirUser).Encounter);
    expect(encounter.status).toBe(201);
    created.Encounter = encounter.body;
    const all = records(resident.fhirUser, physician.fhirUser, `Encounter/${encounter.body.id}`);
    for (const type of TYPES.filter((t) => t !== 'Encounter')) {
      const r = await post(type, all[type]);
      expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(201);
      created[type] = r.body;
    }
    for (const type of TYPES) {
      const stored = created[type];
      expect(stored.meta.security, type).toEqual([expect.objectContaining({ code: 'health' })]);
      expect(() => validateResource(stored), type).not.toThrow();
      const read = await server.call('GET', `/fhir/R4/${type}/${stored.id}`, { token: physician.token });
      expect(read.status, type).toBe(200);
      expect(read.body).toEqual(stored);
    }
  });

  it('finds them by client, code, status, clinical status, date, encounter and _lastUpdated', async () => {
    const search = async (type: string, query: string, token = physician.token) => {
      const param = CLIENT_PARAM[type] ?? 'subject';
      const r = await server.call('GET', `/fhir/R4/${type}?${param}=${resident.fhirUser}&${query}`, { token });
      expect(r.status, `${type}?${query}: ${JSON.stringify(r.body)}`).toBe(200);
      for (const e of r.body.entry ?? []) expect(() => validateResource(e.resource)).not.toThrow();
      return (r.body.entry ?? []).map((e: any) => e.resource.id);
    };
    for (const type of TYPES) expect(await search(type, '_lastUpdated=ge2000-01-01'), type).toEqual([created[type].id]);
    expect(await search('Condition', `code=${ICD10}|I10`)).toEqual([created.Condition.id]);
    expect(await search('Condition', `code=${ICD10}|E11.9`)).toEqual([]);
    expect(await search('Condition', 'clinical-status=active')).toEqual([created.Condition.id]);
    expect(await search('Condition', 'clinical-status=resolved')).toEqual([]);
    expect(await search('Condition', `encounter=Encounter/${created.Encounter.id}`)).toEqual([created.Condition.id]);
    expect(await search('Procedure', 'date=2026-11-20')).toEqual([created.Procedure.id]);
    expect(await search('Procedure', 'date=lt2026-11-01')).toEqual([]);
    expect(await search('Encounter', 'date=ge2026-11-20&status=finished')).toEqual([created.Encounter.id]);
    expect(await search('MedicationStatement', 'status=active&code=C09AA02')).toEqual([created.MedicationStatement.id]);
    expect(await search('AllergyIntolerance', 'clinical-status=active&criticality=high')).toEqual([created.AllergyIntolerance.id]);
    expect(await search('Immunization', 'status=completed&date=2026-11')).toEqual([created.Immunization.id]);
    expect(await search('DocumentReference', 'type=http://loinc.org|11506-3')).toEqual([created.DocumentReference.id]);
  });

  it('keeps an update as a new version in its register (a resolved diagnosis)', async () => {
    const resolved = { ...created.Condition, clinicalStatus: { coding: [{ system: CLINICAL, code: 'resolved' }] }, abatementDateTime: '2026-11-28' };
    const r = await server.call('PUT', `/fhir/R4/Condition/${created.Condition.id}`, { token: physician.token, body: resolved });
    expect(r.status).toBe(200);
    expect(r.body.meta.versionId).not.toBe(created.Condition.meta.versionId);
    expect(r.body.meta.security).toEqual([expect.objectContaining({ code: 'health' })]);
    const history = await server.call('GET', `/fhir/R4/Condition/${created.Condition.id}/_history`, { token: physician.token });
    expect(history.body.entry).toHaveLength(2);
    created.Condition = r.body;
  });

  it('refuses bad input with a 4xx OperationOutcome, storing nothing', async () => {
    const all = records(resident.fhirUser, physician.fhirUser);
    const refused = async (type: string, body: Record<string, unknown>, status = 400) => {
      const before = await countNonAudit(server);
      const r = await post(type, body);
      expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
      expect(await countNonAudit(server)).toBe(before);
      return r.body;
    };
    expect((await refused('Immunization', { ...all.Immunization, status: 'bogus' })).issue[0].expression).toEqual(['Immunization.status']);
    expect((await refused('Encounter', { ...all.Encounter, status: 'done' })).issue[0].expression).toEqual(['Encounter.status']);
    expect((await refused('AllergyIntolerance', { ...all.AllergyIntolerance, criticality: 'very' })).issue[0].expression).toEqual(['AllergyIntolerance.criticality']);
    const { subject: _s, ...withoutSubject } = all.Condition as { subject: unknown };
    await refused('Condition', withoutSubject);
    const { status: _st, ...withoutStatus } = all.Procedure as { status: unknown };
    await refused('Procedure', withoutStatus);
    const { vaccineCode: _v, ...withoutVaccine } = all.Immunization as { vaccineCode: unknown };
    await refused('Immunization', withoutVaccine);
    expect((await refused('Immunization', { ...all.Immunization, occurrenceDateTime: '2026-11-20T09:25:00' })).issue[0].expression).toEqual(['Immunization.occurrenceDateTime']);
    await refused('Encounter', { ...all.Encounter, period: { start: '2026-11-20T09:00' } });
    // A client who does not exist is refused like any client the writer does not work with.
    const unknown = await refused('Condition', { ...all.Condition, subject: { reference: 'Patient/no-such-client' } }, 403);
    expect(unknown.issue[0].diagnostics).not.toContain('does not exist');
    // A diagnosis made in a visit points at this client's own visit: another client's and a
    // visit that does not exist get the same 400, naming the element.
    const theirs = await server.ovi.services.store.create({ ...(all.Encounter as any), subject: { reference: parent.fhirUser } });
    for (const visit of [`Encounter/${theirs.id}`, 'Encounter/no-such-visit']) {
      const outcome = await refused('Condition', { ...all.Condition, encounter: { reference: visit } });
      expect(outcome.issue[0].expression).toEqual(['Condition.encounter']);
      expect(outcome.issue[0].diagnostics).toBe(`${visit} is not a visit of ${resident.fhirUser}`);
    }
    // An Encounter about no client at all is not a client record.
    const { subject: _e, ...aboutNobody } = all.Encounter as { subject: unknown };
    expect((await refused('Encounter', aboutNobody)).issue[0].expression).toEqual(['Encounter.subject']);
  });

  it('tells a writer with a recorded reason that the client does not exist (400), storing nothing', async () => {
    const before = await countNonAudit(server);
    const r = await post('Condition', { ...records('Patient/no-such-client', physician.fhirUser).Condition }, physician.token, { 'x-access-reason': 'Siirto aluejärjestelmästä' });
    expect(r.status).toBe(400);
    expect(r.body.issue[0].expression).toEqual(['Condition.subject']);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('lets the client read their own records, never write them; others see nothing', async () => {
    for (const type of TYPES) {
      const own = await server.call('GET', `/fhir/R4/${type}/${created[type].id}`, { token: resident.token });
      expect(own.status, type).toBe(200);
      // Another resident: as if it did not exist.
      const other = await server.call('GET', `/fhir/R4/${type}/${created[type].id}`, { token: parent.token });
      expect(other.status, type).toBe(404);
    }
    const mine = await server.call('GET', '/fhir/R4/Immunization', { token: resident.token });
    expect(mine.body.entry.map((e: any) => e.resource.id)).toEqual([created.Immunization.id]);
    // The other resident's search is scoped to themself: empty.
    const theirs = await server.call('GET', `/fhir/R4/Immunization?patient=${resident.fhirUser}`, { token: parent.token });
    expect(theirs.status).toBe(200);
    expect(theirs.body.entry ?? []).toEqual([]);
    const before = await countNonAudit(server);
    for (const type of TYPES) {
      const body = records(resident.fhirUser, physician.fhirUser)[type];
      expect((await post(type, body, resident.token)).status, type).toBe(403);
      expect((await server.call('PUT', `/fhir/R4/${type}/${created[type].id}`, { token: resident.token, body: created[type] })).status, type).toBe(403);
    }
    expect(await countNonAudit(server)).toBe(before);
  });

  it('lets a guardian read their child’s immunizations, and the child’s alone', async () => {
    const children = (await server.call('GET', '/api/me/children', { token: parent.token })).body.children;
    const child = children[0].reference as string;
    const nurse = await server.login('guidance');
    const vaccine = records(child, nurse.fhirUser).Immunization;
    const written = await post('Immunization', vaccine, nurse.token, { 'x-access-reason': 'Neuvolarokotus kirjataan' });
    expect(written.status).toBe(201);
    const read = await server.call('GET', `/fhir/R4/Immunization/${written.body.id}`, { token: parent.token });
    expect(read.status).toBe(200);
    const list = await server.call('GET', `/fhir/R4/Immunization?patient=${child}`, { token: parent.token });
    expect(list.body.entry.map((e: any) => e.resource.id)).toEqual([written.body.id]);
    expect((await server.call('GET', `/fhir/R4/Immunization/${written.body.id}`, { token: resident.token })).status).toBe(404);
  });

  it('hides health records from a social instructor who works with the client (404), unless a reason is recorded', async () => {
    for (const type of TYPES) {
      const r = await server.call('GET', `/fhir/R4/${type}/${created[type].id}`, { token: social.token });
      expect(r.status, type).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(resident.fhirUser);
    }
    const list = await server.call('GET', `/fhir/R4/Condition?subject=${resident.fhirUser}`, { token: social.token });
    expect(list.status).toBe(200);
    expect(list.body.entry ?? []).toEqual([]);
    const reasoned = await server.call('GET', `/fhir/R4/AllergyIntolerance/${created.AllergyIntolerance.id}`, { token: social.token, headers: { 'x-access-reason': 'Asumispalvelun lääkehuolto' } });
    expect(reasoned.status).toBe(200);
    // A social instructor records no diagnoses, whatever relationship or reason.
    const before = await countNonAudit(server);
    const write = await post('Condition', records(resident.fhirUser, social.fhirUser).Condition, social.token, { 'x-access-reason': 'Kokeilu' });
    expect(write.status).toBe(403);
    expect(await countNonAudit(server)).toBe(before);
  });

  it('puts a social instructor’s visit in the social-welfare register, hidden from the physician', async () => {
    const visit = await post('Encounter', { ...records(resident.fhirUser, social.fhirUser).Encounter, type: [{ text: 'Sosiaaliohjauksen tapaaminen' }] }, social.token);
    expect(visit.status).toBe(201);
    expect(visit.body.meta.security).toEqual([expect.objectContaining({ code: 'social' })]);
    expect((await server.call('GET', `/fhir/R4/Encounter/${visit.body.id}`, { token: physician.token })).status).toBe(404);
    const physiciansList = await server.call('GET', `/fhir/R4/Encounter?subject=${resident.fhirUser}`, { token: physician.token });
    expect(physiciansList.body.entry.map((e: any) => e.resource.id)).toEqual([created.Encounter.id]);
    expect((await server.call('GET', `/fhir/R4/Encounter/${visit.body.id}`, { token: resident.token })).status).toBe(200);
  });

  it('refuses a professional without a relationship, and audits reads and refusals', async () => {
    const refused = await server.call('GET', `/fhir/R4/Condition/${created.Condition.id}`, { token: physio.token });
    expect(refused.status).toBe(403);
    const events = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE $1`,
      [`%Condition/${created.Condition.id}%`],
    );
    const of = (who: string, outcome: string) => events.rows.filter((r) => r.content.agent[0].who.reference === who && r.content.outcome === outcome);
    expect(of(physician.fhirUser, '0').length).toBeGreaterThanOrEqual(3); // created, read, updated
    expect(of(physio.fhirUser, '4')).toHaveLength(1);
    expect(of(social.fhirUser, '4')).toHaveLength(1);
    expect(of(resident.fhirUser, '0').length).toBeGreaterThanOrEqual(1);
    const own = await server.call('GET', `/fhir/R4/AuditEvent?patient=${resident.fhirUser}&_count=200`, { token: resident.token });
    expect(own.body.entry.some((e: any) => e.resource.entity?.some((x: any) => x.what?.reference === `Condition/${created.Condition.id}`))).toBe(true);
  });

  it('shows the other register’s records once the client consents to sharing, flagged in the audit (last: it opens both registers)', async () => {
    const consent = await server.call('POST', '/fhir/R4/Consent', {
      token: resident.token,
      body: {
        resourceType: 'Consent',
        status: 'active',
        scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
        category: [{ coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/consent-category', code: 'register-sharing' }] }],
        patient: { reference: resident.fhirUser },
        dateTime: '2026-11-29',
        policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
        provision: { type: 'permit' },
      },
    });
    expect(consent.status).toBe(201);
    const read = await server.call('GET', `/fhir/R4/Condition/${created.Condition.id}`, { token: social.token });
    expect(read.status).toBe(200);
    const list = await server.call('GET', `/fhir/R4/AllergyIntolerance?patient=${resident.fhirUser}`, { token: social.token });
    expect(list.body.entry.map((e: any) => e.resource.id)).toEqual([created.AllergyIntolerance.id]);
    // Consent opens reading, never writing: diagnoses stay a health professional's to record.
    expect((await post('Condition', records(resident.fhirUser, social.fhirUser).Condition, social.token)).status).toBe(403);
    const events = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content #>> '{agent,0,who,reference}' = $1 AND content->>'outcome' = '0' AND content::text LIKE $2`,
      [social.fhirUser, `%Condition/${created.Condition.id}%`],
    );
    expect(events.rows.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(events.rows.map((r) => r.content.purposeOfEvent))).toMatch(/consent/i);
  });
});

import { randomUUID } from 'node:crypto';
import type { Appointment, Patient, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGITAL_CHANNELS, EXTENSIONS, SYSTEMS } from '@ovi/domain';
import { startClockAt } from '../../src/time/clock';
import { DEMO_IDS } from '../../src/demo/demoRegion';
import { contactsPerUnit } from '../../src/storage/contactCounts';
import { clientColumns, indicatorCounts, type IndicatorCountRow } from '../../src/storage/indicatorCounts';
import { realisedVisitWaits } from '../../src/storage/accessFigures';
import { realisedVisitContinuity } from '../../src/storage/continuityFigures';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, startOn } from './backends';

/**
 * The figure facts (migration 041, decision 033) follow the resources they come from in the
 * same transaction: a contact, its visit and a change of the client's own station, each made
 * through the API, change every figure that counts them at once (read here unrounded, from the
 * queries behind the routes), and a write that fails leaves no fact behind.
 */
const helsinki = (local: string) => new Date(`${local}:00+02:00`);
const WINDOW = { start: helsinki('2026-11-01T00:00'), end: helsinki('2026-12-01T00:00') };
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const OTHER_STATION = DEMO_IDS.stations.kannus;

/** Rows that count people (not the '#professionals' row of distinct handlers). */
const counted = (r: IndicatorCountRow) => r.k !== '#professionals';
/** The whole population's count. */
const total = (rows: IndicatorCountRow[]) => rows.filter((r) => counted(r) && r.stratifier === null).reduce((s, r) => s + r.n, 0);
/** One stratum's count over every numerator code. */
const inStratum = (rows: IndicatorCountRow[], stratifier: string, value: string) =>
  rows.filter((r) => counted(r) && r.stratifier === stratifier && r.value === value).reduce((s, r) => s + r.n, 0);

describe.each(BACKENDS)('figure facts on %s', (backend) => {
  let server: TestServer;
  let guidance: string;
  let physician: string;
  let resident: { token: string; fhirUser: string };
  let station: string;
  let municipality: string;

  const db = () => server.ovi.services.db;
  const count = (id: string) =>
    indicatorCounts(db(), id, WINDOW, ['unit', 'municipality', 'age-group', 'profession'], {}, { digital: DIGITAL_CHANNELS, now: helsinki('2026-11-27T12:00') });
  const floorTotal = async () => (await contactsPerUnit(db(), WINDOW)).reduce((s, r) => s + r.contacts, 0);
  const waitVisits = async () => (await realisedVisitWaits(db(), WINDOW)).cells.reduce((s, c) => s + c.n, 0);
  const continuityVisits = async () => (await realisedVisitContinuity(db(), WINDOW)).cells.reduce((s, c) => s + c.visits * c.clients, 0);

  /** Every figure this test follows, as one object. */
  async function figures() {
    const channels = await count('contacts-by-channel');
    const resolution = await count('first-contact-resolution');
    const toVisit = await count('time-to-visit');
    return {
      floor: await floorTotal(),
      contacts: total(channels),
      contactsAtStation: inStratum(channels, 'unit', station),
      contactsAtOtherStation: inStratum(channels, 'unit', OTHER_STATION),
      contactsInMunicipality: inStratum(channels, 'municipality', municipality),
      contactsInOtherMunicipality: inStratum(channels, 'municipality', '217'),
      closedContacts: total(resolution),
      visitsMeasured: total(toVisit),
      waitVisits: await waitVisits(),
      continuityVisits: await continuityVisits(),
    };
  }

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: helsinki('2026-11-02T08:00') });
    guidance = (await server.login('guidance')).token;
    physician = (await server.login('physician')).token;
    resident = await server.login('resident');
    const client = await server.ovi.services.store.read<Patient>('Patient', resident.fhirUser.replace('Patient/', ''));
    station = client.generalPractitioner?.find((g) => g.reference?.startsWith('Organization/'))?.reference as string;
    municipality = client.extension?.find((e) => e.url === EXTENSIONS.municipality)?.valueCoding?.code as string;
    expect(station).toBeTruthy();
    expect(municipality).not.toBe('217');
  });
  afterAll(async () => server?.close());

  it('a contact, its realised visit and a change of the client’s station each change the figures that count them', async () => {
    const before = await figures();

    // A contact through the intake: every contact figure counts one more, in the client's station.
    startClockAt(helsinki('2026-11-03T09:00'));
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(sent.status).toBe(201);
    const task = sent.headers.get('x-ovi-task') as string;
    const arrived = await figures();
    expect(arrived).toEqual({ ...before, floor: before.floor + 1, contacts: before.contacts + 1, contactsAtStation: before.contactsAtStation + 1, contactsInMunicipality: before.contactsInMunicipality + 1 });

    // A visit booked for it (stored as `$book` writes it, so that it can lie in the past) and the contact closed as booked.
    const visit = randomUUID();
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Appointment', id: visit, status: 'booked',
        created: helsinki('2026-11-03T10:00').toISOString(),
        start: helsinki('2026-11-10T09:00').toISOString(), end: helsinki('2026-11-10T09:30').toISOString(),
        specialty: [{ coding: [{ system: SYSTEMS.profession, code: 'physician' }] }],
        supportingInformation: [{ reference: task }],
        meta: { security: [{ system: 'https://fhir.ovi.fi/CodeSystem/register', code: 'health' }] },
        participant: [
          { actor: { reference: resident.fhirUser }, status: 'accepted' },
          { actor: { reference: DEMO_IDS.physician }, status: 'accepted' },
          { actor: { reference: DEMO_IDS.stationLocations.kokkola }, status: 'accepted' },
        ],
      } as Appointment & { id: string },
    ]);
    startClockAt(helsinki('2026-11-03T10:00'));
    const resolved = await server.call('POST', `/fhir/R4/${task}/$resolve`, {
      token: guidance,
      body: params({ name: 'outcome', valueCode: 'booked' }, { name: 'note', valueString: 'Selvä.' }, { name: 'appointment', valueReference: { reference: `Appointment/${visit}` } }),
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const closed = await figures();
    // A booked visit is not realised yet: only the closed contacts change.
    expect(closed).toEqual({ ...arrived, closedContacts: arrived.closedContacts + 1 });

    // The visit realised (`$outcome` on its evening): the visit figures count it.
    startClockAt(helsinki('2026-11-10T17:00'));
    const outcome = await server.call('POST', `/fhir/R4/Appointment/${visit}/$outcome`, { token: physician, body: params({ name: 'outcome', valueCode: 'fulfilled' }) });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    const realised = await figures();
    expect(realised).toEqual({ ...closed, visitsMeasured: closed.visitsMeasured + 1, waitVisits: closed.waitVisits + 1, continuityVisits: closed.continuityVisits + 1 });
    const waits = await realisedVisitWaits(db(), WINDOW);
    expect(waits.cells.some((c) => c.unit === DEMO_IDS.stationLocations.kokkola && c.profession === 'physician' && c.days === 7)).toBe(true);

    // The client moves to the other station and municipality: the contacts count there from then on (the client's current station, as before the facts).
    const current = await server.ovi.services.store.read<Patient>('Patient', resident.fhirUser.replace('Patient/', ''));
    const moved: Patient = {
      ...current,
      generalPractitioner: [...(current.generalPractitioner ?? []).filter((g) => !g.reference?.startsWith('Organization/')), { reference: OTHER_STATION }],
      extension: [...(current.extension ?? []).filter((e) => e.url !== EXTENSIONS.municipality), { url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: '217' } }],
    };
    const put = await server.call('PUT', `/fhir/R4/${resident.fhirUser}`, { token: physician, body: moved });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const after = await figures();
    const mine = realised.contactsAtStation - before.contactsAtStation;
    expect(mine).toBeGreaterThanOrEqual(1);
    expect(after.contacts).toBe(realised.contacts);
    expect(after.floor).toBe(realised.floor);
    expect(after.contactsAtOtherStation - realised.contactsAtOtherStation).toBe(realised.contactsAtStation - after.contactsAtStation);
    expect(after.contactsInOtherMunicipality - realised.contactsInOtherMunicipality).toBe(realised.contactsInMunicipality - after.contactsInMunicipality);
    expect(after.contactsAtStation).toBeLessThanOrEqual(realised.contactsAtStation - 1);
  });

  /** Fact rows whose client columns differ from a join with the client's fact on the day (what the figures computed before migration 042). */
  async function clientColumnMismatches(): Promise<unknown[]> {
    const r = await db().query(
      `SELECT 'task' AS fact, f.task_id AS id, f.client_unit, f.client_municipality, f.client_age_group, j.unit, j.municipality, j.age_group
         FROM task_fact f
         LEFT JOIN patient_fact p ON p.patient_id = f.patient_id
         CROSS JOIN LATERAL (SELECT p.unit, ${clientColumns('p', 'f.arrived_at')}) j
        WHERE (f.client_unit, COALESCE(f.client_municipality, 'unknown'), COALESCE(f.client_age_group, 'unknown')) IS DISTINCT FROM (j.unit, j.municipality, j.age_group)
       UNION ALL
       SELECT 'visit', v.appointment_id, NULL, v.client_municipality, v.client_age_group, NULL, j.municipality, j.age_group
         FROM visit_fact v
         LEFT JOIN patient_fact p ON p.patient_id = v.patient_id
         CROSS JOIN LATERAL (SELECT ${clientColumns('p', 'v.start_at')}) j
        WHERE (COALESCE(v.client_municipality, 'unknown'), COALESCE(v.client_age_group, 'unknown')) IS DISTINCT FROM (j.municipality, j.age_group)
       UNION ALL
       -- The contact's values on the visit (migration 042) against the join the figures made before.
       SELECT 'visit contact', v.appointment_id, NULL, NULL, NULL, NULL, NULL, NULL
         FROM visit_fact v
         LEFT JOIN task_fact t ON t.task_id = v.task_id
         LEFT JOIN task_fact o ON o.task_id = t.origin_task_id
        WHERE (v.contact_known, v.contact_urgency, v.contact_arrived, v.contact_assessed_at, v.contact_legal_deadline, v.contact_regional_deadline)
              IS DISTINCT FROM (t.task_id IS NOT NULL, t.urgency, LEAST(t.arrived_at, o.arrived_at),
                                LEAST(COALESCE(t.assessed_input_at, CASE WHEN t.status = 'completed' AND t.closed_at <= v.start_at THEN t.closed_at END), o.assessed_input_at),
                                t.legal_deadline, t.regional_deadline)`,
      [],
    );
    return r.rows;
  }

  it('keeps the client’s columns on each contact and visit as a join with the client gives them: a birthday, a client written with their contact, a client removed', async () => {
    expect(await clientColumnMismatches()).toEqual([]);
    // A client turning 18 on the day after their contact: a child on the day it arrived.
    const client = randomUUID();
    const contact = randomUUID();
    const visit = randomUUID();
    const patient = (birthDate: string): Patient & { id: string } => ({
      resourceType: 'Patient', id: client, birthDate, name: [{ family: 'Kuusela', given: ['Nea'] }],
      generalPractitioner: [{ reference: OTHER_STATION }],
      extension: [{ url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: '217' } }],
      meta: { security: [{ system: 'https://fhir.ovi.fi/CodeSystem/register', code: 'health' }] },
    });
    // The contact and visit listed before their client, in one statement (a batch).
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Task', id: contact, status: 'ready', intent: 'order',
        code: { coding: [{ system: SYSTEMS.taskCode, code: 'client-guidance' }] },
        for: { reference: `Patient/${client}` },
        // 23:30 in Helsinki is the 4th; in UTC it is still the 3rd.
        authoredOn: helsinki('2026-11-04T23:30').toISOString(),
      } as Task & { id: string },
      {
        resourceType: 'Appointment', id: visit, status: 'fulfilled',
        start: helsinki('2026-11-05T09:00').toISOString(), end: helsinki('2026-11-05T09:30').toISOString(),
        participant: [{ actor: { reference: `Patient/${client}` }, status: 'accepted' }, { actor: { reference: DEMO_IDS.physician }, status: 'accepted' }],
      } as Appointment & { id: string },
      patient('2008-11-05'),
    ]);
    const row = async () =>
      (await db().query<{ client_unit: string; client_municipality: string; client_age_group: string; visit_age: string }>(
        `SELECT f.client_unit, f.client_municipality, f.client_age_group, v.client_age_group AS visit_age
           FROM task_fact f, visit_fact v WHERE f.task_id = $1 AND v.appointment_id = $2`,
        [contact, visit],
      )).rows[0];
    expect(await row()).toEqual({ client_unit: OTHER_STATION, client_municipality: '217', client_age_group: '0-17', visit_age: '18-64' });
    expect(inStratum(await count('contacts-by-channel'), 'age-group', '0-17')).toBeGreaterThanOrEqual(1);
    // The birth date corrected a day earlier: an adult on the contact's day too.
    await server.ovi.services.store.update('Patient', client, patient('2008-11-04'));
    expect(await row()).toMatchObject({ client_age_group: '18-64', visit_age: '18-64' });
    expect(await clientColumnMismatches()).toEqual([]);
    // The client removed: their contact and visit count as unknown, as with no client.
    await db().query(`DELETE FROM resource WHERE resource_type = 'Patient' AND id = $1`, [client]);
    expect(await row()).toEqual({ client_unit: null, client_municipality: null, client_age_group: null, visit_age: null });
    expect(await clientColumnMismatches()).toEqual([]);
  });

  it('keeps the contact’s values on each visit: booked before its contact is written, routed on, assessed later, the contact removed', async () => {
    const first = randomUUID();
    const routed = randomUUID();
    const visit = randomUUID();
    const task = (id: string, authoredOn: string, extra: Partial<Task> = {}): Task & { id: string } => ({
      resourceType: 'Task', id, status: 'ready', intent: 'order',
      code: { coding: [{ system: SYSTEMS.taskCode, code: 'client-guidance' }] },
      for: { reference: resident.fhirUser }, authoredOn: helsinki(authoredOn).toISOString(), ...extra,
    });
    const input = (code: string, value: Record<string, unknown>) => ({ type: { coding: [{ system: SYSTEMS.taskParameter, code }] }, ...value });
    const visitRow = async () =>
      (await db().query<{ contact_known: boolean; contact_arrived: Date | null; contact_assessed_at: Date | null; contact_urgency: string | null }>(
        'SELECT contact_known, contact_arrived, contact_assessed_at, contact_urgency FROM visit_fact WHERE appointment_id = $1',
        [visit],
      )).rows[0];
    // The visit is written first, booked for routed work that does not exist yet.
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Appointment', id: visit, status: 'fulfilled',
        start: helsinki('2026-11-12T09:00').toISOString(), end: helsinki('2026-11-12T09:30').toISOString(),
        supportingInformation: [{ reference: `Task/${routed}` }],
        participant: [{ actor: { reference: resident.fhirUser }, status: 'accepted' }, { actor: { reference: DEMO_IDS.physician }, status: 'accepted' }],
      } as Appointment & { id: string },
    ]);
    expect(await visitRow()).toMatchObject({ contact_known: false, contact_arrived: null });
    // The first contact, and the work routed from it (arrived later, assessed there): the clock runs from the first.
    await server.ovi.services.store.createMany([
      task(first, '2026-11-06T08:00', { input: [input('urgency', { valueCode: 'non-urgent' })] as Task['input'] }),
      task(routed, '2026-11-07T10:00', { basedOn: [{ reference: `Task/${first}` }], input: [input('urgency', { valueCode: 'non-urgent' }), input('assessed-at', { valueDateTime: helsinki('2026-11-07T11:00').toISOString() })] as Task['input'] }),
    ]);
    expect(await visitRow()).toMatchObject({ contact_known: true, contact_arrived: helsinki('2026-11-06T08:00'), contact_assessed_at: helsinki('2026-11-07T11:00'), contact_urgency: 'non-urgent' });
    // The first contact's assessment recorded later, earlier than the routed one's: it counts.
    await server.ovi.services.store.update('Task', first, task(first, '2026-11-06T08:00', { input: [input('urgency', { valueCode: 'non-urgent' }), input('assessed-at', { valueDateTime: helsinki('2026-11-06T09:00').toISOString() })] as Task['input'] }));
    expect(await visitRow()).toMatchObject({ contact_assessed_at: helsinki('2026-11-06T09:00') });
    expect(await clientColumnMismatches()).toEqual([]);
    // The routed work removed: the visit has no contact again.
    await db().query(`DELETE FROM resource WHERE resource_type = 'Task' AND id = $1`, [routed]);
    expect(await visitRow()).toMatchObject({ contact_known: false, contact_arrived: null, contact_assessed_at: null });
    expect(await clientColumnMismatches()).toEqual([]);
  });

  it('a write that fails leaves no fact: the figures stay as they were', async () => {
    const before = await figures();
    const id = randomUUID();
    const failing = server.ovi.services.store.transaction(async (tx) => {
      await server.ovi.services.store.createMany(
        [
          {
            resourceType: 'Task', id, status: 'ready', intent: 'order',
            code: { coding: [{ system: SYSTEMS.taskCode, code: 'client-guidance' }] },
            for: { reference: resident.fhirUser },
            authoredOn: helsinki('2026-11-05T09:00').toISOString(),
          } as Task & { id: string },
        ],
        tx,
      );
      const inside = await tx.query('SELECT 1 FROM task_fact WHERE task_id = $1', [id]);
      expect(inside.rows).toHaveLength(1);
      throw new Error('the rest of the write failed');
    });
    await expect(failing).rejects.toThrow('the rest of the write failed');
    expect((await db().query('SELECT 1 FROM task_fact WHERE task_id = $1', [id])).rows).toHaveLength(0);
    expect(await figures()).toEqual(before);
  });
});

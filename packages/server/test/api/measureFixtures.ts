import type { Resource } from '@medplum/fhirtypes';
import { EXTENSIONS, MEASUREMENT_FREQUENCY_EXTENSION, SYSTEMS } from '@ovi/domain';

/**
 * The managers' indicators (issue 13, decision 028) against hand-computed values on a small
 * fixed data set in March 2025, stored directly (the demo region's own data is in 2026):
 *
 * Contacts (client guidance), 20 in March and 2 just outside it:
 * - unit A (the demo Kokkola station; Kokkola 272; age 30; nurse): 12 contacts, 8 web form and
 *   4 phone; 5 solved, 2 self-care, 5 booked; handled by two professionals; assessed after
 *   1 h (6), 3 h (4), 30 h (2), all by their due time. The first arrives 1.3. 00:10 Helsinki.
 * - unit B (Kannus 217; age 80; physician): 6 contacts, 1 web form and 5 phone; 5 booked (each
 *   routed on to a team task three days later) and 1 solved; handled by one professional;
 *   assessed after 2 h, all late.
 * - unit C (Kannus 217; age 10; nurse): 2 phone contacts, solved, assessed after 5 h; the last
 *   arrives 31.3. 23:50 Helsinki (summer time, +03:00).
 * - outside: 28.2. 23:30 Helsinki and 1.4. 00:00 Helsinki.
 * Visits: A's five booked contacts realised 1, 2, 3, 5, 6 days after the contact; B's five
 * realised 8, 9, 10, 12, 14 days after the contact (booked on the team tasks, whose own dates
 * are three days later: the clock runs from the first contact). The region's limit is 7 days.
 * Not counted: a cancelled and a not-come visit, and a visit on 1.4. 00:30 Helsinki.
 * Appointment times: unit B's physician schedule, 10 booked and 5 free in March.
 * Home self-monitoring: 11 clients of unit A with an active measurement goal; 6 sent a
 * measurement themselves in March; of the other 5, one measured only on 1.4. (Helsinki), one
 * had a value recorded by a nurse, one has a goal without a measurement frequency too.
 */
const h = (local: string) => new Date(local).toISOString();
export const PERIOD = 'periodStart=2025-03-01&periodEnd=2025-03-31';
export const UNIT_A = 'Organization/station-kokkola';
export const UNIT_B = 'Organization/test-unit-b';

function patient(id: string, unit: string, municipality: string, birthDate: string) {
  return {
    resourceType: 'Patient', id, birthDate, gender: 'female',
    name: [{ family: `Testi-${id}`, given: ['Henkilö'] }],
    extension: [{ url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code: municipality } }],
    generalPractitioner: [{ reference: unit }],
  };
}

const input = (code: string, value: Record<string, unknown>) => ({ type: { coding: [{ system: SYSTEMS.taskParameter, code }] }, ...value });

interface ContactSpec {
  id: string;
  patient: string;
  at: Date;
  channel: string;
  outcome: string;
  profession: string;
  owner: string;
  assessedAfterHours: number;
  late?: boolean;
}

function contactTask(c: ContactSpec) {
  const assessed = new Date(c.at.getTime() + c.assessedAfterHours * 3_600_000);
  const due = new Date(c.at.getTime() + (c.late ? 1 : 48) * 3_600_000);
  return {
    resourceType: 'Task', id: c.id, status: 'completed', intent: 'order',
    code: { coding: [{ system: SYSTEMS.taskCode, code: 'client-guidance' }] },
    businessStatus: { coding: [{ system: SYSTEMS.guidanceOutcome, code: c.outcome }] },
    for: { reference: `Patient/${c.patient}` },
    authoredOn: c.at.toISOString(),
    owner: { reference: c.owner },
    performerType: [{ coding: [{ system: SYSTEMS.profession, code: c.profession }] }],
    executionPeriod: { end: assessed.toISOString() },
    input: [
      input('channel', { valueCode: c.channel }),
      input('assessment-due', { valueDateTime: due.toISOString() }),
      input('assessed-at', { valueDateTime: assessed.toISOString() }),
      input('legal-deadline', { valueDateTime: new Date(c.at.getTime() + 90 * 86_400_000).toISOString() }),
      input('regional-deadline', { valueDateTime: new Date(c.at.getTime() + 7 * 86_400_000 + 3_600_000).toISOString() }),
    ],
  };
}

function visit(id: string, patientId: string, location: string, profession: string, start: Date, task: string, status = 'fulfilled') {
  return {
    resourceType: 'Appointment', id, status,
    start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(),
    specialty: [{ coding: [{ system: SYSTEMS.profession, code: profession }] }],
    supportingInformation: [{ reference: `Task/${task}` }],
    participant: [
      { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
      { actor: { reference: 'Practitioner/test-measures-doc' }, status: 'accepted' },
      { actor: { reference: location }, status: 'accepted' },
    ],
  };
}

const DAY = 86_400_000;

export function dataSet(): Resource[] {
  const out: any[] = [
    { resourceType: 'Organization', id: 'test-unit-b', name: 'Testiasema B', active: true },
    { resourceType: 'Organization', id: 'test-unit-c', name: 'Testiasema C', active: true },
    { resourceType: 'Location', id: 'loc-test-b', name: 'Testiasema B', status: 'active', managingOrganization: { reference: UNIT_B } },
    patient('m-a', UNIT_A, '272', '1995-01-15'),
    patient('m-b', UNIT_B, '217', '1945-01-15'),
    patient('m-c', 'Organization/test-unit-c', '217', '2015-01-15'),
  ];
  const contacts: ContactSpec[] = [];
  // Unit A: 12 contacts on 1.–12.3. at 09:00 (the first at 00:10).
  const aHours = [1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 30, 30];
  const aOutcomes = ['booked', 'booked', 'booked', 'booked', 'booked', 'solved', 'solved', 'solved', 'solved', 'solved', 'self-care', 'self-care'];
  for (let i = 0; i < 12; i++) {
    const at = i === 0 ? new Date('2025-03-01T00:10:00+02:00') : new Date(`2025-03-${String(i + 1).padStart(2, '0')}T09:00:00+02:00`);
    contacts.push({ id: `m-a${i}`, patient: 'm-a', at, channel: i < 8 ? 'web-form' : 'phone', outcome: aOutcomes[i] as string, profession: 'nurse', owner: i % 2 ? 'Practitioner/p1' : 'Practitioner/p2', assessedAfterHours: aHours[i] as number });
  }
  for (let i = 0; i < 6; i++) {
    contacts.push({ id: `m-b${i}`, patient: 'm-b', at: new Date(`2025-03-${String(i + 2).padStart(2, '0')}T10:00:00+02:00`), channel: i === 0 ? 'web-form' : 'phone', outcome: i < 5 ? 'booked' : 'solved', profession: 'physician', owner: 'Practitioner/p3', assessedAfterHours: 2, late: true });
  }
  contacts.push({ id: 'm-c0', patient: 'm-c', at: new Date('2025-03-20T12:00:00+02:00'), channel: 'phone', outcome: 'solved', profession: 'nurse', owner: 'Practitioner/p1', assessedAfterHours: 5 });
  contacts.push({ id: 'm-c1', patient: 'm-c', at: new Date('2025-03-31T23:50:00+03:00'), channel: 'phone', outcome: 'solved', profession: 'nurse', owner: 'Practitioner/p1', assessedAfterHours: 5 });
  // Just outside the period, in Helsinki time.
  contacts.push({ id: 'm-out1', patient: 'm-a', at: new Date('2025-02-28T23:30:00+02:00'), channel: 'phone', outcome: 'solved', profession: 'nurse', owner: 'Practitioner/p1', assessedAfterHours: 1 });
  contacts.push({ id: 'm-out2', patient: 'm-a', at: new Date('2025-04-01T00:00:00+03:00'), channel: 'phone', outcome: 'solved', profession: 'nurse', owner: 'Practitioner/p1', assessedAfterHours: 1 });
  out.push(...contacts.map(contactTask));

  const byId = new Map(contacts.map((c) => [c.id, c]));
  const dayAfter = (id: string, days: number) => {
    const at = (byId.get(id) as ContactSpec).at;
    return new Date(at.getTime() + days * DAY + 3_600_000);
  };
  [1, 2, 3, 5, 6].forEach((days, i) => out.push(visit(`m-va${i}`, 'm-a', 'Location/loc-station-kokkola', 'nurse', dayAfter(`m-a${i}`, days), `m-a${i}`)));
  [8, 9, 10, 12, 14].forEach((days, i) => {
    const original = byId.get(`m-b${i}`) as ContactSpec;
    // The routed team task: its own date three days later, its deadlines those of the contact.
    const team = contactTask({ ...original, id: `m-bt${i}`, at: new Date(original.at.getTime() + 3 * DAY) });
    out.push({ ...team, code: { coding: [{ system: SYSTEMS.taskCode, code: 'routed-work' }] }, basedOn: [{ reference: `Task/m-b${i}` }], input: contactTask(original).input });
    out.push(visit(`m-vb${i}`, 'm-b', 'Location/loc-test-b', 'physician', dayAfter(`m-b${i}`, days), `m-bt${i}`));
  });
  out.push(visit('m-v-cancelled', 'm-a', 'Location/loc-station-kokkola', 'nurse', dayAfter('m-a0', 2), 'm-a0', 'cancelled'));
  out.push(visit('m-v-noshow', 'm-b', 'Location/loc-test-b', 'physician', dayAfter('m-b0', 2), 'm-bt0', 'noshow'));
  out.push(visit('m-v-april', 'm-b', 'Location/loc-test-b', 'physician', new Date('2025-04-01T00:30:00+03:00'), 'm-b5'));

  out.push({ resourceType: 'Schedule', id: 'm-sched', active: true, actor: [{ reference: 'Practitioner/test-measures-doc' }, { reference: 'Location/loc-test-b' }], specialty: [{ coding: [{ system: SYSTEMS.profession, code: 'physician' }] }] });
  for (let i = 0; i < 15; i++) {
    const start = new Date(`2025-03-${String(i + 3).padStart(2, '0')}T08:00:00+02:00`);
    out.push({
      resourceType: 'Slot', id: `m-slot${i}`, schedule: { reference: 'Schedule/m-sched' }, status: i < 10 ? 'busy' : 'free',
      start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(),
      serviceType: [{ coding: [{ system: SYSTEMS.visitType, code: 'physician-visit' }] }],
      extension: [{ url: EXTENSIONS.visitMode, valueCode: 'on-site' }],
    });
  }
  for (let i = 0; i < 11; i++) {
    const id = `m-s${i}`;
    out.push(patient(id, UNIT_A, '272', '1980-06-01'));
    out.push({ resourceType: 'Goal', id: `m-goal${i}`, lifecycleStatus: 'active', subject: { reference: `Patient/${id}` }, description: { text: 'Verenpaine' },
      extension: [{ url: MEASUREMENT_FREQUENCY_EXTENSION, valueDuration: { value: 7, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' } }] });
    const at = i < 6 ? '2025-03-15T08:00:00+02:00' : i === 6 ? '2025-04-01T00:10:00+03:00' : '2025-03-15T08:00:00+02:00';
    if (i <= 7) {
      out.push({ resourceType: 'Observation', id: `m-obs${i}`, status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
        subject: { reference: `Patient/${id}` }, performer: [{ reference: i === 7 ? 'Practitioner/p1' : `Patient/${id}` }], effectiveDateTime: new Date(at).toISOString(),
        valueQuantity: { value: 130, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } });
    }
  }
  // A goal without a measurement frequency is no home-measurement plan: not counted.
  out.push(patient('m-s-other', UNIT_A, '272', '1980-06-01'));
  out.push({ resourceType: 'Goal', id: 'm-goal-other', lifecycleStatus: 'active', subject: { reference: 'Patient/m-s-other' }, description: { text: 'Liikunta' } });
  return out as Resource[];
}


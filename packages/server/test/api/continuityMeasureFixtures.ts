import type { Resource } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS } from '@ovi/domain';
import { feedbackResponse } from '../../src/feedback/feedbackAnswers';

/**
 * The continuity Measures (UPC, COCI, own-team share) and the feedback Measure (NPS) against
 * hand-computed values on a small fixed data set in February 2025 (decision 034):
 *
 * Unit A (Organization/test-cm-a through its Location), physicians, Kokkola 272, born 1980:
 * - a1–a6: 3 visits with P1 (their own doctor) and 1 with P2: UPC 0.75, COCI 0.5 each (decision
 *   021's hand-computed client). a1 also has a cancelled and a not-come visit with P1 (left out).
 * - a7: one visit (left out of everything); a0: a client with no visits at all.
 * - a8: visits with P1, P2 and P3, no own doctor: UPC 1/3, COCI 0.
 * - a9: 3 visits with P1, their own doctor: UPC 1, COCI 1.
 * Unit B (Location/loc-cm-b, no Organization), nurses, Kannus 217: b1, b2 with 2 visits each with
 * N1, their own nurse: UPC 1, COCI 1. Two clients: hidden.
 * Unit C (Organization/test-cm-c), nurses, Kannus 217: c1–c6 with N1 (own) and N2: UPC 0.5,
 * COCI 0; c6 has no birth date (age group unknown: one client, hidden with its complement).
 * Outside February: a visit of a9 on 1.3.2025 00:00 Helsinki.
 *
 * Means: A (8 clients) UPC (6·0.75 + 1/3 + 1) / 8 = 0.729 → 0.73, COCI (3 + 0 + 1) / 8 = 0.5;
 * nurses (8) UPC (2 + 3) / 8 = 0.625 → 0.63, COCI 2 / 8 = 0.25; whole (16) UPC 10.833 / 16 =
 * 0.677 → 0.68, COCI 6 / 16 = 0.375 → 0.38. Counts rounded: 16 → 15, 8 → 10.
 * Own team (visits of clients with an own professional): A 27 (21 own), B 4 (4), C 12 (6):
 * 43 visits, 31 own → 45 and 30, share 0.67.
 *
 * Feedback (answers of February): unit A physician 12 × 10, 5 × 8, 5 × 3; unit B nurse 10 and
 * 2; unit C nurse 6 × 9, 5 × 7, 5 × 5; one answer of March (not counted).
 */
export const UNIT_A = 'Organization/test-cm-a';
export const UNIT_B = 'Location/loc-cm-b';
export const UNIT_C = 'Organization/test-cm-c';
export const PERIOD = 'periodStart=2025-02-01&periodEnd=2025-02-28';
const at = (day: number, hour = 9) => new Date(`2025-02-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+02:00`);

function patient(id: string, municipality: string, own?: string, birthDate = '1980-05-05'): Resource {
  return {
    resourceType: 'Patient', id, name: [{ family: 'Jatkuvuus', given: [id] }],
    ...(birthDate ? { birthDate } : {}),
    ...(own ? { generalPractitioner: [{ reference: own }] } : {}),
    extension: [{ url: EXTENSIONS.municipality, valueCoding: { code: municipality } }],
  } as Resource;
}

let seq = 0;
function visit(client: string, practitioner: string, location: string, profession: string, start: Date, status = 'fulfilled'): Resource {
  return {
    resourceType: 'Appointment', id: `cm-v${seq++}`, status,
    start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(),
    specialty: [{ coding: [{ system: SYSTEMS.profession, code: profession }] }],
    participant: [
      { actor: { reference: `Patient/${client}` }, status: 'accepted' },
      { actor: { reference: practitioner }, status: 'accepted' },
      { actor: { reference: location }, status: 'accepted' },
    ],
  } as Resource;
}

export function continuityDataSet(): Resource[] {
  const out: Resource[] = [
    { resourceType: 'Organization', id: 'test-cm-a', name: 'Jatkuvuusasema A', active: true } as Resource,
    { resourceType: 'Organization', id: 'test-cm-c', name: 'Jatkuvuusasema C', active: true } as Resource,
    { resourceType: 'Location', id: 'loc-cm-a', name: 'Vastaanotto A', status: 'active', managingOrganization: { reference: UNIT_A } } as Resource,
    { resourceType: 'Location', id: 'loc-cm-b', name: 'Jatkuvuusasema B', status: 'active' } as Resource,
    { resourceType: 'Location', id: 'loc-cm-c', name: 'Vastaanotto C', status: 'active', managingOrganization: { reference: UNIT_C } } as Resource,
  ];
  const [P1, P2, P3, N1, N2] = ['Practitioner/cm-p1', 'Practitioner/cm-p2', 'Practitioner/cm-p3', 'Practitioner/cm-n1', 'Practitioner/cm-n2'];
  const A = 'Location/loc-cm-a';
  for (let i = 1; i <= 6; i++) {
    out.push(patient(`cm-a${i}`, '272', P1));
    for (let d = 0; d < 3; d++) out.push(visit(`cm-a${i}`, P1, A, 'physician', at(2 + d + i)));
    out.push(visit(`cm-a${i}`, P2, A, 'physician', at(12 + i)));
  }
  out.push(visit('cm-a1', P1, A, 'physician', at(20), 'cancelled'), visit('cm-a1', P1, A, 'physician', at(21), 'noshow'));
  out.push(patient('cm-a0', '272', P1), patient('cm-a7', '272', P1), visit('cm-a7', P1, A, 'physician', at(3)));
  out.push(patient('cm-a8', '272'), ...[P1, P2, P3].map((p, i) => visit('cm-a8', p, A, 'physician', at(4 + i))));
  out.push(patient('cm-a9', '272', P1), ...[1, 10, 28].map((d) => visit('cm-a9', P1, A, 'physician', at(d, d === 28 ? 23 : 9))));
  out.push(visit('cm-a9', P1, A, 'physician', new Date('2025-03-01T00:00:00+02:00')));
  for (const b of ['cm-b1', 'cm-b2']) out.push(patient(b, '217', N1), visit(b, N1, UNIT_B, 'nurse', at(5)), visit(b, N1, UNIT_B, 'nurse', at(6)));
  for (let i = 1; i <= 6; i++) {
    out.push(patient(`cm-c${i}`, '217', N1, i === 6 ? '' : '1980-05-05'));
    out.push(visit(`cm-c${i}`, N1, 'Location/loc-cm-c', 'nurse', at(7 + i)), visit(`cm-c${i}`, N2, 'Location/loc-cm-c', 'nurse', at(15 + i)));
  }
  return out;
}

export const ANSWERS: Array<{ unit: string; profession: string; month: string; scores: number[] }> = [
  { unit: 'Location/loc-cm-a', profession: 'physician', month: '2025-02', scores: [...Array(12).fill(10), ...Array(5).fill(8), ...Array(5).fill(3)] },
  { unit: UNIT_B, profession: 'nurse', month: '2025-02', scores: [10, 2] },
  { unit: 'Location/loc-cm-c', profession: 'nurse', month: '2025-02', scores: [...Array(6).fill(9), ...Array(5).fill(7), ...Array(5).fill(5)] },
  { unit: 'Location/loc-cm-a', profession: 'physician', month: '2025-03', scores: [0] },
];

export function feedbackDataSet(): Resource[] {
  return ANSWERS.flatMap(({ unit, profession, month, scores }) =>
    scores.map((recommend, i) => ({ ...feedbackResponse({ recommend, statements: {} }, { kind: 'visit', unit, profession, month }, 1), id: `cm-f-${unit.slice(-1)}-${month}-${i}` }) as Resource),
  );
}

/**
 * The segment mix at the end of February 2025 (latest final segment made before 1.3.2025 00:00
 * Helsinki): unit A (Organization/test-cm-a, Kokkola 272, born 1950: 65–74) 8 self-acting (sg-a1
 * was network in January), 5 cooperating (sg-a9 becomes network only in March), 5 community;
 * unit C 2 network (Kannus 217, born 1980); no own station ('unknown', 217, born 1980) 5 network
 * and 1 community. Not counted: a preliminary segment, a client with none. 26 clients: 8, 5, 6, 7
 * → 25: 10, 5, 5, 5.
 */
export function segmentDataSet(): Resource[] {
  const out: Resource[] = [];
  const client = (id: string, unit: string | undefined, municipality: string, birthDate: string) =>
    out.push({
      resourceType: 'Patient', id, birthDate, name: [{ family: 'Ryhmä', given: [id] }],
      ...(unit ? { generalPractitioner: [{ reference: unit }] } : {}),
      extension: [{ url: EXTENSIONS.municipality, valueCoding: { code: municipality } }],
    } as Resource);
  const segment = (patient: string, code: string, at: string, status = 'final') =>
    out.push({
      resourceType: 'Observation', id: `${patient}-${code}-${at.slice(0, 10)}`, status,
      code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/segmentation', code: 'client-segment' }] },
      subject: { reference: `Patient/${patient}` },
      effectiveDateTime: new Date(at).toISOString(),
      valueCodeableConcept: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/client-segment', code }] },
    } as Resource);
  const a = [...Array(8).fill('self-acting'), ...Array(5).fill('cooperating'), ...Array(5).fill('community')] as string[];
  a.forEach((code, i) => {
    client(`sg-a${i + 1}`, UNIT_A, '272', '1950-05-05');
    segment(`sg-a${i + 1}`, code, '2025-02-10T10:00:00+02:00');
  });
  segment('sg-a1', 'network', '2025-01-10T10:00:00+02:00');
  segment('sg-a9', 'network', '2025-03-01T00:00:00+02:00');
  for (const i of [1, 2]) {
    client(`sg-c${i}`, UNIT_C, '217', '1980-05-05');
    segment(`sg-c${i}`, 'network', '2025-02-12T10:00:00+02:00');
  }
  ['network', 'network', 'network', 'network', 'network', 'community'].forEach((code, i) => {
    client(`sg-u${i + 1}`, undefined, '217', '1980-05-05');
    segment(`sg-u${i + 1}`, code, '2025-02-14T10:00:00+02:00');
  });
  client('sg-x1', UNIT_A, '272', '1950-05-05');
  segment('sg-x1', 'network', '2025-02-14T10:00:00+02:00', 'preliminary');
  client('sg-x2', UNIT_A, '272', '1950-05-05');
  return out;
}

import { validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientContinuity, DEFAULT_FEEDBACK_SURVEY, EXTENSIONS, feedbackFigures, SYSTEMS } from '@ovi/domain';
import { feedbackResponse } from '../../src/feedback/feedbackAnswers';
import { assertStructure } from '../../src/fhir/validation';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

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
const UNIT_A = 'Organization/test-cm-a';
const UNIT_B = 'Location/loc-cm-b';
const UNIT_C = 'Organization/test-cm-c';
const PERIOD = 'periodStart=2025-02-01&periodEnd=2025-02-28';
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

function continuityDataSet(): Resource[] {
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

const ANSWERS: Array<{ unit: string; profession: string; month: string; scores: number[] }> = [
  { unit: 'Location/loc-cm-a', profession: 'physician', month: '2025-02', scores: [...Array(12).fill(10), ...Array(5).fill(8), ...Array(5).fill(3)] },
  { unit: UNIT_B, profession: 'nurse', month: '2025-02', scores: [10, 2] },
  { unit: 'Location/loc-cm-c', profession: 'nurse', month: '2025-02', scores: [...Array(6).fill(9), ...Array(5).fill(7), ...Array(5).fill(5)] },
  { unit: 'Location/loc-cm-a', profession: 'physician', month: '2025-03', scores: [0] },
];

function feedbackDataSet(): Resource[] {
  return ANSWERS.flatMap(({ unit, profession, month, scores }) =>
    scores.map((recommend, i) => ({ ...feedbackResponse({ recommend, statements: {} }, { kind: 'visit', unit, profession, month }, 1), id: `cm-f-${unit.slice(-1)}-${month}-${i}` }) as Resource),
  );
}

const group = (report: any, code: string) => report.group.find((g: any) => g.code.coding[0].code === code);
const stratum = (g: any, stratifier: string, value: string) =>
  g.stratifier.find((s: any) => s.code[0].coding[0].code === stratifier).stratum.find((s: any) => s.value.coding[0].code === value);
const count = (part: any, code: string) => part.population?.find((p: any) => p.code.coding[0].code === code)?.count ?? null;
const isMasked = (element: any) => (element?.extension ?? []).some((e: any) => e.url === 'http://hl7.org/fhir/StructureDefinition/data-absent-reason' && e.valueCode === 'masked');
const ONE_PROFESSIONAL = 'https://fhir.ovi.fi/StructureDefinition/one-professional';

describe.each(BACKENDS)('continuity and feedback Measures on %s', (backend) => {
  let server: TestServer;
  let manager: string;
  const evaluate = async (id: string, query = PERIOD) => {
    const r = await server.call('GET', `/fhir/R4/Measure/${id}/$evaluate-measure?${query}`, { token: manager });
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(200);
    assertStructure(r.body, 'MeasureReport');
    expect(() => validateResource(r.body)).not.toThrow();
    return r.body;
  };

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: new Date('2026-11-29T10:00:00+02:00') });
    manager = (await server.login('manager')).token;
    await server.ovi.services.store.createMany([...continuityDataSet(), ...feedbackDataSet()] as any);
  });
  afterAll(async () => server?.close());

  it('lists the new Measures on their themes', async () => {
    const list = await server.call('GET', '/fhir/R4/Measure', { token: manager });
    const topic = (id: string) => list.body.entry.find((e: any) => e.resource.id === id)?.resource.topic[0].coding[0].code;
    expect(['usual-provider-continuity', 'continuity-of-care-index', 'own-team-visits'].map(topic)).toEqual(['continuity', 'continuity', 'continuity']);
    expect(topic('net-promoter-score')).toBe('experience');
    const upc = list.body.entry.find((e: any) => e.resource.id === 'usual-provider-continuity').resource;
    expect(upc.scoring.coding[0].code).toBe('continuous-variable');
    expect(upc.group[0].code.coding[0].code).toBe('mean');
  });

  it('UPC: the mean over clients with two or more realised visits, by unit, profession, municipality and age group', async () => {
    expect(clientContinuity([3, 1])).toEqual({ visits: 4, upc: 0.75, coci: 0.5 });
    const g = (await evaluate('usual-provider-continuity')).group[0];
    expect(g.measureScore.value).toBe(0.68);
    expect(g.measureScore.code).toBe('1');
    expect([count(g, 'initial-population'), count(g, 'measure-population')]).toEqual([15, 15]);
    const a = stratum(g, 'unit', UNIT_A);
    expect([count(a, 'measure-population'), a.measureScore.value]).toEqual([10, 0.73]);
    expect(a.value.text).toBe('Jatkuvuusasema A');
    // B has two clients: hidden, and C (the smallest shown) with it, so the whole cannot give B away.
    for (const unit of [UNIT_B, UNIT_C]) {
      expect(isMasked(stratum(g, 'unit', unit)), unit).toBe(true);
      expect(stratum(g, 'unit', unit).measureScore).toBeUndefined();
    }
    expect(stratum(g, 'profession', 'physician').measureScore.value).toBe(0.73);
    expect(stratum(g, 'profession', 'nurse').measureScore.value).toBe(0.63);
    expect(stratum(g, 'municipality', '272').measureScore.value).toBe(0.73);
    // One client without a birth date: hidden, and the only other age group with it.
    expect(isMasked(stratum(g, 'age-group', 'unknown'))).toBe(true);
    expect(isMasked(stratum(g, 'age-group', '18-64'))).toBe(true);
  });

  it("reproduces the continuity table's mean UPC and COCI for the same unit and profession", async () => {
    const table = await server.call('GET', '/api/access/continuity?from=2025-02-01&to=2025-02-28', { token: manager });
    const row = table.body.groups.find((r: any) => r.unit === 'Location/loc-cm-a');
    expect(row).toMatchObject({ meanUpc: 0.73, meanCoci: 0.5, clients: 10 });
    const query = `${PERIOD}&unit=${encodeURIComponent(UNIT_A)}&profession=physician`;
    expect((await evaluate('usual-provider-continuity', query)).group[0].measureScore.value).toBe(row.meanUpc);
    expect((await evaluate('continuity-of-care-index', query)).group[0].measureScore.value).toBe(row.meanCoci);
  });

  it('COCI: 0.38 for the whole, 0.5 for physicians, 0.25 for nurses', async () => {
    const g = (await evaluate('continuity-of-care-index')).group[0];
    expect(g.measureScore.value).toBe(0.38);
    expect(stratum(g, 'profession', 'physician').measureScore.value).toBe(0.5);
    expect(stratum(g, 'profession', 'nurse').measureScore.value).toBe(0.25);
  });

  it('a unit filtered to two clients shows nothing; another period sees none of it; three professionals met carry no mark', async () => {
    const onlyB = (await evaluate('usual-provider-continuity', `${PERIOD}&unit=${encodeURIComponent(UNIT_B)}`)).group[0];
    expect(isMasked(onlyB.measureScore)).toBe(true);
    expect(isMasked(onlyB.population[0])).toBe(true);
    const march = (await evaluate('usual-provider-continuity', 'periodStart=2025-03-01&periodEnd=2025-03-31')).group[0];
    expect(isMasked(march.measureScore)).toBe(true);
    expect(march.stratifier.every((s: any) => s.stratum === undefined)).toBe(true);
    const a = (await evaluate('usual-provider-continuity', `${PERIOD}&unit=${encodeURIComponent(UNIT_A)}`)).group[0];
    expect(stratum(a, 'unit', UNIT_A).extension ?? []).not.toContainEqual(expect.objectContaining({ url: ONE_PROFESSIONAL }));
  });

  it("own-team visits: 31 of 43 visits of clients with an own professional (30 of 45), a8's visits not counted", async () => {
    const g = (await evaluate('own-team-visits')).group[0];
    expect([count(g, 'denominator'), count(g, 'numerator')]).toEqual([45, 30]);
    expect(g.measureScore.value).toBe(0.67);
    expect(isMasked(stratum(g, 'unit', UNIT_B))).toBe(true);
    expect(isMasked(stratum(g, 'unit', UNIT_C))).toBe(true);
    // Physicians only: A's 27 visits, 21 own → 25 and 20.
    const physicians = (await evaluate('own-team-visits', `${PERIOD}&profession=physician`)).group[0];
    expect([count(physicians, 'denominator'), count(physicians, 'numerator'), physicians.measureScore.value]).toEqual([25, 20, 0.8]);
  });

  it('NPS: from the rounded groups as the feedback results give it, by unit and profession; the March answer not counted', async () => {
    const report = await evaluate('net-promoter-score');
    const feb = ANSWERS.filter((a) => a.month === '2025-02').flatMap((a) => a.scores.map((recommend) => ({ recommend, statements: {} })));
    const page = feedbackFigures(DEFAULT_FEEDBACK_SURVEY, feb);
    // 40 answers: 19 promoters, 10 passives, 11 detractors → 40, 20, 10, 10: (20 − 10) / 40 = 25.
    expect(page.nps).toBe(25);
    const nps = group(report, 'nps');
    expect(nps.measureScore).toMatchObject({ value: page.nps, code: '{score}' });
    expect(count(nps, 'denominator')).toBe(40);
    expect(nps.population.some((p: any) => p.code.coding[0].code === 'numerator')).toBe(false);
    expect(count(group(report, 'promoter'), 'numerator')).toBe(20);
    expect(group(report, 'promoter').measureScore.value).toBe(0.5);
    // Physicians 12, 5, 5 → 10, 5, 5 of 20: 25; nurses 7, 5, 6 → 5, 5, 5 of 15: 0.
    expect(stratum(nps, 'profession', 'physician').measureScore.value).toBe(25);
    expect(stratum(nps, 'profession', 'nurse').measureScore.value).toBe(0);
    // B (2 answers) is hidden and C (the smallest shown) with it; A (the physicians) is shown.
    expect(isMasked(stratum(nps, 'unit', UNIT_B))).toBe(true);
    expect(isMasked(stratum(nps, 'unit', UNIT_C))).toBe(true);
    expect(stratum(nps, 'unit', UNIT_B).measureScore).toBeUndefined();
    const a = stratum(nps, 'unit', UNIT_A);
    expect([count(a, 'denominator'), a.measureScore.value]).toEqual([20, 25]);
    // A municipality filter matches no answer (answers carry none).
    expect(isMasked((await evaluate('net-promoter-score', `${PERIOD}&municipality=272`)).group[0].measureScore)).toBe(true);
  });

  it('exports the continuity and NPS Measures as CSV with hidden cells marked', async () => {
    const csv = async (id: string, stratifier: string) => {
      const r = await server.call('GET', `/api/measures/${id}.csv?${PERIOD}&stratifier=${stratifier}`, { token: manager });
      expect(r.status).toBe(200);
      return String(r.text ?? r.body).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    };
    const upc = await csv('usual-provider-continuity', 'unit');
    expect(upc).toContain('usual-provider-continuity,2025-02-01,2025-02-28,mean,,,,15,,0.68,ratio,');
    expect(upc).toContain('usual-provider-continuity,2025-02-01,2025-02-28,mean,unit,Organization/test-cm-a,Jatkuvuusasema A,10,,0.73,ratio,');
    expect(upc).toContain('usual-provider-continuity,2025-02-01,2025-02-28,mean,unit,Location/loc-cm-b,Jatkuvuusasema B,,,,ratio,suppressed');
    const nps = await csv('net-promoter-score', 'unit');
    expect(nps).toContain('net-promoter-score,2025-02-01,2025-02-28,nps,,,,40,,25,points,');
    expect(nps).toContain('net-promoter-score,2025-02-01,2025-02-28,promoter,,,,40,20,0.5,share,');
    expect(nps).toContain('net-promoter-score,2025-02-01,2025-02-28,nps,unit,Organization/test-cm-a,Jatkuvuusasema A,20,,25,points,');
    expect(nps).toContain('net-promoter-score,2025-02-01,2025-02-28,nps,unit,Location/loc-cm-b,Jatkuvuusasema B,,,,points,suppressed');
  });
});

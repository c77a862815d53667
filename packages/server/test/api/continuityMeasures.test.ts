import { validateResource } from '@medplum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientContinuity, DEFAULT_FEEDBACK_SURVEY, feedbackFigures } from '@ovi/domain';
import { feedbackResponse } from '../../src/feedback/feedbackAnswers';
import { assertStructure } from '../../src/fhir/validation';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';
import { ANSWERS, continuityDataSet, feedbackDataSet, PERIOD, segmentDataSet, UNIT_A, UNIT_B, UNIT_C } from './continuityMeasureFixtures';

/** The data set and its hand-computed values: continuityMeasureFixtures.ts (decision 034). */
const group = (report: any, code: string) => report.group.find((g: any) => g.code.coding[0].code === code);
const stratum = (g: any, stratifier: string, value: string) =>
  g.stratifier.find((s: any) => s.code[0].coding[0].code === stratifier).stratum.find((s: any) => s.value.coding[0].code === value);
const count = (part: any, code: string) => part.population?.find((p: any) => p.code.coding[0].code === code)?.count ?? null;
const isMasked = (element: any) => (element?.extension ?? []).some((e: any) => e.url === 'http://hl7.org/fhir/StructureDefinition/data-absent-reason' && e.valueCode === 'masked');
const ONE_PROFESSIONAL = 'https://fhir.ovi.fi/StructureDefinition/one-professional';

describe.each(BACKENDS)('continuity, feedback and segment Measures on %s', (backend) => {
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
    await server.ovi.services.store.createMany([...continuityDataSet(), ...feedbackDataSet(), ...segmentDataSet()] as any);
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
    // The table's unit is the Measures' (the Organization managing the Location), named.
    const row = table.body.groups.find((r: any) => r.unit === UNIT_A);
    expect(row).toMatchObject({ unitName: 'Jatkuvuusasema A', meanUpc: 0.73, meanCoci: 0.5, clients: 10 });
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

  it('asked at once, as a dashboard page asks (one statement for the three), they answer as asked one by one', async () => {
    const ids = ['usual-provider-continuity', 'continuity-of-care-index', 'own-team-visits'];
    for (const query of [PERIOD, `${PERIOD}&unit=${encodeURIComponent(UNIT_A)}`, `${PERIOD}&profession=nurse`, `${PERIOD}&municipality=272`]) {
      const oneByOne = [];
      for (const id of ids) oneByOne.push((await evaluate(id, query)).group);
      const atOnce = await Promise.all([...ids, ...ids].map((id) => evaluate(id, query)));
      expect(atOnce.map((r) => r.group), query).toEqual([...oneByOne, ...oneByOne]);
    }
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

  it('keeps the answers\' figure fact as their documents give it, and an answer written, changed or removed changes the score at once', async () => {
    // The fact against the documents, read as the figures read them before migration 043.
    const ctx = (name: string, value: string) =>
      `jsonb_path_query_first(content, '$.extension[*] ? (@.url == "https://fhir.ovi.fi/StructureDefinition/feedback-context").extension[*] ? (@.url == "${name}").${value}') #>> '{}'`;
    const differ = await server.ovi.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT id, split_part(content ->> 'questionnaire', '|', 1) AS q, left(${ctx('month', 'valueDate')}, 7) AS month, ${ctx('unit', 'valueReference.reference')} AS unit,
                ${ctx('profession', 'valueCoding.code')} AS profession,
                (SELECT (i #>> '{answer,0,valueInteger}')::int FROM jsonb_array_elements(content -> 'item') i WHERE i ->> 'linkId' = 'recommend' LIMIT 1) AS recommend
           FROM resource WHERE resource_type = 'QuestionnaireResponse' AND ${ctx('month', 'valueDate')} IS NOT NULL
         EXCEPT SELECT response_id, questionnaire, month, named_unit, profession, recommend FROM feedback_fact) d`,
    );
    expect(differ.rows[0]!.n).toBe(0);
    const facts = await server.ovi.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_fact');
    expect(facts.rows[0]!.n).toBe(ANSWERS.reduce((sum, a) => sum + a.scores.length, 0));

    // January had no answers; 10 promoters, 5 passives and 5 detractors score 25 at once, −25 when
    // five promoters turn detractors, and removed there are none again.
    const january = 'periodStart=2025-01-01&periodEnd=2025-01-31';
    const report = async () => evaluate('net-promoter-score', january);
    // No answers: no count to show (the population is under five).
    expect(count(group(await report(), 'nps'), 'denominator') ?? 0).toBe(0);
    const ids = Array.from({ length: 20 }, (_, i) => `cm-f-january-${i}`);
    await server.ovi.services.store.createMany(
      ids.map((id, i) => ({ ...feedbackResponse({ recommend: i < 10 ? 10 : i < 15 ? 8 : 3, statements: {} }, { kind: 'visit', unit: UNIT_A, profession: 'physician', month: '2025-01' }, 1), id })) as any,
    );
    let now = await report();
    expect([count(group(now, 'nps'), 'denominator'), count(group(now, 'promoter'), 'numerator'), group(now, 'nps').measureScore.value]).toEqual([20, 10, 25]);
    for (const id of ids.slice(0, 5)) {
      const stored = await server.ovi.services.store.read<any>('QuestionnaireResponse', id);
      await server.ovi.services.store.update('QuestionnaireResponse', id, { ...stored, item: [{ linkId: 'recommend', answer: [{ valueInteger: 3 }] }] });
    }
    now = await report();
    expect([count(group(now, 'nps'), 'denominator'), count(group(now, 'promoter'), 'numerator'), count(group(now, 'detractor'), 'numerator'), group(now, 'nps').measureScore.value]).toEqual([20, 5, 10, -25]);
    await server.ovi.services.db.query("DELETE FROM resource WHERE resource_type = 'QuestionnaireResponse' AND id = ANY($1)", [ids]);
    expect(count(group(await report(), 'nps'), 'denominator') ?? 0).toBe(0);
    expect((await server.ovi.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_fact WHERE response_id = ANY($1)', [ids])).rows[0]!.n).toBe(0);
  });

  it("segment mix: each segmented client in their latest segment at the period's end, a small unit hidden with its complement", async () => {
    const report = await evaluate('segment-mix');
    const share = (code: string) => group(report, code);
    // 26 clients: 8 self-acting, 5 cooperating, 6 community, 7 network → 25: 10, 5, 5, 5.
    expect(count(share('self-acting'), 'denominator')).toBe(25);
    expect([count(share('self-acting'), 'numerator'), share('self-acting').measureScore.value]).toEqual([10, 0.4]);
    expect(['cooperating', 'community', 'network'].map((c) => count(share(c), 'numerator'))).toEqual([5, 5, 5]);
    // Unit C's 2 clients are hidden, and the clients without an own station (6) with them; A (18) is shown.
    const sa = share('self-acting');
    expect(isMasked(stratum(sa, 'unit', UNIT_C))).toBe(true);
    expect(isMasked(stratum(sa, 'unit', 'unknown'))).toBe(true);
    expect(count(stratum(sa, 'unit', UNIT_A), 'denominator')).toBe(20);
    expect(count(stratum(sa, 'age-group', '65-74'), 'denominator')).toBe(20);
    expect(count(stratum(sa, 'municipality', '217'), 'denominator')).toBe(10);
    // The end of January: only sg-a1's network segment, one client: nothing shown.
    const january = (await evaluate('segment-mix', 'periodStart=2025-01-01&periodEnd=2025-01-31')).group[0];
    expect(isMasked(january.population[0])).toBe(true);
    // A profession filter matches no one (a segment has no profession).
    expect(isMasked((await evaluate('segment-mix', `${PERIOD}&profession=nurse`)).group[0].population[0])).toBe(true);
  });

  it('exports the continuity and NPS Measures as CSV with hidden cells marked', async () => {
    const csv = async (id: string, stratifier: string) => {
      const r = await server.call('GET', `/api/measures/${id}.csv?${PERIOD}&stratifier=${stratifier}`, { token: manager });
      expect(r.status).toBe(200);
      return String(r.body).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
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

import { validateResource } from '@medplum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertStructure } from '../../src/fhir/validation';
import { findIndicator, INDICATOR_LIST } from '../../src/measures/indicators';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';
import { DIGITAL_CHANNELS } from '@ovi/domain';
import { COUNT_SPECS, indicatorCounts, type IndicatorFilters } from '../../src/storage/indicatorCounts';
import { foldRollups, wholeDays } from '../../src/storage/figureRollups';
import { realisedVisitWaits } from '../../src/storage/accessFigures';
import { countContacts } from '../../src/guidance/guidanceStats';
import { dataSet, PERIOD, UNIT_A, UNIT_B } from './measureFixtures';

/** The data set and its hand-computed values: measureFixtures.ts. */
/** The stratum of a MeasureReport's first group with this value. */
const stratum = (report: any, stratifier: string, value: string) =>
  report.group[0].stratifier.find((s: any) => s.code[0].coding[0].code === stratifier).stratum.find((s: any) => s.value.coding[0].code === value);
const count = (part: any, code: string) => part.population.find((p: any) => p.code.coding[0].code === code)?.count ?? null;
const isMasked = (element: any) => (element?.extension ?? []).some((e: any) => e.url === 'http://hl7.org/fhir/StructureDefinition/data-absent-reason' && e.valueCode === 'masked');

describe.each(BACKENDS)('indicators on %s', (backend) => {
  let server: TestServer;
  let manager: string;
  let admin: string;
  const evaluate = async (id: string, query = PERIOD, token = manager) => server.call('GET', `/fhir/R4/Measure/${id}/$evaluate-measure?${query}`, { token });

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: new Date('2026-11-29T10:00:00+02:00') });
    manager = (await server.login('manager')).token;
    admin = (await server.login('admin')).token;
    await server.ovi.services.store.createMany(dataSet() as any);
  });
  afterAll(async () => server?.close());

  it('lists every indicator as a valid R4 Measure, and reads one', async () => {
    const list = await server.call('GET', '/fhir/R4/Measure', { token: manager });
    expect(list.status).toBe(200);
    expect(list.body.entry.map((e: any) => e.resource.id)).toEqual(INDICATOR_LIST.map((i) => i.id));
    for (const e of list.body.entry) {
      assertStructure(e.resource, 'Measure');
      expect(() => validateResource(e.resource)).not.toThrow();
    }
    const one = await server.call('GET', '/fhir/R4/Measure/within-regional-limit', { token: admin });
    expect(one.status).toBe(200);
    expect(one.body.group[0].extension[0].valueQuantity).toMatchObject({ value: 0.9, comparator: '>=' });
    expect((await server.call('GET', '/fhir/R4/Measure/no-such', { token: manager })).status).toBe(404);
  });

  it('digital share: the total shown, a small unit hidden with a second one, and a profession whose numerator would give a hidden one away', async () => {
    const r = await evaluate('digital-share');
    expect(r.status).toBe(200);
    assertStructure(r.body, 'MeasureReport');
    expect(() => validateResource(r.body)).not.toThrow();
    expect(r.body).toMatchObject({ resourceType: 'MeasureReport', type: 'summary', status: 'complete', period: { start: '2025-03-01', end: '2025-03-31' } });
    const group = r.body.group[0];
    // 20 contacts (the two just outside March in Helsinki time are not), 9 digital, 11 not: rounded 20, 10, 10.
    expect([count(group, 'denominator'), count(group, 'numerator')]).toEqual([20, 10]);
    expect(group.measureScore.value).toBe(0.5);
    // Units: C has 2 (hidden), so B (6, the smallest shown) is hidden too; A (12 → 10) shown, its share not (4 phone contacts).
    expect(isMasked(stratum(r.body, 'unit', 'Organization/test-unit-c'))).toBe(true);
    expect(isMasked(stratum(r.body, 'unit', UNIT_B))).toBe(true);
    expect(stratum(r.body, 'unit', UNIT_B).population).toBeUndefined();
    const a = stratum(r.body, 'unit', UNIT_A);
    expect(count(a, 'denominator')).toBe(10);
    expect(a.value.text).toMatch(/Kokkola/); // the unit's name, not its reference
    expect(isMasked(a.measureScore)).toBe(true);
    // Professions: physician's 1 digital contact is hidden; with the total's 9 shown, nurse's 8 would give it away, so it is hidden too.
    const nurse = stratum(r.body, 'profession', 'nurse');
    const physician = stratum(r.body, 'profession', 'physician');
    expect([count(nurse, 'denominator'), count(physician, 'denominator')]).toEqual([15, 5]);
    expect(count(nurse, 'numerator')).toBeNull();
    expect(count(physician, 'numerator')).toBeNull();
    expect(isMasked(nurse.measureScore) && isMasked(physician.measureScore)).toBe(true);
    // Municipalities 272 (12) and 217 (8): both shown, both shares hidden (272 has 4 phone contacts, 217 one digital).
    expect(count(stratum(r.body, 'municipality', '272'), 'denominator')).toBe(10);
    expect(count(stratum(r.body, 'municipality', '217'), 'denominator')).toBe(10);
    expect(stratum(r.body, 'age-group', '75+').value.coding[0].code).toBe('75+');
  });

  it('never carries a person: no subject, no evaluated resources, no client reference anywhere', async () => {
    for (const indicator of INDICATOR_LIST) {
      const r = await evaluate(indicator.id);
      expect(r.status, indicator.id).toBe(200);
      expect(() => validateResource(r.body)).not.toThrow();
      expect(r.body.subject).toBeUndefined();
      expect(r.body.evaluatedResource).toBeUndefined();
      const text = JSON.stringify(r.body);
      expect(text).not.toMatch(/Patient\/|Practitioner\/|Testi-m|"m-[a-z]/);
      // Every shown count is a multiple of 5 and at least 5.
      for (const n of text.matchAll(/"count":(\d+)/g)) expect(Number(n[1]) % 5 === 0 && Number(n[1]) >= 5, text).toBe(true);
    }
  });

  it('first-contact resolution: half from the rounded counts; the unit one professional handled alone is not shown', async () => {
    const r = await evaluate('first-contact-resolution');
    // 20 closed, 10 solved or self-care (5 + 2 + 1 + 2).
    expect(r.body.group[0].measureScore.value).toBe(0.5);
    const physician = stratum(r.body, 'profession', 'physician');
    expect(physician.extension).toContainEqual({ url: 'https://fhir.ovi.fi/StructureDefinition/one-professional', valueBoolean: true });
    expect(isMasked(physician.measureScore)).toBe(true);
  });

  it('assessment: 14 of 20 by their due time; the median hours from contact, the 90th percentile hidden (four values at or above it)', async () => {
    const same = await evaluate('assessed-same-weekday');
    expect(same.body.group[0].measureScore.value).toBe(0.75); // 15 / 20 from rounded 14 and 20
    const time = await evaluate('time-to-assessment');
    const [median, p90] = time.body.group;
    expect(median.measureScore).toMatchObject({ value: 2, code: 'h' });
    expect(isMasked(p90.measureScore)).toBe(true);
  });

  it('time to visit: realised visits only, from the first contact (not the routed task), in Helsinki days', async () => {
    const r = await evaluate('time-to-visit');
    // 1, 2, 3, 5, 6, 8, 9, 10, 12, 14: median (6 + 8) / 2 = 7; p90 = 12 with two values at or above: hidden.
    expect(count(r.body.group[0], 'measure-population')).toBe(10);
    expect(r.body.group[0].measureScore.value).toBe(7);
    expect(isMasked(r.body.group[1].measureScore)).toBe(true);
  });

  it("the region's limit: 5 of 10 within, below the target of nine in ten; the units' shares hidden (all kept, none kept)", async () => {
    const r = await evaluate('within-regional-limit');
    expect(r.body.group[0].measureScore.value).toBe(0.5);
    expect(count(stratum(r.body, 'unit', UNIT_B), 'denominator')).toBe(5);
    expect(isMasked(stratum(r.body, 'unit', UNIT_B).measureScore)).toBe(true);
    expect(isMasked(stratum(r.body, 'unit', UNIT_A).measureScore)).toBe(true);
    const legal = await evaluate('within-legal-limit');
    expect(isMasked(legal.body.group[0].measureScore)).toBe(true); // all 10 within: the rest 0 is hidden, so 100 % is not shown
  });

  it('booked share of appointment time: 10 of 15 in unit B', async () => {
    const r = await evaluate('booked-time-share');
    expect(r.body.group[0].measureScore.value).toBe(0.67);
    expect(stratum(r.body, 'unit', UNIT_B).measureScore.value).toBe(0.67);
    expect(stratum(r.body, 'profession', 'physician').measureScore.value).toBe(0.67);
  });

  it('demand and capacity by week: contacts rounded or hidden, appointment times exact, Helsinki weeks from Monday', async () => {
    const r = await server.call('GET', `/api/demand-capacity?${PERIOD}`, { token: manager });
    expect(r.status).toBe(200);
    const week = (monday: string, profession: string) => r.body.weeks.find((w: any) => w.week === monday && w.profession === profession);
    expect([...new Set(r.body.weeks.map((w: any) => w.week))]).toEqual(['2025-02-24', '2025-03-03', '2025-03-10', '2025-03-17', '2025-03-31']);
    // Physicians, 3.–9.3.: five contacts (four needed a visit: hidden), 7 booked times, none free.
    expect(week('2025-03-03', 'physician')).toEqual({ week: '2025-03-03', profession: 'physician', arrived: 5, needVisit: null, backlog: null, bookedTimes: 7, freeTimes: 0 });
    expect(week('2025-03-10', 'physician')).toMatchObject({ bookedTimes: 3, freeTimes: 4 });
    // Nurses, 3.–9.3.: seven contacts (rounded 5), three of them needed a visit (hidden).
    expect(week('2025-03-03', 'nurse')).toMatchObject({ arrived: 5, needVisit: null, bookedTimes: 0, freeTimes: 0 });
    const refused = await server.call('GET', `/api/demand-capacity?${PERIOD}&stratifier=unit`, { token: manager });
    expect(refused.status).toBe(400);
  });

  it('self-monitoring reach: 6 of the 11 clients with a measurement plan measured themselves in March', async () => {
    const r = await evaluate('self-monitoring-reach');
    // Rounded 5 of 10 (6 measured, 5 not: a value in April or taken by a nurse does not count).
    expect([count(r.body.group[0], 'denominator'), count(r.body.group[0], 'numerator')]).toEqual([10, 5]);
    expect(r.body.group[0].measureScore.value).toBe(0.5);
  });

  it('filters by unit, municipality and profession; an empty period publishes nothing', async () => {
    const nurse = await evaluate('digital-share', `${PERIOD}&profession=nurse`);
    expect(nurse.body.group[0].measureScore.value).toBe(0.67); // 8 of 14: rounded 10 of 15
    const kannus = await evaluate('digital-share', `${PERIOD}&municipality=217`);
    expect(count(kannus.body.group[0], 'denominator')).toBe(10);
    expect(isMasked(kannus.body.group[0].measureScore)).toBe(true);
    const empty = await evaluate('time-to-visit', 'periodStart=2024-01-01&periodEnd=2024-01-31');
    expect(empty.status).toBe(200);
    expect(isMasked(empty.body.group[0].measureScore)).toBe(true);
    expect(empty.body.group[0].stratifier[0].stratum).toBeUndefined(); // FHIR sends no empty array
    // The dashboard's JSON: the same figures, and the whole of the equal period before (February: one contact, hidden).
    const json = await server.call('GET', `/api/measures/digital-share?${PERIOD}`, { token: manager });
    expect(json.body.total).toMatchObject({ population: 20, scores: { digital: 0.5 } });
    expect(json.body.previous).toMatchObject({ period: { from: '2025-02-01', to: '2025-02-28' }, total: { hidden: true, population: null } });
    const deleted = await server.call('DELETE', `/fhir/R4/Measure/digital-share/$evaluate-measure?${PERIOD}`, { token: manager });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toBe('GET, POST');
    const post = await server.call('POST', '/fhir/R4/Measure/digital-share/$evaluate-measure', { token: manager, body: { resourceType: 'Parameters', parameter: [{ name: 'periodStart', valueDate: '2025-03-01' }, { name: 'periodEnd', valueDate: '2025-03-31' }] } });
    expect(post.status).toBe(200);
    expect(post.body.group[0].measureScore.value).toBe(0.5);
  });

  it('refuses bad parameters with a 400 OperationOutcome, an unknown measure with 404', async () => {
    const cases: Array<[string, string, number]> = [
      ['digital-share', '', 400],
      ['digital-share', 'periodStart=2025-03-01', 400],
      ['digital-share', 'periodStart=2025-03-01&periodEnd=2025-3-31', 400],
      ['digital-share', 'periodStart=2025-03-31&periodEnd=2025-03-01', 400],
      ['digital-share', 'periodStart=2024-01-01&periodEnd=2025-03-31', 400],
      ['digital-share', `${PERIOD}&periodStart=2025-03-02`, 400],
      ['digital-share', `${PERIOD}&subject=Patient/m-a`, 400],
      ['digital-share', `${PERIOD}&reportType=subject-list`, 400],
      ['digital-share', `${PERIOD}&unit=station`, 400],
      ['no-such-measure', PERIOD, 404],
    ];
    for (const [id, query, status] of cases) {
      const r = await evaluate(id, query);
      expect(r.status, query).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    const reversed = await evaluate('digital-share', 'periodStart=2025-03-31&periodEnd=2025-03-01');
    expect(reversed.body.issue[0].diagnostics).toContain("'periodStart' (2025-03-31) is after 'periodEnd'");
  });

  it('is for managers and administrators only: a resident and a nurse get 403, no token 401', async () => {
    for (const user of ['resident', 'guidance', 'physician']) {
      const token = (await server.login(user)).token;
      for (const path of ['/api/demand-capacity?' + PERIOD, '/fhir/R4/Measure', '/fhir/R4/Measure/digital-share', `/fhir/R4/Measure/digital-share/$evaluate-measure?${PERIOD}`, `/api/measures/digital-share.csv?${PERIOD}`, '/api/measures']) {
        const r = await server.call('GET', path, { token });
        expect(r.status, `${user} ${path}`).toBe(403);
        expect(r.body.resourceType).toBe('OperationOutcome');
      }
    }
    expect((await server.call('GET', `/fhir/R4/Measure/digital-share/$evaluate-measure?${PERIOD}`)).status).toBe(401);
  });

  it('exports CSV with a byte-order mark, quoting, and suppressed cells empty and marked', async () => {
    // Raw bytes: a decoder would drop the byte-order mark the spreadsheet needs.
    const r = await fetch(`${server.url}/api/measures/digital-share.csv?${PERIOD}&stratifier=unit`, { headers: { authorization: `Bearer ${manager}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toContain('digital-share_2025-03-01_2025-03-31.csv');
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('indicator,period_start,period_end,group,stratifier,stratum,stratum_name,count,numerator,score,unit,suppressed');
    expect(lines[1]).toBe('digital-share,2025-03-01,2025-03-31,digital,,,,20,10,0.5,share,');
    expect(lines).toContain('digital-share,2025-03-01,2025-03-31,digital,unit,Organization/test-unit-b,Testiasema B,,,,share,suppressed');
    expect(lines.length).toBe(5); // header, whole, three units
    const bad = await server.call('GET', `/api/measures/digital-share.csv?${PERIOD}&stratifier=shoe-size`, { token: manager });
    expect(bad.status).toBe(400);
  });
  it('the daily and monthly counts give every count the facts give: each filter, windows of whole days and months around Helsinki midnights, before and after folding', async () => {
    const db = server.ovi.services.db;
    const helsinki = (local: string) => new Date(local);
    const windows = [
      { start: helsinki('2025-03-01T00:00:00+02:00'), end: helsinki('2025-04-01T00:00:00+03:00') },
      // The edges of the fixture: 28.2. 23:30, 1.3. 00:10, 31.3. 23:50, 1.4. 00:00 and 00:30.
      { start: helsinki('2025-02-28T00:00:00+02:00'), end: helsinki('2025-03-02T00:00:00+02:00') },
      { start: helsinki('2025-03-31T00:00:00+03:00'), end: helsinki('2025-04-02T00:00:00+03:00') },
      { start: helsinki('2025-03-05T00:00:00+02:00'), end: helsinki('2025-03-20T00:00:00+02:00') },
      // Whole months from the monthly counts (migration 047), the days at the edges from the daily ones.
      { start: helsinki('2025-02-15T00:00:00+02:00'), end: helsinki('2025-04-15T00:00:00+03:00') },
      { start: helsinki('2025-02-01T00:00:00+02:00'), end: helsinki('2025-05-01T00:00:00+03:00') },
      { start: helsinki('2025-03-01T00:00:00+02:00'), end: helsinki('2025-03-20T00:00:00+02:00') },
      { start: helsinki('2025-03-10T00:00:00+02:00'), end: helsinki('2025-04-01T00:00:00+03:00') },
    ];
    const filters: IndicatorFilters[] = [{}, { unit: UNIT_A }, { unit: UNIT_B }, { municipality: '217' }, { profession: 'nurse' }, { unit: 'Organization/none' }];
    const ids = Object.keys(COUNT_SPECS).filter((id) => COUNT_SPECS[id]?.days);
    expect(ids).toEqual(expect.arrayContaining(['contacts-by-channel', 'first-contact-resolution', 'assessed-same-weekday', 'time-to-assessment', 'time-to-visit', 'within-legal-limit', 'within-regional-limit', 'visit-demand']));
    const now = new Date('2026-11-29T10:00:00+02:00');
    const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    const compare = async () => {
      let counted = 0;
      for (const id of ids)
        for (const window of windows)
          for (const f of filters) {
            expect(wholeDays(window)).toBe(true);
            const strata = ['unit', 'municipality', 'age-group', 'profession'] as const;
            const days = await indicatorCounts(db, id, window, strata, f, { digital: DIGITAL_CHANNELS, now });
            const facts = await indicatorCounts(db, id, window, strata, f, { digital: DIGITAL_CHANNELS, now, live: true });
            expect(sorted(days), `${id} ${window.start.toISOString()} ${JSON.stringify(f)}`).toEqual(sorted(facts));
            counted += facts.length;
          }
      // The guidance statistics' groups (decision 043).
      for (const window of windows) {
        const daily = await countContacts(db, window, now);
        const facts = await countContacts(db, window, now, true);
        expect(sorted(daily.groups), `guidance ${window.start.toISOString()}`).toEqual(sorted(facts.groups));
        expect(daily.professionals, `guidance ${window.start.toISOString()}`).toBe(facts.professionals);
        counted += facts.groups.length;
      }
      // The access report's waiting times too.
      for (const window of windows) {
        const daily = await realisedVisitWaits(db, window);
        const facts = await realisedVisitWaits(db, window, true);
        expect(sorted(daily.cells), `waits ${window.start.toISOString()}`).toEqual(sorted(facts.cells));
        expect(sorted(daily.professionals), `waits ${window.start.toISOString()}`).toEqual(sorted(facts.professionals));
        counted += facts.cells.length;
      }
      return counted;
    };
    expect(await compare()).toBeGreaterThan(100);
    // A contact moved on (closed, then removed) leaves rows that net to nothing until folded.
    const closed = (await db.query<{ id: string; content: any }>(`SELECT id, content FROM resource WHERE resource_type = 'Task' AND content -> 'code' -> 'coding' -> 0 ->> 'code' = 'client-guidance' ORDER BY id LIMIT 2`)).rows;
    for (const t of closed) await server.ovi.services.store.update('Task', t.id, { ...t.content, status: 'cancelled' });
    await db.query(`DELETE FROM resource WHERE resource_type = 'Task' AND id = $1`, [closed[0]?.id]);
    expect(Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_day WHERE NOT folded')).rows[0]?.n)).toBeGreaterThan(0);
    await compare();
    expect(await foldRollups(db)).toBeGreaterThan(0);
    expect(Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_day WHERE NOT folded OR n = 0')).rows[0]?.n)).toBe(0);
    await compare();
    // A window that is not whole days is read from the facts.
    expect(wholeDays({ start: helsinki('2025-03-01T00:00:00+02:00'), end: helsinki('2025-03-31T12:00:00+03:00') })).toBe(false);
    expect(wholeDays({ start: new Date('2025-03-01T00:00:00Z'), end: helsinki('2025-04-01T00:00:00+03:00') })).toBe(false);
  });
});

describe('the indicator interface the benchmark calls', () => {
  it('finds each indicator by id', () => {
    expect(findIndicator('time-to-visit')?.definition.scoring).toBe('continuous-variable');
    expect(findIndicator('nope')).toBeUndefined();
  });
});

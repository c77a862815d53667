import type { Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, GUIDANCE_OUTCOMES, TASK_CODES, URGENCIES } from '@ovi/domain';
import { hiddenRanges, recoverableCells, roundCount, SMALL_NUMBER_LIMIT, type Breakdown, type CountTable } from '@ovi/domain/src/smallNumbers';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, startOn } from './backends';

/**
 * Figures that cannot be taken apart (client-data act 703/2023; "figures never reveal a group
 * under five"). The true counts are taken here straight from the stored Tasks, independently
 * of the stats code, and the published figures are checked against them from a reader's side.
 */

type Stats = {
  contacts: number | null;
  open: number | null;
  completed: number | null;
  byOutcome: Record<string, number | null>;
  byUrgency: Record<string, number | null>;
  byChannel: Record<string, number | null>;
  firstContactResolutionShare: number | null;
  withinDeadlineShare: number | null;
  assessedSameDayShare: number | null;
};

const input = (task: Task, code: string) => task.input?.find((i) => i.type.coding?.[0]?.code === code);

describe.each(BACKENDS)('published figures on %s', (backend) => {
  let server: TestServer;
  let manager: string;
  let guidance: string;
  let resident: { token: string; fhirUser: string };

  beforeAll(async () => {
    server = await startOn(backend);
    manager = (await server.login('manager')).token;
    guidance = (await server.login('guidance')).token;
    resident = await server.login('resident');
  });
  afterAll(async () => server?.close());

  /** The true counts of the contacts that arrived in this month so far (the default period), read from the stored Tasks. */
  async function truth(): Promise<CountTable> {
    const { period } = (await server.call('GET', '/api/guidance/stats', { token: manager })).body as { period: { start: string; end: string } };
    const found = await server.ovi.services.store.search({
      resourceType: 'Task',
      filters: [{ code: 'code', kind: 'token', values: [TASK_CODES.clientGuidance] }],
      sort: [],
      count: 100_000,
      offset: 0,
    });
    const inPeriod = (t: Task) => Date.parse(t.authoredOn ?? '') >= Date.parse(period.start) && Date.parse(t.authoredOn ?? '') < Date.parse(period.end);
    const tasks = (found.resources as Task[]).filter(inPeriod);
    const counts: Record<string, number> = {};
    const breakdowns: Breakdown[] = [];
    const unpublished: string[] = [];
    const by = (total: string, prefix: string, known: readonly string[], codes: Array<string | undefined>) => {
      const keys = [...new Set([...known, ...codes.filter((c): c is string => !!c)])].map((c) => `${prefix}:${c}`);
      for (const key of keys) counts[key] = codes.filter((c) => `${prefix}:${c}` === key).length;
      counts[`${prefix}:`] = codes.filter((c) => !c).length;
      unpublished.push(`${prefix}:`);
      breakdowns.push({ total, cells: [...keys, `${prefix}:`] });
    };
    const completed = tasks.filter((t) => t.status === 'completed');
    counts.contacts = tasks.length;
    counts.open = tasks.length - completed.length;
    counts.completed = completed.length;
    breakdowns.push({ total: 'contacts', cells: ['open', 'completed'] });
    by('completed', 'outcome', GUIDANCE_OUTCOMES, completed.map((t) => t.businessStatus?.coding?.[0]?.code));
    by('contacts', 'urgency', URGENCIES, tasks.map((t) => input(t, 'urgency')?.valueCode));
    by('contacts', 'channel', CHANNELS, tasks.map((t) => input(t, 'channel')?.valueCode));
    return { counts, breakdowns, unpublished };
  }

  async function figures(): Promise<Stats> {
    const r = await server.call('GET', '/api/guidance/stats', { token: manager });
    expect(r.status).toBe(200);
    return r.body;
  }

  /** The published counts under the table's keys. */
  function published(stats: Stats): Record<string, number | null> {
    const out: Record<string, number | null> = { contacts: stats.contacts, open: stats.open, completed: stats.completed };
    for (const [prefix, map] of [['outcome', stats.byOutcome], ['urgency', stats.byUrgency], ['channel', stats.byChannel]] as const) {
      for (const [code, v] of Object.entries(map)) out[`${prefix}:${code}`] = v;
    }
    return out;
  }

  /**
   * What a reader can do with the figures: even knowing every shown count exactly (they are
   * rounded, which only helps), no hidden count follows from any combination of the totals
   * and breakdowns, none is pinned to one value, and none can be shown to be under 5.
   */
  function expectNothingRecoverable(table: CountTable, stats: Stats): Set<string> {
    const shown = published(stats);
    for (const key of Object.keys(table.counts)) {
      if (!(table.unpublished ?? []).includes(key)) expect(key in shown, `${key} is listed, not left out`).toBe(true);
    }
    const hidden = new Set(Object.keys(shown).filter((key) => shown[key] === null));
    for (const [key, value] of Object.entries(shown)) {
      if (value === null) continue;
      const n = table.counts[key] as number;
      expect(n, `${key} is shown only as a group of 5 or more`).toBeGreaterThanOrEqual(SMALL_NUMBER_LIMIT);
      expect(value, `${key} is shown rounded to 5`).toBe(roundCount(n));
    }
    for (const [key, n] of Object.entries(table.counts)) if (n < SMALL_NUMBER_LIMIT && key in shown) expect(hidden.has(key), `${key} (${n}) hidden`).toBe(true);
    expect(recoverableCells(table, hidden)).toEqual([]);
    for (const [key, range] of hiddenRanges(table, hidden)) {
      expect(range.min, `${key} is not pinned down`).toBeLessThan(range.max);
      expect(range.max, `${key} could be 5 or more`).toBeGreaterThanOrEqual(SMALL_NUMBER_LIMIT);
    }
    // Shares come from shown counts only.
    const { byOutcome } = stats;
    if (stats.firstContactResolutionShare !== null) {
      expect(byOutcome.solved).not.toBeNull();
      expect(byOutcome['self-care']).not.toBeNull();
      expect(stats.completed).toBeGreaterThanOrEqual(SMALL_NUMBER_LIMIT);
      expect(stats.firstContactResolutionShare).toBe(Math.min(1, Math.round((((byOutcome.solved as number) + (byOutcome['self-care'] as number)) / (stats.completed as number)) * 100) / 100));
    }
    for (const share of [stats.withinDeadlineShare, stats.assessedSameDayShare]) {
      if (share !== null) expect(Math.round(share * 100)).toBe(share * 100);
    }
    return hidden;
  }

  async function sendWebContact(): Promise<string> {
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(sent.status).toBe(201);
    return sent.headers.get('x-ovi-task') as string;
  }

  async function logContact(channel: string): Promise<string> {
    const sent = await server.call('POST', '/fhir/R4/QuestionnaireResponse', {
      token: guidance,
      body: contactBody(resident.fhirUser, BACK_PAIN, { extension: [{ url: 'https://fhir.ovi.fi/StructureDefinition/contact-channel', valueCode: channel }] }),
    });
    expect(sent.status).toBe(201);
    return sent.headers.get('x-ovi-task') as string;
  }

  async function resolve(taskRef: string, outcome: string): Promise<void> {
    const r = await server.call('POST', `/fhir/R4/${taskRef}/$resolve`, {
      token: guidance,
      body: { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: outcome }, { name: 'note', valueString: 'Hoidettu.' }] },
    });
    expect(r.status).toBe(200);
  }

  it('no hidden group can be worked out by subtraction from the published figures', async () => {
    // Big groups beside small ones: many web-form contacts, a couple of walk-ins, a few closed.
    const web = [];
    for (let i = 0; i < 12; i++) web.push(await sendWebContact());
    await logContact('walk-in');
    await logContact('walk-in');
    for (const ref of web.slice(0, 6)) await resolve(ref, 'solved');
    for (const ref of web.slice(6, 8)) await resolve(ref, 'self-care');

    const table = await truth();
    const stats = await figures();
    const hidden = expectNothingRecoverable(table, stats);
    expect(stats.contacts).not.toBeNull();
    expect(hidden.size).toBeGreaterThan(0);

    // The rule this replaces — each count of 1–4 hidden on its own, zeros shown — would have
    // given hidden groups away by subtraction here.
    const oneByOne = new Set(Object.keys(table.counts).filter((key) => !(table.unpublished ?? []).includes(key) && table.counts[key]! > 0 && table.counts[key]! < SMALL_NUMBER_LIMIT));
    expect(oneByOne.size).toBeGreaterThan(0);
    const leakedBefore = [...oneByOne].filter((key) => {
      const r = hiddenRanges(table, oneByOne).get(key);
      return r !== undefined && (r.min === r.max || r.max < SMALL_NUMBER_LIMIT);
    });
    expect(leakedBefore.length + recoverableCells(table, oneByOne).length).toBeGreaterThan(0);
  });

  it('reading the figures before and after one more contact does not reveal that contact', async () => {
    // The counts one more web-form contact adds to: contacts, open, its channel and urgency.
    const itsCounts = ['contacts', 'open', 'channel:web-form', 'urgency:non-urgent'];
    const onBoundary = (t: CountTable) => itsCounts.some((key) => roundCount((t.counts[key] as number) + 1) !== roundCount(t.counts[key] as number) || (t.counts[key] as number) + 1 < SMALL_NUMBER_LIMIT);
    // One more contact carries a count over a rounding boundary at most one time in five:
    // step past those moments (at most four extra contacts for four counts).
    let fillers = 0;
    while (onBoundary(await truth())) {
      await sendWebContact();
      fillers++;
    }
    expect(fillers).toBeLessThanOrEqual(4);

    const before = await figures();
    expectNothingRecoverable(await truth(), before);
    await sendWebContact();
    const after = await figures();
    expectNothingRecoverable(await truth(), after);
    expect(after).toEqual(before);
  });

  it('one contact at a time: no figure ever moves by one, and every read stays safe', async () => {
    let previous = await figures();
    let unchanged = 0;
    const steps = 10;
    for (let i = 0; i < steps; i++) {
      const ref = i % 3 === 2 ? await logContact('phone') : await sendWebContact();
      if (i % 4 === 3) await resolve(ref, 'solved');
      const table = await truth();
      const current = await figures();
      expectNothingRecoverable(table, current);
      const [a, b] = [published(previous), published(current)];
      for (const key of Object.keys(b)) {
        if (a[key] === null || a[key] === undefined || b[key] === null) continue;
        expect(Math.abs((b[key] as number) - (a[key] as number)) % 5, `${key} moves in steps of 5`).toBe(0);
      }
      if (JSON.stringify(current) === JSON.stringify(previous)) unchanged++;
      previous = current;
    }
    // Some single contacts leave no trace at all; the others move figures by a step of 5,
    // which 1–9 contacts could equally have made.
    expect(unchanged).toBeGreaterThan(0);
  });

  it('access measures hide waiting figures of fewer than 5 visits and round the count', async () => {
    const r = await server.call('GET', '/api/access/measures', { token: manager });
    expect(r.status).toBe(200);
    // Per unit, profession and urgency now (decision 018): each group hidden under 5, counts rounded.
    for (const g of r.body.waiting as Array<{ visits: number | null; medianDays: number | null }>) {
      if (g.visits === null) expect(g.medianDays).toBeNull();
      else {
        expect(g.visits % 5).toBe(0);
        expect(g.visits).toBeGreaterThanOrEqual(SMALL_NUMBER_LIMIT);
      }
    }
    expect(r.body.period).toMatchObject({ preset: 'this-month' });
    const rows = r.body.t3 as Array<{ t3Days: number; professionals: number; atCap: number; scope: string }>;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.t3Days).toBeGreaterThanOrEqual(0);
      expect(row.atCap).toBeGreaterThanOrEqual(0);
      expect(row.atCap).toBeLessThanOrEqual(row.professionals);
      // A unit with one professional of a profession: that person's T3, said so, not a unit median.
      expect(row.scope).toBe(row.professionals === 1 ? 'one-professional' : 'team');
    }
  });
});

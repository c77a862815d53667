import type { Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_CODES, toHelsinkiDate } from '@ovi/domain';
import { roundCount, SMALL_NUMBER_LIMIT } from '@ovi/domain/src/smallNumbers';
import { startClockAt } from '../../src/time/clock';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, contactBody, startOn } from './backends';

/**
 * Figures of a chosen period: the manager picks a period (a preset or from–to), the answer
 * states the period it covers (Helsinki days), bad input is a 400 OperationOutcome, small
 * groups stay hidden, and one professional's work is never shown as a team figure.
 *
 * The care clock (OVI_CLOCK) is moved between contacts so that they arrive on chosen days;
 * each contact goes through the real intake.
 */

/** A Helsinki wall-clock time as an instant ('2026-10-31T23:30' at +02:00 after the clocks went back). */
const helsinki = (local: string, offset: '+02:00' | '+03:00') => new Date(`${local}:00${offset}`);

/** The server starts (and the demo region's contacts arrive) in May, out of the way. */
const START = helsinki('2026-05-15T12:00', '+03:00');
const FIRST_CLOCK = helsinki('2026-10-15T10:00', '+03:00');
const TODAY = helsinki('2026-11-20T10:00', '+02:00');

describe.each(BACKENDS)('figures of a chosen period on %s', (backend) => {
  let server: TestServer;
  let manager: string;
  let guidance: string;
  let guidance2: string;
  let resident: { token: string; fhirUser: string };
  const sent: Array<{ ref: string; at: Date }> = [];

  async function contactAt(at: Date): Promise<string> {
    startClockAt(at);
    const r = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(r.status).toBe(201);
    const ref = r.headers.get('x-ovi-task') as string;
    sent.push({ ref, at });
    return ref;
  }

  async function resolve(token: string, ref: string): Promise<void> {
    const r = await server.call('POST', `/fhir/R4/${ref}/$resolve`, {
      token,
      body: { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'Hoidettu.' }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }

  /** Contacts that arrived on these Helsinki dates, counted from the stored Tasks with the domain's date rule (not the server's SQL). */
  async function arrivedBetween(from: string, to: string): Promise<Task[]> {
    const found = await server.ovi.services.store.search({
      resourceType: 'Task',
      filters: [{ code: 'code', kind: 'token', values: [TASK_CODES.clientGuidance] }],
      sort: [],
      count: 100_000,
      offset: 0,
    });
    return (found.resources as Task[]).filter((t) => {
      const day = toHelsinkiDate(new Date(t.authoredOn as string));
      return day >= from && day <= to;
    });
  }

  const stats = async (query: string) => server.call('GET', `/api/guidance/stats${query}`, { token: manager });

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: START });
    await server.ovi.services.accounts.upsert({ username: 'guidance2', password: 'demo', roles: ['guidance'], fhirUser: 'Practitioner/pr-riikka-ylikoski', name: 'Riikka Ylikoski' });
    manager = (await server.login('manager')).token;
    guidance = (await server.login('guidance')).token;
    guidance2 = (await server.login('guidance2')).token;
    resident = await server.login('resident');
    // October: sixteen on the 15th and one late on the 31st (23:30 Helsinki = 21:30 UTC); November:
    // one at 00:30 on the 1st (still 31 October in UTC) and one on the 10th.
    for (let i = 0; i < 16; i++) await contactAt(new Date(FIRST_CLOCK.getTime() + i * 60_000));
    await contactAt(helsinki('2026-10-31T23:30', '+02:00'));
    await contactAt(helsinki('2026-11-01T00:30', '+02:00'));
    await contactAt(helsinki('2026-11-10T09:00', '+02:00'));
    startClockAt(TODAY);
  });
  afterAll(async () => {
    startClockAt(undefined);
    await server?.close();
  });

  it('states the period it used: presets on the Helsinki date, this month by default, and the period before', async () => {
    const last = await stats('?period=last-month');
    expect(last.status).toBe(200);
    expect(last.body.period).toEqual({ from: '2026-10-01', to: '2026-10-31', preset: 'last-month', start: '2026-09-30T21:00:00.000Z', end: '2026-10-31T22:00:00.000Z' });
    expect(last.body.previous.period).toMatchObject({ from: '2026-09-01', to: '2026-09-30' });
    expect(last.body.disclosureControl).toEqual({ smallNumberLimit: 5, roundedTo: 5 });

    const byDefault = await stats('');
    expect(byDefault.body.period).toMatchObject({ from: '2026-11-01', to: '2026-11-20', preset: 'this-month' });
    expect(byDefault.body.previous.period).toMatchObject({ from: '2026-10-01', to: '2026-10-20' });
    expect((await stats('?period=this-week')).body.period).toMatchObject({ from: '2026-11-16', to: '2026-11-20' });
    expect((await stats('?period=last-week')).body.period).toMatchObject({ from: '2026-11-09', to: '2026-11-15' });
    expect((await stats('?period=last-3-months')).body.period).toMatchObject({ from: '2026-08-01', to: '2026-10-31' });
    expect((await stats('?period=this-year')).body.period).toMatchObject({ from: '2026-01-01', to: '2026-11-20' });

    const custom = await stats('?from=2026-10-01&to=2026-11-20');
    expect(custom.body.period).toEqual({ from: '2026-10-01', to: '2026-11-20', start: '2026-09-30T21:00:00.000Z', end: '2026-11-20T22:00:00.000Z' });
  });

  it('counts the contacts of the period by Helsinki days: 1 November 00:30 is November, though UTC says October', async () => {
    const october = await arrivedBetween('2026-10-01', '2026-10-31');
    expect(october.length).toBe(17);
    const figures = (await stats('?from=2026-10-01&to=2026-10-31')).body;
    // 17 rounds to 15; had the UTC day been used the 18 contacts would show as 20.
    expect(figures.contacts).toBe(roundCount(october.length));
    expect(figures.contacts).toBe(15);
    const withNovember = (await stats('?from=2026-10-01&to=2026-11-01')).body;
    expect(withNovember.contacts).toBe(roundCount((await arrivedBetween('2026-10-01', '2026-11-01')).length));
    expect(withNovember.contacts).toBe(20);
  });

  it('hides every figure of a group under five, shares included', async () => {
    // 1–10 November: two contacts.
    const small = (await stats('?from=2026-11-01&to=2026-11-10')).body;
    expect((await arrivedBetween('2026-11-01', '2026-11-10')).length).toBeLessThan(SMALL_NUMBER_LIMIT);
    expect(small.contacts).toBeNull();
    expect(small.open).toBeNull();
    for (const map of [small.byOutcome, small.byUrgency, small.byChannel]) for (const v of Object.values(map)) expect(v).toBeNull();
    expect(small.firstContactResolutionShare).toBeNull();
    expect(small.withinDeadlineShare).toBeNull();
    expect(small.assessedSameDayShare).toBeNull();
    // A period with no contacts at all looks the same: hidden, never 0.
    const empty = (await stats('?from=2026-08-01&to=2026-08-31')).body;
    expect(empty.contacts).toBeNull();
    expect(empty.handledBy).toBe('none');
  });

  it('how contacts were handled is not shown as a team figure when one professional handled them all', async () => {
    const october = sent.filter((s) => toHelsinkiDate(s.at) <= '2026-10-31');
    // Five closed the same morning (in time), six more only now (late): all by one nurse; six stay open.
    startClockAt(new Date(FIRST_CLOCK.getTime() + 30 * 60_000));
    for (const s of october.slice(0, 5)) await resolve(guidance, s.ref);
    startClockAt(TODAY);
    for (const s of october.slice(5, 11)) await resolve(guidance, s.ref);
    const one = (await stats('?period=last-month')).body;
    expect(one.handledBy).toBe('one-professional');
    expect(one.contacts).toBe(15);
    expect(Object.values(one.byOutcome).every((v) => v === null)).toBe(true);
    expect(one.firstContactResolutionShare).toBeNull();
    expect(one.withinDeadlineShare).toBeNull();
    expect(one.assessedSameDayShare).toBeNull();

    // A second nurse closes the one of 31 October: now it is the team's work, and the shares
    // the small-number rules allow (five in time, seven late, five still open) are shown.
    await resolve(guidance2, (october[16] as { ref: string }).ref);
    const team = (await stats('?period=last-month')).body;
    expect(team.handledBy).toBe('team');
    expect(team.withinDeadlineShare).toBe(0.5);
    expect(team.assessedSameDayShare).not.toBeNull();
  });

  it('refuses a period that is not one with a 400 OperationOutcome naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['?from=2026-11-31&to=2026-12-01', 'from'],
      ['?from=2026-11-01&to=2026-11-31', 'to'],
      ['?from=1.11.2026&to=2026-11-30', 'from'],
      ['?from=2026-11-30&to=2026-11-01', 'from'],
      ['?from=2025-01-01&to=2026-11-30', 'to'],
      ['?from=2026-11-01', 'to'],
      ['?to=2026-11-01', 'from'],
      ['?from=2026-11-01&from=2026-11-02&to=2026-11-30', 'from'],
      ['?period=yesterday', 'period'],
      ['?period=last-month&from=2026-11-01&to=2026-11-30', 'period'],
      ['?period=', 'period'],
      ['?unit=Location/x', 'unit'],
    ];
    for (const path of ['/api/guidance/stats', '/api/access/measures']) {
      for (const [query, parameter] of cases) {
        const r = await server.call('GET', `${path}${query}`, { token: manager });
        expect(r.status, `${path}${query}`).toBe(400);
        expect(r.body.resourceType).toBe('OperationOutcome');
        expect(r.body.issue[0].expression, `${path}${query}`).toEqual([parameter]);
      }
    }
    // Not for residents or nurses, whatever the period.
    for (const token of [resident.token, guidance]) {
      expect((await server.call('GET', '/api/guidance/stats?period=last-month', { token })).status).toBe(403);
      expect((await server.call('GET', '/api/access/measures?period=last-month', { token })).status).toBe(403);
    }
  });

  it('access measures: the period is stated, and a period without realised visits has no waiting groups', async () => {
    const r = await server.call('GET', '/api/access/measures?period=last-month', { token: manager });
    expect(r.status).toBe(200);
    expect(r.body.period).toMatchObject({ from: '2026-10-01', to: '2026-10-31', preset: 'last-month' });
    expect(r.body.measuredAt.slice(0, 10)).toBe('2026-11-20');
    // Waits are of visits realised in the period (decision 018): October has none.
    expect(r.body.waiting).toEqual([]);
  });
});

/**
 * The development portfolio: the demo region's measures under the five benefit goals with their
 * maturity per period, edited by managers and administrators (whole, or one cell at a time,
 * concurrently), every change a version in the history, the self-assessment of a period, and
 * everyone else refused. Bad input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENEFIT_GOALS } from '@ovi/domain';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

describe.each(BACKENDS)('development portfolio on %s', (backend) => {
  let server: TestServer;
  let manager: string;
  let admin: string;
  const get = (token = manager, query = '') => server.call('GET', `/api/portfolio${query}`, { token });
  const put = (body: unknown, options: { token?: string; version?: number; query?: string } = {}) =>
    server.call('PUT', `/api/portfolio${options.query ?? ''}`, { token: options.token ?? manager, body, ...(options.version !== undefined ? { headers: { 'if-match': `W/"${options.version}"` } } : {}) });
  const cell = (id: string, period: string, body: unknown, token = manager) => server.call('PUT', `/api/portfolio/measures/${id}/maturity/${period}`, { token, body });

  beforeAll(async () => {
    server = await startOn(backend);
    manager = (await server.login('manager')).token;
    admin = (await server.login('admin')).token;
  });
  afterAll(async () => server?.close());

  it('answers the demo portfolio: five goals with names, measures with owner, maturity per period and indicators', async () => {
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe(`W/"${r.body.version}"`);
    expect(r.body.periods).toEqual(['2020-Q4', '2021-H1', '2021-H2', '2022-H1']);
    expect(r.body.goals.map((g: any) => g.id)).toEqual([...BENEFIT_GOALS]);
    expect(r.body.goals[0].name).toBe('Palveluiden yhdenvertaisen saatavuuden, oikea-aikaisuuden ja jatkuvuuden parantaminen');
    const t3 = r.body.goals[0].measures.find((m: any) => m.id === 'palveluun-seitsemassa-vrk');
    expect(t3).toMatchObject({ owner: expect.any(String), subProject: 'Vastaanottopalveluiden saatavuus', indicators: ['t3', 'time-to-visit', 'within-legal-limit', 'within-regional-limit'] });
    expect(t3.maturity).toEqual([{ period: '2020-Q4', level: 2 }, { period: '2021-H1', level: 3 }, { period: '2021-H2', level: 3 }, { period: '2022-H1', level: 4 }]);
    expect((await get(manager, '?lang=sv')).body.goals[4].name).toBe('Dämpad kostnadsökning');
    expect((await get(manager, '?lang=de')).status).toBe(400);
    // One version per reported period: the history shows the progress.
    const history = await server.call('GET', '/api/portfolio/history', { token: manager });
    expect(history.body.versions.map((v: any) => v.updatedBy)).toEqual(['demo', 'demo', 'demo', 'demo']);
    const first = await server.call('GET', `/api/portfolio/history/${history.body.versions.at(-1).version}`, { token: manager });
    expect(first.body.value.periods).toEqual(['2020-Q4']);
  });

  it('is for managers and administrators only', async () => {
    for (const who of ['resident', 'guidance', 'physician']) {
      const token = (await server.login(who)).token;
      expect((await get(token)).status, who).toBe(403);
      expect((await cell('etavastaanotot', '2022-H1', { level: 1 }, token)).status, who).toBe(403);
      expect((await server.call('GET', '/api/portfolio/history', { token })).status, who).toBe(403);
    }
    expect((await server.call('GET', '/api/portfolio')).status).toBe(401);
    expect((await get(admin)).status).toBe(200);
  });

  it('adds a period and a measure as a new version with If-Match; a stale save is 412 and changes nothing', async () => {
    const current = (await get()).body;
    const next = structuredClone(current);
    next.periods.push('2022-H2');
    next.goals[2].measures.push({ id: 'kokemusasiantuntijat', name: 'Kokemusasiantuntijat palvelujen kehittämisessä', owner: 'Osallisuuskoordinaattori', maturity: [{ period: '2022-H2', level: 2 }], indicators: ['feedback-nps'] });
    const saved = await put(next, { version: current.version });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(current.version + 1);
    expect(saved.body.goals[2].measures.at(-1)).toEqual({ id: 'kokemusasiantuntijat', name: 'Kokemusasiantuntijat palvelujen kehittämisessä', owner: 'Osallisuuskoordinaattori', maturity: [{ period: '2022-H2', level: 2 }], indicators: ['feedback-nps'] });
    const stale = await put(current, { version: current.version });
    expect(stale.status).toBe(412);
    expect((await get()).body).toEqual(saved.body);
    const history = (await server.call('GET', '/api/portfolio/history?limit=1', { token: manager })).body.versions;
    expect(history).toEqual([expect.objectContaining({ version: saved.body.version, updatedBy: 'manager' })]);
  });

  it('refuses a broken portfolio per field and stores nothing; the dry run only checks', async () => {
    const current = (await get()).body;
    const broken = structuredClone(current);
    broken.goals[0].measures[0].maturity[0].level = 7;
    broken.goals[0].measures[1].id = broken.goals[0].measures[2].id;
    broken.goals[1].measures[0].indicators = ['made-up'];
    broken.periods.push('2021-H1');
    const repeated = `periods[${broken.periods.length - 1}]`;
    const refused = await put(broken, { version: current.version });
    expect(refused.status).toBe(400);
    expect(refused.body.resourceType).toBe('OperationOutcome');
    expect(refused.body.issue.map((i: any) => i.expression?.[0])).toEqual([repeated, 'goals[0].measures[0].maturity[0].level', 'goals[0].measures[2].id', 'goals[1].measures[0].indicators[0]']);
    const dry = await put(broken, { query: '?dryRun=true' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ valid: false, problems: expect.arrayContaining([expect.stringContaining(repeated)]) });
    expect((await put(current, { query: '?dryRun=maybe' })).status).toBe(400);
    for (const bad of [null, [], 'text', { periods: [], goals: [] }, { ...current, goals: current.goals.slice(1) }]) {
      expect((await put(bad, { version: current.version })).status, JSON.stringify(bad)?.slice(0, 40)).toBe(400);
    }
    expect((await put(current, { version: current.version, query: '' })).status).toBe(200);
    expect((await server.call('PUT', '/api/portfolio', { token: manager, body: current, headers: { 'if-match': 'yesterday' } })).status).toBe(400);
    expect((await get()).body.version).toBe(current.version + 1);
  });

  it('sets one cell at a time; two coordinators saving different cells at once both keep theirs', async () => {
    const before = (await get()).body;
    const [a, b] = await Promise.all([cell('etavastaanotot', '2021-H1', { level: 5 }), cell('omaolo-maakunnallinen', '2021-H1', { level: 2 }, admin)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const after = (await get()).body;
    expect(after.version).toBe(before.version + 2);
    const level = (id: string) => after.goals[0].measures.find((m: any) => m.id === id).maturity.find((e: any) => e.period === '2021-H1').level;
    expect([level('etavastaanotot'), level('omaolo-maakunnallinen')]).toEqual([5, 2]);
    // Bad cells: nothing changes.
    expect((await cell('no-such-measure', '2021-H1', { level: 3 })).status).toBe(404);
    expect((await cell('etavastaanotot', '2030', { level: 3 })).status).toBe(400);
    for (const body of [{ level: 0 }, { level: 6 }, { level: '3' }, { level: 2.5 }, {}, null]) expect((await cell('etavastaanotot', '2021-H1', body)).status, JSON.stringify(body)).toBe(400);
    expect((await get()).body.version).toBe(after.version);
  });

  it('gives the self-assessment of a period against the one before it', async () => {
    const r = await server.call('GET', '/api/portfolio/self-assessment?period=2022-H1&lang=en', { token: manager });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ period: '2022-H1', previous: '2021-H2' });
    const interop = r.body.goals.find((g: any) => g.goal === 'interoperability');
    expect(interop.name).toBe('Multi-professional services that work together');
    expect(interop.fellBack.map((f: any) => [f.measure.id, f.from, f.to])).toEqual([['mielenterveys-walk-in', 4, 3]]);
    expect(interop.advanced.map((f: any) => f.measure.id)).toEqual(['monipalveluprosessi']);
    expect((await server.call('GET', '/api/portfolio/self-assessment?period=1999', { token: manager })).status).toBe(400);
    expect((await server.call('GET', '/api/portfolio/self-assessment', { token: manager })).body.period).toBe((await get()).body.periods.at(-1));
  });

  it('answers history paging errors clearly', async () => {
    expect((await server.call('GET', '/api/portfolio/history?limit=0', { token: manager })).status).toBe(400);
    expect((await server.call('GET', '/api/portfolio/history/999999', { token: manager })).status).toBe(404);
    expect((await server.call('GET', '/api/portfolio/history/abc', { token: manager })).status).toBe(400);
  });
});

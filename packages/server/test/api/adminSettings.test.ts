/**
 * The small settings an administrator edits in one form each (message reply deadline, wait-list
 * offers, self-monitoring danger limits and deadlines): the value with its version, the server's
 * check as a dry run, If-Match, history, and danger limits that would let a clearly dangerous
 * value pass refused per field, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

describe.each(BACKENDS)('admin settings forms on %s', (backend) => {
  let server: TestServer;
  let admin: string;
  const get = (name: string, token = admin) => server.call('GET', `/api/admin/${name}`, { token });
  const put = (name: string, body: unknown, version?: number, token = admin, query = '') =>
    server.call('PUT', `/api/admin/${name}${query}`, { token, body, ...(version !== undefined ? { headers: { 'if-match': `W/"${version}"` } } : {}) });

  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
  });
  afterAll(async () => server?.close());

  it('changes the wait-list offer hours as a new version with If-Match, kept in the history with who saved it', async () => {
    const first = await get('wait-list');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ offerHours: 3, maxOffersEach: 3 });
    expect(first.headers.get('etag')).toBe(`W/"${first.body.version}"`);
    const saved = await put('wait-list', { ...first.body, offerHours: 6 }, first.body.version);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual({ offerHours: 6, maxOffersEach: 3, version: first.body.version + 1 });
    expect((await get('wait-list')).body.offerHours).toBe(6);
    // The wait list reads it in its own transactions.
    const rules = await server.ovi.services.db.transaction(async (tx) => (await import('../../src/storage/waitListStore')).waitListSettings(tx));
    expect(rules.offerHours).toBe(6);

    const stale = await put('wait-list', { ...first.body, offerHours: 8 }, first.body.version);
    expect(stale.status).toBe(412);
    const history = await server.call('GET', '/api/admin/wait-list/history', { token: admin });
    expect(history.status).toBe(200);
    expect(history.body.versions[0]).toMatchObject({ version: first.body.version + 1, updatedBy: 'admin' });
    const value = await server.call('GET', `/api/admin/wait-list/history/${first.body.version + 1}`, { token: admin });
    expect(value.body.value).toMatchObject({ offerHours: 6 });
  });

  it('checks message settings and wait-list values on the server, per field, storing nothing', async () => {
    const before = (await get('message-settings')).body;
    expect(before).toMatchObject({ replyWorkingDays: expect.any(Number), version: expect.any(Number) });
    const dry = await put('message-settings', { replyWorkingDays: 0 }, undefined, admin, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ valid: false, problems: [expect.stringMatching(/^replyWorkingDays: /)] });
    const refused = await put('wait-list', { offerHours: 0, maxOffersEach: 'three' });
    expect(refused.status).toBe(400);
    expect(refused.body.issue.map((i: any) => i.expression[0]).sort()).toEqual(['maxOffersEach', 'offerHours']);
    expect((await put('message-settings', { ...before, replyWorkingDays: 3 }, before.version)).body).toEqual({ replyWorkingDays: 3, version: before.version + 1 });
    expect((await get('message-settings')).body.version).toBe(before.version + 1);
  });

  it('refuses a danger limit that would let a clearly dangerous value pass, naming the field, and keeps the limits in force', async () => {
    const current = (await get('self-monitoring')).body;
    const systolic = current.danger.findIndex((r: any) => r.quantity === 'systolic' && r.atLeast !== undefined);
    const glucose = current.danger.findIndex((r: any) => r.quantity === 'glucose' && r.below !== undefined);
    const change = (index: number, rule: Record<string, unknown>) => ({ ...current, danger: current.danger.map((r: any, i: number) => (i === index ? { ...r, ...rule } : r)) });

    const high = await put('self-monitoring', change(systolic, { atLeast: 230 }), current.version);
    expect(high.status).toBe(400);
    expect(high.body.issue[0].expression).toEqual([`danger[${systolic}].atLeast`]);
    expect(high.body.issue[0].diagnostics).toMatch(/at most 220/);
    const low = await put('self-monitoring', change(glucose, { below: 2.4 }), current.version, admin, '?dryRun=true');
    expect(low.body).toMatchObject({ valid: false, problems: [expect.stringMatching(new RegExp(`^danger\\[${glucose}\\]\\.below: .*at least 3`))] });
    const removed = await put('self-monitoring', { ...current, danger: current.danger.filter((_: unknown, i: number) => i !== glucose) }, current.version);
    expect(removed.status).toBe(400);
    expect((await get('self-monitoring')).body).toEqual(current);

    // A stricter limit is saved.
    const stricter = await put('self-monitoring', change(systolic, { atLeast: 170 }), current.version);
    expect(stricter.status, JSON.stringify(stricter.body)).toBe(200);
    expect(stricter.body.danger[systolic].atLeast).toBe(170);
  });

  it('lets only administrators read or change them', async () => {
    for (const username of ['guidance', 'manager', 'resident']) {
      const token = (await server.login(username)).token;
      for (const name of ['message-settings', 'wait-list', 'self-monitoring']) {
        expect((await get(name, token)).status).toBe(403);
        expect((await put(name, {}, undefined, token)).status).toBe(403);
      }
    }
    expect((await put('wait-list', { offerHours: 3, maxOffersEach: 3 }, undefined, admin, '?dryRun=maybe')).status).toBe(400);
    expect((await put('wait-list', { offerHours: 3, maxOffersEach: 3 }, undefined, admin)).status).toBe(200);
    expect((await server.call('PUT', '/api/admin/wait-list', { token: admin, body: { offerHours: 3, maxOffersEach: 3 }, headers: { 'if-match': 'yesterday' } })).status).toBe(400);
  });
});

/**
 * Version history of the settings an administrator changes: every stored version is kept in
 * order with who and when, only administrators read it, and a refused change leaves none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

const historyRows = async (server: TestServer, name: string): Promise<number> => {
  const r = await server.ovi.services.db.query<{ n: string }>('SELECT count(*) AS n FROM app_setting_history WHERE name = $1', [name]);
  return Number(r.rows[0]?.n ?? 0);
};

describe.each(BACKENDS)('settings history on %s', (backend) => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
  });
  afterAll(async () => server?.close());

  it('keeps every version of the routing rules in order, with who and when, and each version’s value', async () => {
    const first = await server.call('GET', '/api/admin/routing-rules', { token: admin });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`W/"${first.body.version}"`);
    const start = first.body.version as number;

    // Before any change: the one version Ovi stored itself.
    const untouched = await server.call('GET', '/api/admin/routing-rules/history', { token: admin });
    expect(untouched.status).toBe(200);
    expect(untouched.body.setting).toBe('routing-rules');
    expect(untouched.body.versions).toEqual([{ version: start, updatedAt: expect.any(String), updatedBy: 'system' }]);

    const toNurse = structuredClone(first.body);
    const rule = toNurse.rules.find((r: any) => r.then.profession === 'physiotherapist');
    rule.then.profession = 'nurse';
    const saved = await server.call('PUT', '/api/admin/routing-rules', { token: admin, body: toNurse, headers: { 'if-match': `W/"${start}"` } });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(start + 1);
    expect(saved.headers.get('etag')).toBe(`W/"${start + 1}"`);

    const titled = structuredClone(saved.body);
    titled.rules[0].title.en = 'Severe chest pain or shortness of breath';
    const again = await server.call('PUT', '/api/admin/routing-rules', { token: admin, body: titled });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(start + 2);

    const history = await server.call('GET', '/api/admin/routing-rules/history', { token: admin });
    expect(history.status).toBe(200);
    const versions = history.body.versions as Array<{ version: number; updatedAt: string; updatedBy: string }>;
    expect(versions.map((v) => v.version)).toEqual([start + 2, start + 1, start]);
    expect(versions.map((v) => v.updatedBy)).toEqual(['admin', 'admin', 'system']);
    for (const v of versions) expect(new Date(v.updatedAt).toISOString()).toBe(v.updatedAt);
    const times = versions.map((v) => Date.parse(v.updatedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Each version's value, the current one too; the value carries its own version as GET does.
    const previous = await server.call('GET', `/api/admin/routing-rules/history/${start + 1}`, { token: admin });
    expect(previous.status).toBe(200);
    expect(previous.body).toMatchObject({ version: start + 1, updatedBy: 'admin', value: { version: start + 1 } });
    expect(previous.body.value.rules.find((r: any) => r.id === rule.id).then.profession).toBe('nurse');
    expect(previous.body.value.rules[0].title.en).not.toBe('Severe chest pain or shortness of breath');
    const original = await server.call('GET', `/api/admin/routing-rules/history/${start}`, { token: admin });
    expect(original.body.value.rules.find((r: any) => r.id === rule.id).then.profession).toBe('physiotherapist');
    const current = await server.call('GET', `/api/admin/routing-rules/history/${start + 2}`, { token: admin });
    expect(current.body.value).toEqual((await server.call('GET', '/api/admin/routing-rules', { token: admin })).body);

    // Paging: the newest first, then on from below a version.
    expect((await server.call('GET', '/api/admin/routing-rules/history?limit=1', { token: admin })).body.versions.map((v: any) => v.version)).toEqual([start + 2]);
    expect((await server.call('GET', `/api/admin/routing-rules/history?before=${start + 2}`, { token: admin })).body.versions.map((v: any) => v.version)).toEqual([start + 1, start]);
    expect((await server.call('GET', '/api/admin/routing-rules/history?limit=0', { token: admin })).status).toBe(400);
    expect((await server.call('GET', '/api/admin/routing-rules/history/abc', { token: admin })).status).toBe(400);
    expect((await server.call('GET', '/api/admin/routing-rules/history/999', { token: admin })).status).toBe(404);
  });

  it('adds no version for a refused change, a dry run or a change saved over someone else’s', async () => {
    const set = (await server.call('GET', '/api/admin/care-guarantee', { token: admin })).body;
    const before = (await server.call('GET', '/api/admin/care-guarantee/history', { token: admin })).body.versions;
    const rows = await historyRows(server, 'care-guarantee');

    const invalid = { ...set, rules: [{ ...set.rules[0], limit: {} }, ...set.rules.slice(1)] };
    const refused = await server.call('PUT', '/api/admin/care-guarantee', { token: admin, body: invalid });
    expect(refused.status).toBe(400);
    const noPrimary = { ...set, rules: set.rules.filter((r: any) => r.service !== 'primary-care') };
    expect((await server.call('PUT', '/api/admin/care-guarantee', { token: admin, body: noPrimary })).status).toBe(400);
    const preview = await server.call('PUT', '/api/admin/care-guarantee?dryRun=true', { token: admin, body: set });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ setting: 'care-guarantee', valid: true, problems: [] });
    const stale = await server.call('PUT', '/api/admin/care-guarantee', { token: admin, body: set, headers: { 'if-match': `W/"${set.version + 5}"` } });
    expect(stale.status).toBe(412);
    expect((await server.call('PUT', '/api/admin/care-guarantee', { token: admin, body: set, headers: { 'if-match': 'yesterday' } })).status).toBe(400);
    expect((await server.call('PUT', '/api/admin/care-guarantee', { token: (await server.login('guidance')).token, body: set })).status).toBe(403);

    expect((await server.call('GET', '/api/admin/care-guarantee/history', { token: admin })).body.versions).toEqual(before);
    expect(await historyRows(server, 'care-guarantee')).toBe(rows);
    expect((await server.call('GET', '/api/admin/care-guarantee', { token: admin })).body.version).toBe(set.version);
  });

  it('shows the history to administrators only', async () => {
    const paths = ['/api/admin/routing-rules/history', '/api/admin/safety-screen/history/1', '/api/admin/where-to-turn/history', '/api/admin/access-lifetimes/history'];
    for (const username of ['guidance', 'physician', 'manager', 'resident']) {
      const { token } = await server.login(username);
      for (const path of paths) expect((await server.call('GET', path, { token })).status, `${username} ${path}`).toBe(403);
    }
    for (const path of paths) expect((await server.call('GET', path)).status, path).toBe(401);
    for (const path of paths) expect((await server.call('GET', path, { token: admin })).status, path).toBe(200);
  });

  it('keeps the versions of a schedule template and of the access lifetimes', async () => {
    const all = (await server.call('GET', '/api/schedule-templates', { token: admin })).body;
    const template = all.templates[0];
    const path = `/api/schedule-templates/${template.id}/history`;
    const demo = (await server.call('GET', path, { token: admin })).body.versions;
    expect(demo).toEqual([{ version: 1, updatedAt: expect.any(String), updatedBy: 'demo' }]);
    const shorter = { ...template, blocks: template.blocks.slice(1) };
    expect((await server.call('PUT', `/api/schedule-templates/${template.id}`, { token: admin, body: shorter })).status).toBe(200);
    const bad = { ...template, blocks: [{ weekday: 9, start: '16:00', end: '08:00', visitType: 'x', modes: [] }] };
    expect((await server.call('PUT', `/api/schedule-templates/${template.id}`, { token: admin, body: bad })).status).toBe(400);
    const versions = (await server.call('GET', path, { token: admin })).body.versions;
    expect(versions.map((v: any) => [v.version, v.updatedBy])).toEqual([
      [2, 'admin'],
      [1, 'demo'],
    ]);
    const first = await server.call('GET', `${path}/1`, { token: admin });
    expect(first.body.value).toEqual(template);
    expect((await server.call('GET', `${path}/2`, { token: admin })).body.value.blocks).toHaveLength(template.blocks.length - 1);
    expect((await server.call('GET', path, { token: (await server.login('physio')).token })).status).toBe(403);
    expect((await server.call('GET', '/api/schedule-templates/no-such-template/history', { token: admin })).status).toBe(404);
    expect((await server.call('GET', '/api/schedule-templates/bad%20id/history', { token: admin })).status).toBe(400);

    const lifetimes = (await server.call('GET', '/api/admin/access-lifetimes', { token: admin })).body;
    const put = await server.call('PUT', '/api/admin/access-lifetimes', { token: admin, body: { taskFollowUpDays: 14, appointmentDays: 21 } });
    expect(put.status).toBe(200);
    const kept = (await server.call('GET', '/api/admin/access-lifetimes/history', { token: admin })).body.versions;
    expect(kept[0]).toMatchObject({ version: put.body.version, updatedBy: 'admin' });
    expect((await server.call('GET', `/api/admin/access-lifetimes/history/${put.body.version}`, { token: admin })).body.value).toEqual({ taskFollowUpDays: 14, appointmentDays: 21, version: put.body.version });
    expect(lifetimes.version).toBeLessThan(put.body.version);
  });

  it('never keeps the token-signing key', async () => {
    const r = await server.ovi.services.db.query<{ n: string }>("SELECT count(*) AS n FROM app_setting_history WHERE name = 'token-signing-key'");
    expect(Number(r.rows[0]?.n)).toBe(0);
  });
});

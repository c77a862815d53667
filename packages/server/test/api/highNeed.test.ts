import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HIGH_NEED_SETTINGS } from '@ovi/domain';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';
import { highNeedDataSet, patient, segmentObservation, store } from './segmentationFixture';

const NOW = new Date('2026-11-25T09:00:00+02:00');
const LIST = '/api/high-need?team=CareTeam/team-kokkola';

describe.each(BACKENDS)('the high-need work list on %s', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const json = { 'content-type': 'application/json' };
  const list = async (who: string, path = LIST) => server.call('GET', path, { token: tokens[who] });
  const byName = (body: any) => Object.fromEntries(body.clients.map((c: any) => [c.name, c]));
  const criteria = (client: any) => Object.fromEntries(client.criteria.map((c: any) => [c.id, c.met]));

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: NOW });
    for (const who of ['physician', 'social', 'guidance', 'resident', 'manager', 'admin']) tokens[who] = (await server.login(who)).token;
    await store(server, highNeedDataSet(NOW));
  });
  afterAll(async () => server?.close());

  it('lists the team’s likely high-need clients with the criteria beside each name, without a plan first', async () => {
    const r = await list('physician');
    expect(r.status).toBe(200);
    expect(r.body.team.reference).toBe('CareTeam/team-kokkola');
    expect(r.body.registers).toEqual(['health']);
    expect(r.body.clients.map((c: any) => c.name)).toEqual(['Testi Dahl', 'Testi Aalto', 'Testi Carlsson']);
    const { 'Testi Aalto': anna, 'Testi Dahl': dora, 'Testi Carlsson': carl } = byName(r.body);
    expect(anna.facts).toMatchObject({ contacts: 6, visits: 4, services: 4, openHealth: 1, openSocial: null, hasSharedPlan: false });
    // Without consent the social-welfare side is not known: not met, not counted, not shown.
    expect(criteria(anna)).toEqual({ 'many-contacts': true, 'several-services': true, 'both-registers': null, segment: false });
    expect(criteria(dora)).toEqual({ 'many-contacts': true, 'several-services': true, 'both-registers': true, segment: false });
    expect(dora.facts).toMatchObject({ openHealth: 1, openSocial: 1 });
    expect(carl.facts.hasSharedPlan).toBe(true);
  });

  it('one contact short or too few services is not enough; old contacts and other teams’ clients do not count', async () => {
    const names = (await list('physician')).body.clients.map((c: any) => c.name);
    expect(names).not.toContain('Testi Berg'); // 9 contacts and visits, 2 services: only the segment criterion
    expect(names).not.toContain('Testi Eskola'); // the Kannus team's client
    expect(names).not.toContain('Testi Forsman'); // social-welfare records only
  });

  it('health staff never learn of a client known only from social-welfare records; the social instructor sees him and no health counts without consent', async () => {
    const r = await list('social');
    expect(r.status).toBe(200);
    expect(r.body.registers).toEqual(['social']);
    const { 'Testi Forsman': frans, 'Testi Aalto': anna } = byName(r.body);
    expect(frans.facts).toMatchObject({ contacts: 10, services: 3, openHealth: null });
    // Anna's health contacts are not the social instructor's to see: she is not on this list.
    expect(anna).toBeUndefined();
    expect(JSON.stringify((await list('physician')).body)).not.toContain('p-hn-frans');
  });

  it('follows the configured criteria: one criterion, and leaving out clients with a plan', async () => {
    const current = await server.call('GET', '/api/admin/high-need', { token: tokens.admin });
    expect(current.body).toMatchObject({ ...DEFAULT_HIGH_NEED_SETTINGS, version: 0 });
    const saved = await server.call('PUT', '/api/admin/high-need', { token: tokens.admin, body: { ...DEFAULT_HIGH_NEED_SETTINGS, minCriteria: 1, withoutPlanOnly: true }, headers: json });
    expect(saved.status).toBe(200);
    const names = (await list('physician')).body.clients.map((c: any) => c.name);
    expect(names).toContain('Testi Berg');
    expect(criteria(byName((await list('physician')).body)['Testi Berg'])).toMatchObject({ 'many-contacts': false, 'several-services': false, segment: true });
    expect(names).not.toContain('Testi Carlsson');
    const bad = await server.call('PUT', '/api/admin/high-need', { token: tokens.admin, body: { ...DEFAULT_HIGH_NEED_SETTINGS, minContacts: -1 }, headers: json });
    expect(bad.status).toBe(400);
    expect(bad.body.issue[0].expression).toEqual(['minContacts']);
    await server.call('PUT', '/api/admin/high-need', { token: tokens.admin, body: DEFAULT_HIGH_NEED_SETTINGS, headers: json });
  });

  it('only the team’s own staff: another team 403, an unknown team 404, residents, managers and administrators 403, bad input 400', async () => {
    expect((await list('physician', '/api/high-need?team=CareTeam/team-kannus')).status).toBe(403);
    expect((await list('physician', '/api/high-need?team=CareTeam/no-such-team')).status).toBe(404);
    expect((await list('guidance')).status).toBe(403); // not a member of the team
    expect((await list('resident')).status).toBe(403);
    expect((await list('manager')).status).toBe(403);
    expect((await list('admin')).status).toBe(403);
    expect((await list('physician', '/api/high-need')).status).toBe(400);
    expect((await list('physician', '/api/high-need?team=Patient/p-hn-anna&x=1')).status).toBe(400);
    expect((await list('physician', '/api/high-need?team=../../etc')).status).toBe(400);
  });

  it('every list is audited with the clients it named', async () => {
    await list('physician');
    const r = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content::text LIKE '%Patient?high-need%' ORDER BY last_updated DESC LIMIT 1`,
    );
    const text = JSON.stringify(r.rows[0]?.content);
    expect(text).toContain('Patient/p-hn-anna');
    expect(text).toContain('Practitioner/pr-mikko-rautio');
  });

  it('managers see counts by segment and municipality, never names, groups under five hidden', async () => {
    const segmented: any[] = [];
    for (let i = 0; i < 8; i++) segmented.push(patient(`p-seg-n${i}`, `Nimi${i}`, '272'), segmentObservation(`seg-n${i}`, `Patient/p-seg-n${i}`, 'network', NOW));
    for (let i = 0; i < 6; i++) segmented.push(patient(`p-seg-s${i}`, `Nimi${i}`, '272'), segmentObservation(`seg-s${i}`, `Patient/p-seg-s${i}`, 'self-acting', NOW));
    for (let i = 0; i < 6; i++) segmented.push(patient(`p-seg-c${i}`, `Nimi${i}`, '217'), segmentObservation(`seg-c${i}`, `Patient/p-seg-c${i}`, 'community', NOW));
    for (let i = 0; i < 7; i++) segmented.push(patient(`p-seg-k${i}`, `Nimi${i}`, '217'), segmentObservation(`seg-k${i}`, `Patient/p-seg-k${i}`, 'network', NOW));
    await store(server, segmented);
    const r = await server.call('GET', '/api/high-need/summary?lang=en', { token: tokens.manager });
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/p-seg|p-hn|Nimi|Testi/);
    const cell = (s: string, m: string) => r.body.cells.find((c: any) => c.segment === s && c.municipality === m).count;
    // Bertta's network segment counts too: 9 network in Kokkola, shown rounded to fives.
    expect(cell('network', '272')).toBe(10);
    expect(cell('network', '217')).toBe(5);
    // Empty groups are hidden like small ones, and the 6 self-acting in Kokkola with them, so that none can be worked out.
    expect(cell('cooperating', '272')).toBeNull();
    expect(cell('self-acting', '272')).toBeNull();
    expect(r.body.total).toBe(30);
    for (const c of [...r.body.cells, ...r.body.bySegment, ...r.body.byMunicipality]) if (c.count !== null) expect(c.count).toBeGreaterThanOrEqual(5);
    expect(r.body.municipalities).toEqual(expect.arrayContaining([{ code: '272', name: 'Kokkola' }]));
    expect(r.body.segments.find((s: any) => s.segment === 'network').label).toBe('Network client');
    for (const who of ['physician', 'resident', 'admin']) expect((await server.call('GET', '/api/high-need/summary', { token: tokens[who] })).status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, BACK_PAIN, CHEST_SEVERE, contactBody, startOn } from './backends';
import type { ContactAnswers } from '../../src/guidance/contactResponse';

/** A Wednesday morning in Helsinki: the guidance queue is open and contacts of one day share their deadline. */
const WEDNESDAY_MORNING = new Date('2026-11-25T09:00:00+02:00');
const URGENCY_RANK: Record<string, number> = { emergent: 0, urgent: 1, 'non-urgent': 2, 'self-care': 3 };
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });

/** The queue order: urgency, then deadline, then the oldest contact. */
function assertQueueOrder(items: any[]): void {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1];
    const b = items[i];
    const key = (x: any) => [URGENCY_RANK[x.urgency] ?? 2, Date.parse(x.deadline), Date.parse(x.authoredOn ?? '')];
    const [ra, da, ca] = key(a);
    const [rb, db, cb] = key(b);
    const inOrder = ra! < rb! || (ra === rb && (da! < db! || (da === db && ca! <= cb!)));
    expect(inOrder, `${a.taskId} (${a.urgency} ${a.deadline} ${a.authoredOn}) before ${b.taskId} (${b.urgency} ${b.deadline} ${b.authoredOn})`).toBe(true);
  }
}

describe.each(BACKENDS)('the work queue at scale on %s', (backend) => {
  let server: TestServer;
  let resident: { token: string; fhirUser: string };
  let guidance: { token: string; fhirUser: string };
  let guidance2: { token: string; fhirUser: string };
  const sentTasks: string[] = [];

  const queue = async (token: string, query = '') => server.call('GET', `/api/guidance/queue${query ? `?${query}` : ''}`, { token });
  const send = async (answers: ContactAnswers) => {
    const r = await server.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, answers) });
    expect(r.status).toBe(201);
    return (r.headers.get('x-ovi-task') ?? '').replace('Task/', '');
  };
  /** Every page of the queue, one after another. */
  const allPages = async (token: string, query: string, pageSize: number) => {
    const first = await queue(token, `${query}&pageSize=${pageSize}&page=1`);
    expect(first.status).toBe(200);
    const items = [...first.body.items];
    for (let page = 2; page <= first.body.pages; page++) {
      const next = await queue(token, `${query}&pageSize=${pageSize}&page=${page}`);
      expect(next.status).toBe(200);
      expect(next.body.page).toBe(page);
      items.push(...next.body.items);
    }
    return { total: first.body.total as number, items };
  };

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: WEDNESDAY_MORNING });
    // A second guidance nurse and a second nurse of the Kokkola team, and a physician of Kannus.
    const accounts = server.ovi.services.accounts;
    await accounts.upsert({ username: 'guidance2', password: 'demo', roles: ['guidance'], fhirUser: 'Practitioner/pr-riikka-ylikoski', name: 'Riikka Ylikoski' });
    await accounts.upsert({ username: 'tiina', password: 'demo', roles: ['professional'], fhirUser: 'Practitioner/pr-tiina-puumala', name: 'Tiina Puumala' });
    await accounts.upsert({ username: 'elina', password: 'demo', roles: ['professional'], fhirUser: 'Practitioner/pr-elina-korpi', name: 'Elina Korpi' });
    resident = await server.login('resident');
    guidance = await server.login('guidance');
    guidance2 = await server.login('guidance2');
    for (let i = 0; i < 6; i++) sentTasks.push(await send(BACK_PAIN));
    sentTasks.push(await send(CHEST_SEVERE));
  });
  afterAll(async () => server?.close());

  it('pages the queue in order, with the total, and pages never overlap', async () => {
    const whole = await queue(guidance.token, 'pageSize=100');
    expect(whole.status).toBe(200);
    expect(whole.body.total).toBeGreaterThan(10);
    expect(whole.body.total).toBeLessThanOrEqual(100);
    expect(whole.body.items).toHaveLength(whole.body.total);
    assertQueueOrder(whole.body.items);
    const paged = await allPages(guidance.token, '', 4);
    expect(paged.total).toBe(whole.body.total);
    expect(paged.items.map((i) => i.taskId)).toEqual(whole.body.items.map((i: any) => i.taskId));
    // The default page is 50 rows, and the answer says how many pages there are.
    const first = await queue(guidance.token);
    expect(first.body.page).toBe(1);
    expect(first.body.pageSize).toBe(50);
    expect(first.body.items).toHaveLength(Math.min(50, whole.body.total));
    expect(first.body.pages).toBe(Math.max(1, Math.ceil(whole.body.total / 50)));
    // Past the last page: no rows, the total still there.
    const beyond = await queue(guidance.token, `pageSize=4&page=${paged.items.length}`);
    expect(beyond.status).toBe(200);
    expect(beyond.body.items).toEqual([]);
    expect(beyond.body.total).toBe(whole.body.total);
  });

  it('puts the most urgent first, and among equal urgency and deadline the oldest contact first', async () => {
    const { items } = await allPages(guidance.token, '', 5);
    const ids = items.map((i) => i.taskId);
    const emergent = sentTasks[6] ?? '';
    const backPain = sentTasks.slice(0, 6);
    expect(items.find((i) => i.taskId === emergent)?.urgency).toBe('emergent');
    expect(ids.indexOf(emergent)).toBeLessThan(Math.min(...backPain.map((id) => ids.indexOf(id))));
    const mine = items.filter((i) => backPain.includes(i.taskId));
    expect(new Set(mine.map((i) => i.deadline)).size).toBe(1);
    expect(new Set(mine.map((i) => i.urgency)).size).toBe(1);
    expect(mine.map((i) => i.taskId)).toEqual(backPain); // sent one after another: oldest first
    // Every item keeps its fields, the same-day assessment clock among them.
    const item = mine[0];
    expect(item.assessmentMinutesLeft).toBeGreaterThan(0);
    expect(item.minutesLeft).toBeGreaterThan(item.assessmentMinutesLeft);
    expect(item.patient.name).toBeTruthy();
    expect(item.channel).toBe('web-form');
    expect(item.kind).toBe('client-guidance');
    expect(item.ruleExplanation.fi).toBeTruthy();
    expect(item.dangerSigns).toBeDefined();
    expect(item.outOfHours).toBe(false);
  });

  it('filters by urgency, channel and profession, each with its own total', async () => {
    const whole = (await queue(guidance.token, 'pageSize=100')).body.items as any[];
    for (const [name, field, value] of [
      ['urgency', 'urgency', 'non-urgent'],
      ['urgency', 'urgency', 'emergent'],
      ['channel', 'channel', 'web-form'],
      ['channel', 'channel', 'phone'],
      ['profession', 'profession', 'physiotherapist'],
    ] as const) {
      const expected = whole.filter((i) => i[field] === value);
      const paged = await allPages(guidance.token, `${name}=${value}`, 3);
      expect(paged.total, `${name}=${value}`).toBe(expected.length);
      expect(paged.items.map((i) => i.taskId), `${name}=${value}`).toEqual(expected.map((i) => i.taskId));
    }
    const both = await queue(guidance.token, 'urgency=non-urgent&channel=web-form&pageSize=100');
    expect(both.body.total).toBe(whole.filter((i) => i.urgency === 'non-urgent' && i.channel === 'web-form').length);
    const totals = await Promise.all(['emergent', 'urgent', 'non-urgent', 'self-care'].map(async (u) => (await queue(guidance.token, `urgency=${u}`)).body.total as number));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(whole.length);
  });

  it('audits each queue read: one record naming exactly the clients on the page', async () => {
    const db = server.ovi.services.db;
    const count = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcomeDesc' = 'work queue'`)).rows[0]?.n);
    const before = await count();
    const page = await queue(guidance.token, 'pageSize=3&page=2&urgency=non-urgent');
    expect(page.status).toBe(200);
    expect(await count()).toBe(before + 1);
    const latest = (
      await db.query<{ content: any }>(`SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcomeDesc' = 'work queue' ORDER BY last_updated DESC LIMIT 1`)
    ).rows[0]?.content;
    expect(latest.agent[0].who.reference).toBe(guidance.fhirUser);
    const named = latest.entity.filter((e: any) => e.what?.reference?.startsWith('Patient/')).map((e: any) => e.what.reference).sort();
    expect(named).toEqual([...new Set(page.body.items.map((i: any) => `Patient/${i.patient.id}`))].sort());
    expect(latest.entity.find((e: any) => e.description)?.description).toContain('page=2');
  });

  it('refuses bad paging and filter values with 400', async () => {
    for (const query of [
      'page=-1',
      'page=0',
      'page=abc',
      'page=1.5',
      'pageSize=0',
      'pageSize=101',
      'urgency=very',
      'channel=pigeon',
      'profession=wizard',
      'owner=team-kokkola',
      "owner=CareTeam/x' OR 1=1",
      'claimed=someone',
      'status=ready',
      'page=1&page=2',
    ]) {
      const r = await queue(guidance.token, query);
      expect(r.status, query).toBe(400);
      expect(r.body.resourceType, query).toBe('OperationOutcome');
    }
    expect((await queue(resident.token)).status).toBe(403);
    expect((await server.call('GET', '/api/guidance/queue')).status).toBe(401);
  });

  it('shows professionals their own, their team’s and their service’s work only', async () => {
    // Two contacts routed on: one to the Kokkola team, one to the Kannus team.
    const [toKokkola, toKannus] = [await send(BACK_PAIN), await send(BACK_PAIN)];
    const routed: Record<string, string> = {};
    for (const [task, team] of [[toKokkola, 'CareTeam/team-kokkola'], [toKannus, 'CareTeam/team-kannus']] as const) {
      const r = await server.call('POST', `/fhir/R4/Task/${task}/$resolve`, {
        token: guidance.token,
        body: params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'Ohjattu tiimille.' }, { name: 'routeTo', valueReference: { reference: team } }),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      routed[team] = r.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference.replace('Task/', '');
    }
    const physician = await server.login('physician'); // Mikko Rautio, Kokkola
    const elina = await server.login('elina'); // Elina Korpi, Kannus
    const mikkoQueue = (await queue(physician.token, 'pageSize=100')).body;
    const mikkoIds = mikkoQueue.items.map((i: any) => i.taskId);
    expect(mikkoIds).toContain(routed['CareTeam/team-kokkola']);
    expect(mikkoIds).not.toContain(routed['CareTeam/team-kannus']);
    expect(mikkoQueue.items.every((i: any) => i.kind !== 'client-guidance')).toBe(true);
    const mikkoOwners = [physician.fhirUser, 'CareTeam/team-kokkola', 'HealthcareService/svc-primary-care-kokkola'];
    expect(mikkoQueue.items.every((i: any) => mikkoOwners.includes(i.owner?.reference))).toBe(true);
    expect(mikkoQueue.teams.map((t: any) => t.reference)).toEqual(expect.arrayContaining(['CareTeam/team-kokkola', 'HealthcareService/svc-primary-care-kokkola']));
    expect(mikkoQueue.total).toBe(mikkoQueue.items.length);
    const elinaIds = (await queue(elina.token, 'pageSize=100')).body.items.map((i: any) => i.taskId);
    expect(elinaIds).toContain(routed['CareTeam/team-kannus']);
    expect(elinaIds).not.toContain(routed['CareTeam/team-kokkola']);
    // The owner filter keeps one of one's own teams; another team's work stays out of reach.
    const team = (await queue(physician.token, 'owner=CareTeam/team-kokkola&pageSize=100')).body;
    expect(team.items.map((i: any) => i.taskId)).toContain(routed['CareTeam/team-kokkola']);
    expect(team.items.every((i: any) => i.owner.reference === 'CareTeam/team-kokkola')).toBe(true);
    const other = (await queue(physician.token, 'owner=CareTeam/team-kannus')).body;
    expect(other.total).toBe(0);
    expect(other.items).toEqual([]);
    // Guidance staff see the whole guidance queue, and routed work only where it is theirs.
    const guidanceIds = (await allPages(guidance.token, '', 100)).items.map((i) => i.taskId);
    expect(guidanceIds).not.toContain(routed['CareTeam/team-kannus']);
  });

  it('claims and releases a contact: the owner is set and cleared, the queue shows who has it, every step audited', async () => {
    const task = sentTasks[0] ?? '';
    const claimed = await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: guidance.token });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.owner.reference).toBe(guidance.fhirUser);
    expect(claimed.body.owner.display).toBe('Hanna Hoitaja');
    const item = (await queue(guidance2.token, 'pageSize=100')).body.items.find((i: any) => i.taskId === task);
    expect(item.claimedBy).toMatchObject({ reference: guidance.fhirUser, display: 'Hanna Hoitaja' });
    expect(Date.parse(item.claimedBy.at)).not.toBeNaN();
    // Someone else: 409, naming who has it; they cannot release it either.
    const taken = await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: guidance2.token });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(taken.body)).toContain('Hanna Hoitaja');
    expect((await server.call('POST', `/fhir/R4/Task/${task}/$release`, { token: guidance2.token })).status).toBe(409);
    // Claiming one's own again changes nothing.
    const again = await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: guidance.token, body: { resourceType: 'Parameters' } });
    expect(again.status).toBe(200);
    expect(again.body.meta.versionId).toBe(claimed.body.meta.versionId);
    // Mine, and nobody's.
    expect((await queue(guidance.token, 'claimed=me&pageSize=100')).body.items.map((i: any) => i.taskId)).toEqual([task]);
    expect((await queue(guidance2.token, 'claimed=me')).body.total).toBe(0);
    const unclaimed = (await queue(guidance.token, 'claimed=nobody&pageSize=100')).body;
    expect(unclaimed.items.map((i: any) => i.taskId)).not.toContain(task);
    expect(unclaimed.total).toBe((await queue(guidance.token)).body.total - 1);
    const released = await server.call('POST', `/fhir/R4/Task/${task}/$release`, { token: guidance.token });
    expect(released.status).toBe(200);
    expect(released.body.owner).toBeUndefined();
    expect((await queue(guidance.token, 'pageSize=100')).body.items.find((i: any) => i.taskId === task).claimedBy).toBeUndefined();
    const audits = (
      await server.ovi.services.db.query<{ content: any }>(
        `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->'entity' @> $1::jsonb ORDER BY last_updated`,
        [JSON.stringify([{ what: { reference: `Task/${task}` } }])],
      )
    ).rows.map((r) => `${r.content.agent[0].who.reference} ${r.content.outcome} ${r.content.outcomeDesc}`);
    expect(audits).toContain(`${guidance.fhirUser} 0 $claim`);
    expect(audits).toContain(`${guidance.fhirUser} 0 $claim (unchanged)`);
    expect(audits).toContain(`${guidance.fhirUser} 0 $release`);
    expect(audits.some((a) => a.startsWith(`${guidance2.fhirUser} 4 $claim:`))).toBe(true);
    expect(audits.some((a) => a.startsWith(`${guidance2.fhirUser} 4 $release:`))).toBe(true);
  });

  it('lets exactly one of two nurses claiming at once win', async () => {
    for (let round = 0; round < 4; round++) {
      const task = await send(BACK_PAIN);
      const [a, b] = await Promise.all([
        server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: guidance.token }),
        server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: guidance2.token }),
      ]);
      expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).toEqual([200, 409]);
      const winner = a.status === 200 ? guidance : guidance2;
      const stored = await server.call('GET', `/fhir/R4/Task/${task}`, { token: guidance.token });
      expect(stored.body.owner.reference).toBe(winner.fhirUser);
      const versions = await server.call('GET', `/fhir/R4/Task/${task}/_history`, { token: guidance.token });
      expect(versions.body.entry).toHaveLength(2); // created, claimed once
    }
  });

  it('claims routed work for the team without taking it from the team', async () => {
    const contact = await send(BACK_PAIN);
    const resolved = await server.call('POST', `/fhir/R4/Task/${contact}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'Tiimille.' }, { name: 'routeTo', valueReference: { reference: 'CareTeam/team-kokkola' } }),
    });
    const task = resolved.body.output.find((o: any) => o.type.coding[0].code === 'routed-task').valueReference.reference.replace('Task/', '');
    const physician = await server.login('physician');
    const tiina = await server.login('tiina');
    const elina = await server.login('elina');
    const claimed = await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: physician.token });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.owner.reference).toBe('CareTeam/team-kokkola');
    // The team still sees the work and its client, and who has it.
    const item = (await queue(tiina.token, 'pageSize=100')).body.items.find((i: any) => i.taskId === task);
    expect(item.claimedBy.display).toBe('Mikko Rautio');
    expect(item.owner.reference).toBe('CareTeam/team-kokkola');
    expect((await server.call('GET', `/fhir/R4/${resident.fhirUser}`, { token: tiina.token })).status).toBe(200);
    expect((await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: tiina.token })).status).toBe(409);
    // Another team's professional may not claim it.
    expect((await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: elina.token })).status).toBe(403);
    const released = await server.call('POST', `/fhir/R4/Task/${task}/$release`, { token: physician.token });
    expect(released.status).toBe(200);
    expect(released.body.owner.reference).toBe('CareTeam/team-kokkola');
    expect(released.body.extension ?? []).toEqual([]);
  });

  it('claims only through access: no claim outside one’s own queue, nor on a recorded reason', async () => {
    const task = sentTasks[1] ?? '';
    const physio = await server.login('physio');
    expect((await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: physio.token })).status).toBe(403);
    const byReason = await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: physio.token, headers: { 'x-access-reason': encodeURIComponent('Asiakas soitti') } });
    expect(byReason.status).toBe(403);
    expect((await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: resident.token })).status).toBe(403);
    expect((await server.call('POST', `/fhir/R4/Task/${task}/$claim`, {})).status).toBe(401);
    expect((await server.call('POST', '/fhir/R4/Task/no-such-task/$claim', { token: guidance.token })).status).toBe(404);
    expect((await server.call('POST', `/fhir/R4/Task/${task}/$claim`, { token: guidance.token, body: params({ name: 'force', valueBoolean: true }) })).status).toBe(400);
    const stored = await server.call('GET', `/fhir/R4/Task/${task}`, { token: guidance.token });
    expect(stored.body.owner).toBeUndefined();
    // A resolved contact can no longer be claimed.
    const done = await send(BACK_PAIN);
    await server.call('POST', `/fhir/R4/Task/${done}/$resolve`, { token: guidance.token, body: params({ name: 'outcome', valueCode: 'self-care' }, { name: 'note', valueString: 'Ohjeet.' }) });
    expect((await server.call('POST', `/fhir/R4/Task/${done}/$claim`, { token: guidance.token })).status).toBe(409);
  });
});

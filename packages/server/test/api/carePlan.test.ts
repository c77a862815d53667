import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateResource } from '@medplum/core';
import { CARE_PLAN, SYSTEMS } from '@ovi/domain';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';
import { DEMO_IDS } from '../../src/demo/demoRegion';
import { OUTSIDE_IDS } from '../../src/demo/outsideOrganisations';
import { openDatabase } from '../../src/db/openDatabase';
import { ResourceStore } from '../../src/storage/resourceStore';
import { raiseDueReviews } from '../../src/carePlan/reviewTasks';
import type { Database } from '../../src/db/database';

/** A Wednesday morning in Helsinki. */
const NOW = new Date('2026-11-25T09:00:00+02:00');
const STATION = 'Organization/station-kokkola';
const JSON_BODY = { 'content-type': 'application/json' };
const PATIENT = DEMO_IDS.residentPatient;
const SOCIAL = DEMO_IDS.socialInstructor;
const PHYSICIAN = DEMO_IDS.physician;

const planBody = (extra: Record<string, unknown> = {}) => ({
  patient: PATIENT,
  title: 'Ainon yhteinen suunnitelma',
  start: '2026-11-25',
  goals: [{ text: 'Haluan oman asunnon ennen kesää' }, { text: 'Jaksan käydä töissä' }],
  activities: [
    { description: 'Täytän asumistukihakemuksen', owner: PATIENT, due: '2026-12-10', status: 'not-started' },
    { description: 'Toimeentulotuen arvio', owner: SOCIAL, due: '2026-12-15', status: 'in-progress', register: 'social' },
    { description: 'Verenpaineen seuranta', owner: PHYSICIAN, due: '2027-01-15', status: 'not-started', register: 'health' },
    { description: 'Asumistuen päätös', owner: OUTSIDE_IDS.kelaWorker, due: '2026-12-31', status: 'not-started' },
  ],
  responsibleWorker: SOCIAL,
  team: [
    { member: SOCIAL, organization: STATION },
    { member: PHYSICIAN, organization: STATION },
    { member: OUTSIDE_IDS.kelaWorker, organization: OUTSIDE_IDS.kela },
  ],
  // The first within the review lead time (14 days), the second months later.
  reviewDates: ['2026-12-02', '2027-03-01'],
  ...extra,
});

const consentFor = (actors: string[], registers?: string[]) => ({
  resourceType: 'Consent',
  status: 'active',
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ coding: [{ system: SYSTEMS.consentCategory, code: 'register-sharing' }] }],
  patient: { reference: PATIENT },
  dateTime: NOW.toISOString(),
  policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
  provision: {
    type: 'permit',
    actor: actors.map((reference) => ({ role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] }, reference: { reference } })),
    ...(registers ? { securityLabel: registers.map((code) => ({ system: SYSTEMS.register, code })) } : {}),
  },
});

describe.each(BACKENDS)('the shared client plan on %s', (backend) => {
  let server: TestServer;
  type Login = { token: string; fhirUser: string };
  let resident: Login, social: Login, physician: Login, kela: Login, manager: Login, physio: Login;
  let planId: string;
  let goals: string[];

  const reviewTasks = async () =>
    (await server.ovi.services.db.query<{ content: any }>(`SELECT content FROM resource WHERE resource_type = 'Task' AND content #>> '{code,coding,0,code}' = $1`, [CARE_PLAN.reviewTask])).rows.map((r) => r.content);
  const get = (who: Login, path: string) => server.call('GET', path, { token: who.token });
  const send = (who: Login, method: string, path: string, body: unknown, headers: Record<string, string> = {}) => server.call(method, path, { token: who.token, body, headers: { ...JSON_BODY, ...headers } });

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: NOW });
    [resident, social, physician, kela, manager, physio] = (await Promise.all(['resident', 'social', 'physician', 'kela', 'manager', 'physio'].map((u) => server.login(u)))) as [Login, Login, Login, Login, Login, Login];
    // The social instructor already works with Aino (a client team of hers), as before any plan.
    await server.ovi.services.store.create({ resourceType: 'CareTeam', status: 'active', subject: { reference: PATIENT }, participant: [{ member: { reference: SOCIAL } }] } as any);
  });
  afterAll(async () => server?.close());

  it('makes a plan with the client’s goals, owners across organisations, the team and review dates, as valid R4', async () => {
    const r = await send(social, 'POST', '/api/care-plans', planBody());
    expect(r.status).toBe(201);
    planId = r.body.id;
    goals = r.body.goals.map((g: any) => g.goal);
    expect(r.body).toMatchObject({ versionId: '1', responsibleWorker: SOCIAL, title: 'Ainon yhteinen suunnitelma', reviewDates: ['2026-12-02', '2027-03-01'] });
    expect(r.body.goals.map((g: any) => g.text)).toEqual(['Haluan oman asunnon ennen kesää', 'Jaksan käydä töissä']);
    expect(r.body.team.map((m: any) => [m.member, m.responsible, m.outside])).toEqual([[SOCIAL, true, false], [PHYSICIAN, false, false], [OUTSIDE_IDS.kelaWorker, false, true]]);
    expect(r.body.team[2].organizationName).toMatch(/Kela/);
    // The client reads the raw resources: a valid CarePlan of the shared category, Goals in the client's words.
    const raw = await get(resident, `/fhir/R4/CarePlan/${planId}`);
    expect(raw.status).toBe(200);
    expect(() => validateResource(raw.body)).not.toThrow();
    expect(raw.body.category[0].coding[0]).toMatchObject({ system: 'https://fhir.ovi.fi/CodeSystem/care-plan-category', code: 'shared-client-plan' });
    expect(raw.body.activity[3].detail.performer[0].reference).toBe(OUTSIDE_IDS.kelaWorker);
    const goal = await get(resident, `/fhir/R4/${goals[0]}`);
    expect(goal.body).toMatchObject({ expressedBy: { reference: PATIENT }, description: { text: 'Haluan oman asunnon ennen kesää' } });
    expect(() => validateResource(goal.body)).not.toThrow();
    const team = await get(resident, `/fhir/R4/${raw.body.careTeam[0].reference}`);
    expect(() => validateResource(team.body)).not.toThrow();
  });

  it('puts one review Task in the responsible worker’s queue, once, even when two processes look at once', async () => {
    const [task, ...more] = await reviewTasks();
    expect(more).toEqual([]);
    expect(task).toMatchObject({ status: 'ready', owner: { reference: SOCIAL }, for: { reference: PATIENT }, focus: { reference: `CarePlan/${planId}` } });
    expect(task.restriction.period.end).toBe('2026-12-02T21:59:59.999Z');
    // The later review is months away: not yet in the queue.
    expect(task.identifier[0].value).toBe(`CarePlan/${planId}|2026-12-02`);
    // A second "process": its own connections to the same database (PostgreSQL); on PGlite the one handle.
    let second: Database = server.ovi.services.db;
    if (backend === 'postgres') {
      const name = (await server.ovi.services.db.query<{ n: string }>('SELECT current_database() AS n')).rows[0]!.n;
      const url = new URL(inject('postgresUrl'));
      url.pathname = `/${name}`;
      second = await openDatabase({ databaseUrl: url.toString() });
    }
    try {
      const made = await Promise.all([0, 1, 2].flatMap(() => [
        raiseDueReviews(server.ovi.services.db, server.ovi.services.store, NOW, 14),
        raiseDueReviews(second, new ResourceStore(second), NOW, 14),
      ]));
      expect(made.reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      if (second !== server.ovi.services.db) await second.close();
    }
    const queue = await get(social, '/api/guidance/queue');
    expect(queue.status).toBe(200);
    expect(queue.body.items.filter((i: any) => i.taskId === task.id)).toHaveLength(1);
    expect(await reviewTasks()).toHaveLength(1);
  });

  it('keeps every version; an edit from an old version is refused and changes nothing', async () => {
    const current = await get(social, `/api/care-plans/${planId}`);
    const body = planBody({ goals: [{ goal: goals[0], text: 'Haluan oman asunnon keväällä' }, { goal: goals[1], text: 'Jaksan käydä töissä' }] });
    const edited = await send(social, 'PUT', `/api/care-plans/${planId}`, body, { 'if-match': `W/"${current.body.versionId}"` });
    expect(edited.status).toBe(200);
    expect(edited.body.versionId).toBe('2');
    expect(edited.body.goals.map((g: any) => g.goal)).toEqual(goals);
    const stale = await send(social, 'PUT', `/api/care-plans/${planId}`, planBody({ title: 'Vanha' }), { 'if-match': 'W/"1"' });
    expect(stale.status).toBe(412);
    const history = await get(social, `/api/care-plans/${planId}/history`);
    expect(history.body.versions.map((v: any) => v.versionId)).toEqual(['2', '1']);
    const fhirHistory = await get(resident, `/fhir/R4/CarePlan/${planId}/_history`);
    expect(fhirHistory.body.total).toBe(2);
    expect((await get(social, `/api/care-plans/${planId}`)).body.title).toBe('Ainon yhteinen suunnitelma');
    // The same review dates: still the one Task.
    expect(await reviewTasks()).toHaveLength(1);
  });

  it('shows the latest need assessment of each participant, to those who may see its register', async () => {
    const assessment = (at: string, urgency: string) => ({
      resourceType: 'Observation', status: 'final', meta: { security: [{ system: SYSTEMS.register, code: 'health' }] },
      code: { coding: [{ system: SYSTEMS.needAssessment, code: 'care-need-assessment' }] },
      subject: { reference: PATIENT }, effectiveDateTime: at, performer: [{ reference: PHYSICIAN }],
      valueCodeableConcept: { coding: [{ system: SYSTEMS.urgency, code: urgency }] },
    });
    await server.ovi.services.store.create(assessment('2026-11-20T10:00:00+02:00', 'urgent') as any);
    const latest = await server.ovi.services.store.create(assessment('2026-11-24T10:00:00+02:00', 'non-urgent') as any);
    const seen = await get(physician, `/api/care-plans/${planId}`);
    expect(seen.body.assessments).toEqual([expect.objectContaining({ reference: `Observation/${latest.id}`, by: PHYSICIAN, register: 'health', summary: 'care-need-assessment: non-urgent' })]);
    expect((await get(resident, `/api/care-plans/${planId}`)).body.assessments).toHaveLength(1);
    // The social instructor has no health licence and no consent: the assessment is left out.
    const social_ = await get(social, `/api/care-plans/${planId}`);
    expect(social_.body.assessments).toEqual([]);
    expect(social_.body.activities.map((a: any) => a.index)).toEqual([0, 1, 3]);
  });

  it('enforces the client’s consent: the other register only with it, outside participants their actions and the goals, withdrawal at once', async () => {
    // A health professional in the team without consent: nothing of the social-welfare register.
    const health = await get(physician, `/api/care-plans/${planId}`);
    expect(health.status).toBe(200);
    expect(health.body.activities.map((a: any) => a.index)).toEqual([0, 2, 3]);
    expect(health.body.limited).toBe('register');
    expect((await get(physician, `/fhir/R4/CarePlan/${planId}`)).status).toBe(403);
    // Outside the region without consent: nothing at all.
    expect((await get(kela, `/api/care-plans/${planId}`)).status).toBe(403);
    expect((await get(kela, `/fhir/R4/CarePlan/${planId}`)).status).toBe(403);
    // A professional with no part in the plan and no relationship: refused.
    expect((await get(physio, `/api/care-plans/${planId}`)).status).toBe(403);
    expect((await get(physio, `/api/care-plans?patient=${PATIENT}`)).status).toBe(403);
    // Nor whether another client has a plan at all.
    expect((await get(physio, `/api/care-plans?patient=${DEMO_IDS.representedPatient}`)).status).toBe(403);

    const toKela = await send(resident, 'POST', '/fhir/R4/Consent', consentFor([OUTSIDE_IDS.kela]), { 'content-type': 'application/fhir+json' });
    expect(toKela.status).toBe(201);
    const outside = await get(kela, `/api/care-plans/${planId}`);
    expect(outside.status).toBe(200);
    expect(outside.body.goals).toHaveLength(2);
    expect(outside.body.activities.map((a: any) => a.owner)).toEqual([OUTSIDE_IDS.kelaWorker]);
    expect(outside.body.assessments).toEqual([]);
    expect(outside.body.comments).toEqual([]);
    expect(outside.body.team.map((m: any) => m.member).sort()).toEqual([OUTSIDE_IDS.kelaWorker, SOCIAL].sort());
    // Consent to the plan's organisations never becomes a consent to everyone: the raw record stays closed.
    expect((await get(kela, `/fhir/R4/CarePlan/${planId}`)).status).toBe(403);

    const toStation = await send(resident, 'POST', '/fhir/R4/Consent', consentFor([STATION], ['social']), { 'content-type': 'application/fhir+json' });
    expect(toStation.status).toBe(201);
    expect((await get(physician, `/api/care-plans/${planId}`)).body.activities.map((a: any) => a.index)).toEqual([0, 1, 2, 3]);

    // Withdrawn: the very next request sees it.
    for (const consent of [toKela.body, toStation.body]) {
      const off = await send(resident, 'PUT', `/fhir/R4/Consent/${consent.id}`, { ...consent, status: 'inactive' }, { 'content-type': 'application/fhir+json' });
      expect(off.status).toBe(200);
    }
    expect((await get(kela, `/api/care-plans/${planId}`)).status).toBe(403);
    expect((await get(physician, `/api/care-plans/${planId}`)).body.activities.map((a: any) => a.index)).toEqual([0, 2, 3]);
    // Each refusal is in the audit trail.
    const refusals = await server.ovi.services.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' <> '0' AND content::text LIKE $1 AND content::text LIKE $2`,
      [`%CarePlan/${planId}%`, `%${OUTSIDE_IDS.kelaWorker}%`],
    );
    expect(Number(refusals.rows[0]!.n)).toBeGreaterThanOrEqual(2);
  });

  it('lets the client mark their own action done and comment, but not another’s; an outside owner marks theirs', async () => {
    const done = await send(resident, 'POST', `/api/care-plans/${planId}/activities/0/status`, { status: 'completed' });
    expect(done.status).toBe(200);
    expect(done.body.activities[0].status).toBe('completed');
    expect((await send(resident, 'POST', `/api/care-plans/${planId}/activities/1/status`, { status: 'completed' })).status).toBe(403);
    const comment = await send(resident, 'POST', `/api/care-plans/${planId}/comments`, { text: 'Hakemus on lähetetty.' });
    expect(comment.status).toBe(201);
    expect(comment.body.comments.at(-1)).toMatchObject({ author: PATIENT, text: 'Hakemus on lähetetty.' });
    const list = await get(resident, '/api/care-plans');
    expect(list.body.plans.map((p: any) => p.id)).toEqual([planId]);
    const consent = await send(resident, 'POST', '/fhir/R4/Consent', consentFor([OUTSIDE_IDS.kela]), { 'content-type': 'application/fhir+json' });
    const kelaDone = await send(kela, 'POST', `/api/care-plans/${planId}/activities/3/status`, { status: 'completed' });
    expect(kelaDone.status).toBe(200);
    expect(kelaDone.body.activities).toEqual([expect.objectContaining({ index: 3, status: 'completed' })]);
    expect((await send(kela, 'POST', `/api/care-plans/${planId}/activities/0/status`, { status: 'not-started' })).status).toBe(403);
    expect((await send(kela, 'POST', `/api/care-plans/${planId}/comments`, { text: 'x' })).status).toBe(403);
    await send(resident, 'PUT', `/fhir/R4/Consent/${consent.body.id}`, { ...consent.body, status: 'inactive' }, { 'content-type': 'application/fhir+json' });
  });

  it('refuses bad input with a 4xx naming what is wrong, and changes nothing', async () => {
    const before = await countNonAudit(server);
    const version = (await get(social, `/api/care-plans/${planId}`)).body.versionId;
    const expectBad = async (r: { status: number; body: any }, status: number, expression?: string) => {
      expect(r.status).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
      if (expression) expect(r.body.issue.flatMap((i: any) => i.expression ?? [])).toContain(expression);
    };
    const unknownOwner = planBody({ activities: [{ description: 'x', owner: 'Practitioner/nobody', status: 'not-started' }] });
    await expectBad(await send(social, 'POST', '/api/care-plans', unknownOwner), 400, 'plan.activities[0].owner');
    await expectBad(await send(social, 'POST', '/api/care-plans', planBody({ activities: [{ description: 'x', owner: PATIENT, due: '2026-11-24', status: 'not-started' }] })), 400, 'plan.activities[0].due');
    await expectBad(await send(social, 'POST', '/api/care-plans', planBody({ team: [{ member: SOCIAL, organization: 'Organization/nowhere' }] })), 400, 'plan.team[0]');
    await expectBad(await send(social, 'POST', '/api/care-plans', planBody({ team: [{ member: SOCIAL, organization: OUTSIDE_IDS.kela }] })), 400, 'plan.team[0]');
    await expectBad(await send(social, 'POST', '/api/care-plans', planBody({ goals: 'asunto' })), 400, 'plan.goals');
    await expectBad(await send(social, 'POST', '/api/care-plans', planBody({ reviewDates: ['2026-02-30'] })), 400, 'plan.reviewDates[0]');
    await expectBad(await send(social, 'PUT', `/api/care-plans/${planId}`, planBody({ goals: [{ goal: 'Goal/of-another-client', text: 'x' }] })), 400, 'plan.goals[0].goal');
    await expectBad(await send(social, 'PUT', `/api/care-plans/${planId}`, planBody({ patient: 'Patient/someone-else' })), 400);
    await expectBad(await send(resident, 'POST', '/api/care-plans', planBody()), 403);
    await expectBad(await send(physio, 'POST', '/api/care-plans', planBody({ team: [{ member: DEMO_IDS.physiotherapist, organization: STATION }], responsibleWorker: DEMO_IDS.physiotherapist, activities: [] })), 403);
    await expectBad(await send(kela, 'PUT', `/api/care-plans/${planId}`, planBody()), 403);
    await expectBad(await send(resident, 'POST', `/api/care-plans/${planId}/activities/0/status`, { status: 'cancelled' }), 400);
    await expectBad(await send(resident, 'POST', `/api/care-plans/${planId}/activities/9/status`, { status: 'completed' }), 404);
    await expectBad(await send(resident, 'POST', `/api/care-plans/${planId}/comments`, { text: '' }), 400);
    await expectBad(await send(social, 'POST', `/api/care-plans/${planId}/outcome`, { goal: [{ code: goals[0], score: 9 }] }), 400, 'recording.goal[0].score');
    await expectBad(await send(social, 'POST', `/api/care-plans/${planId}/outcome`, { goal: [{ code: 'Goal/of-another-client', score: 1 }] }), 400, 'recording.goal[0].code');
    await expectBad(await send(social, 'POST', `/api/care-plans/${planId}/outcome`, { method: [{ code: 'astrology', score: 1 }] }), 400, 'recording.method[0].code');
    await expectBad(await get(social, '/api/care-plans/not%20an%20id'), 400);
    await expectBad(await get(social, '/api/care-plans/no-such-plan'), 404);
    expect(await countNonAudit(server)).toBe(before);
    expect((await get(social, `/api/care-plans/${planId}`)).body.versionId).toBe(version);
  });

  it('records AVAIN with the client at the plan and an evaluation, and shows the change; managers see groups under five hidden', async () => {
    const first = await send(social, 'POST', `/api/care-plans/${planId}/outcome`, {
      goal: [{ code: goals[0], score: 0 }, { code: goals[1], score: 1 }],
      factor: [{ code: 'housing', score: -2 }, { code: 'income', score: -1 }],
      service: [{ code: 'income-support', score: 2 }],
      method: [{ code: 'counselling', score: 2 }],
    });
    expect(first.status).toBe(201);
    const second = await send(social, 'POST', `/api/care-plans/${planId}/outcome`, {
      goal: [{ code: goals[0], score: 3 }, { code: goals[1], score: 1 }],
      factor: [{ code: 'housing', score: 1 }, { code: 'income', score: -1 }],
      service: [{ code: 'income-support', score: 3 }],
      method: [{ code: 'counselling', score: 3 }, { code: 'network-meeting', score: 2 }],
    });
    expect(second.status).toBe(201);
    const outcome = await get(resident, `/api/care-plans/${planId}/outcome`);
    expect(outcome.status).toBe(200);
    expect(outcome.body.recordings).toHaveLength(2);
    expect(outcome.body.change.goal.map((g: any) => [g.code, g.sinceFirst])).toEqual([[goals[0], 3], [goals[1], 0]]);
    expect(outcome.body.change.factor.find((f: any) => f.code === 'housing')).toMatchObject({ first: -2, latest: 1, sinceFirst: 3 });
    // The evaluation is social-welfare content: not for a health professional without consent.
    expect((await get(physician, `/api/care-plans/${planId}/outcome`)).status).toBe(403);
    expect((await send(physician, 'POST', `/api/care-plans/${planId}/outcome`, { goal: [{ code: goals[0], score: 1 }] })).status).toBe(403);
    const figures = await get(manager, '/api/care-plans/outcomes');
    expect(figures.status).toBe(200);
    expect(figures.body.services).toEqual([{ code: 'income-support', clients: null, meanChange: null }]);
    expect(JSON.stringify(figures.body)).not.toContain(PATIENT);
    expect((await get(social, '/api/care-plans/outcomes')).status).toBe(403);
  });
});

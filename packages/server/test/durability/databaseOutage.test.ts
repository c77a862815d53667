import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACK_PAIN, contactBody } from '../api/backends';
import { startOviProcess, type CallResult, type OviProcess } from '../support/oviProcess';
import { createPostgresCluster, type PostgresCluster } from '../support/postgresCluster';
import { allZero, checkStore, pgQuery, sleep } from './storeChecks';

/**
 * The PostgreSQL server goes away under a running Ovi (pg_ctl stop -m immediate, like a crash)
 * and comes back on the same port and data. While it is away Ovi answers 503 with an
 * OperationOutcome, quickly; when it is back the same Ovi process serves again by itself.
 */
const MAX_ANSWER_MS = 10_000;
const RECOVERY_MS = 10_000;
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const PHYSIO = { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physiotherapist' }] };

describe('Ovi when its PostgreSQL server goes down and comes back', () => {
  let cluster: PostgresCluster;
  let ovi: OviProcess;
  let resident: { token: string; fhirUser: string };
  let admin: { token: string; fhirUser: string };
  let guidance: { token: string; fhirUser: string };
  const before: Record<string, any> = {};

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    ovi = await startOviProcess({ databaseUrl: cluster.url, name: 'ovi-outage' });
    resident = await ovi.login('resident');
    admin = await ovi.login('admin');
    guidance = await ovi.login('guidance');
    const contact = await ovi.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(contact.status).toBe(201);
    before.QuestionnaireResponse = contact.body;
    before.Task = (await ovi.call('GET', `/fhir/R4/${contact.headers.get('x-ovi-task')}`, { token: resident.token })).body;
    const organization = await ovi.call('POST', '/fhir/R4/Organization', { token: admin.token, body: { resourceType: 'Organization', name: 'Ennen katkoa', active: true } });
    expect(organization.status).toBe(201);
    before.Organization = organization.body;
  }, 110_000);

  afterAll(async () => {
    await ovi?.stop();
    await cluster?.destroy();
  });

  /** Authenticated reads and writes that all need the database. */
  const databaseRequests = (): Array<[string, () => Promise<CallResult>]> => [
    ['POST /auth/login', () => ovi.call('POST', '/auth/login', { body: { username: 'resident', password: 'demo' }, headers: { 'content-type': 'application/json' }, timeoutMs: MAX_ANSWER_MS + 5_000 })],
    ['GET Task (resident)', () => ovi.call('GET', `/fhir/R4/Task/${before.Task.id}`, { token: resident.token, timeoutMs: MAX_ANSWER_MS + 5_000 })],
    ['GET Task search (resident)', () => ovi.call('GET', `/fhir/R4/Task?patient=${resident.fhirUser}`, { token: resident.token, timeoutMs: MAX_ANSWER_MS + 5_000 })],
    ['GET Organization (admin)', () => ovi.call('GET', `/fhir/R4/Organization/${before.Organization.id}`, { token: admin.token, timeoutMs: MAX_ANSWER_MS + 5_000 })],
    ['GET guidance queue', () => ovi.call('GET', '/api/guidance/queue', { token: guidance.token, timeoutMs: MAX_ANSWER_MS + 5_000 })],
    ['POST QuestionnaireResponse (resident)', () => ovi.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN), timeoutMs: MAX_ANSWER_MS + 5_000 })],
    ['POST Organization (admin)', () => ovi.call('POST', '/fhir/R4/Organization', { token: admin.token, body: { resourceType: 'Organization', name: 'Katkon aikana' }, timeoutMs: MAX_ANSWER_MS + 5_000 })],
    [
      'POST Appointment/$find (guidance)',
      () =>
        ovi.call('POST', '/fhir/R4/Appointment/$find', {
          token: guidance.token,
          body: params({ name: 'end', valueDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString() }, { name: 'specialty', valueCodeableConcept: PHYSIO }, { name: 'patient', valueReference: { reference: resident.fhirUser } }),
          timeoutMs: MAX_ANSWER_MS + 5_000,
        }),
    ],
  ];

  const describeAnswer = (name: string, r: CallResult) => `${name}: ${r.status} in ${Math.round(r.ms)} ms ${r.error ?? JSON.stringify(r.body)?.slice(0, 300)}`;

  it('answers 503 with an OperationOutcome, within 10 s, while the database is down', async () => {
    await cluster.stop('immediate');
    const wrong: string[] = [];
    // Twice: the first round meets the pool's old connections, the second needs new ones.
    for (let round = 1; round <= 2; round++) {
      const health = await ovi.call('GET', '/healthz', { timeoutMs: MAX_ANSWER_MS + 5_000 });
      if (health.status !== 503 || health.ms > MAX_ANSWER_MS) wrong.push(`round ${round} ${describeAnswer('GET /healthz', health)}`);
      for (const [name, request] of databaseRequests()) {
        const r = await request();
        if (r.status !== 503 || r.body?.resourceType !== 'OperationOutcome' || r.ms > MAX_ANSWER_MS) wrong.push(`round ${round} ${describeAnswer(name, r)}`);
      }
    }
    // And all at once.
    const together = await Promise.all(databaseRequests().map(async ([name, request]) => [name, await request()] as const));
    for (const [name, r] of together) if (r.status !== 503 || r.body?.resourceType !== 'OperationOutcome' || r.ms > MAX_ANSWER_MS) wrong.push(`parallel ${describeAnswer(name, r)}`);
    expect(wrong, wrong.join('\n')).toEqual([]);
    expect(ovi.exit, ovi.output()).toBeUndefined();
  }, 100_000);

  it('recovers by itself within 10 s of the database coming back, with the data intact', async () => {
    if (cluster.running) await cluster.stop('immediate');
    await cluster.start();
    const backAt = Date.now();
    let last: CallResult | undefined;
    while (Date.now() - backAt < RECOVERY_MS + 5_000) {
      last = await ovi.call('GET', `/fhir/R4/Task/${before.Task.id}`, { token: resident.token, timeoutMs: 5_000 });
      if (last.status === 200) break;
      await sleep(200);
    }
    const recoveredMs = Date.now() - backAt;
    console.log(`[outage] Ovi served again ${recoveredMs} ms after PostgreSQL was back`);
    expect(last?.status, last && describeAnswer('GET Task', last)).toBe(200);
    expect(recoveredMs).toBeLessThanOrEqual(RECOVERY_MS);
    expect(ovi.exit, 'the same process serves again').toBeUndefined();

    // Everything works again, in the same process.
    expect((await ovi.call('GET', '/healthz')).status).toBe(200);
    const wrong: string[] = [];
    for (const [name, request] of databaseRequests()) {
      const r = await request();
      if (r.status !== 200 && r.status !== 201) wrong.push(describeAnswer(name, r));
    }
    expect(wrong, wrong.join('\n')).toEqual([]);

    // Data from before the outage is intact.
    for (const type of ['QuestionnaireResponse', 'Task', 'Organization'] as const) {
      const token = type === 'Organization' ? admin.token : resident.token;
      const r = await ovi.call('GET', `/fhir/R4/${type}/${before[type].id}`, { token });
      expect(r.status).toBe(200);
      expect(r.body, type).toEqual(before[type]);
    }
    expect((await ovi.call('GET', '/auth/me', { token: resident.token })).status).toBe(200);
  }, 100_000);

  it('a write load cut by the outage gets only 201 or 503, and every 201 survives it', async () => {
    const acknowledged = new Map<string, string>();
    const wrong: string[] = [];
    let unavailable = 0;
    let outageOver = false;
    const started = Date.now();
    const client = async () => {
      for (let i = 0; i < 2_000 && !outageOver && Date.now() - started < 30_000; i++) {
        const r = await ovi.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN), timeoutMs: MAX_ANSWER_MS + 5_000 });
        if (r.status === 201) acknowledged.set(r.body.id, r.headers.get('x-ovi-task') ?? '');
        else if (r.status !== 503 || r.body?.resourceType !== 'OperationOutcome' || r.ms > MAX_ANSWER_MS) {
          wrong.push(describeAnswer('POST QuestionnaireResponse', r));
          if (ovi.exit) return; // the server is gone: no point in asking again
          await sleep(50);
        } else {
          unavailable++;
          await sleep(50);
        }
      }
    };
    const clients = Promise.all(Array.from({ length: 6 }, () => client()));
    await sleep(800);
    const beforeStop = acknowledged.size;
    await cluster.stop('immediate');
    await sleep(1_500);
    await cluster.start();
    // Let the clients see the recovery, then stop them.
    const backAt = Date.now();
    const sizeAtRestart = acknowledged.size;
    while (!ovi.exit && acknowledged.size < sizeAtRestart + 5 && Date.now() - backAt < RECOVERY_MS + 5_000) await sleep(50);
    outageOver = true;
    await clients;
    console.log(`[outage] write load: ${beforeStop} acknowledged before the stop, ${acknowledged.size} in all, ${unavailable} answered 503, ${wrong.length} wrong answers`);
    expect(ovi.exit, `Ovi ended during the outage (${JSON.stringify(ovi.exit)}); answers:\n${wrong.slice(0, 8).join('\n')}\nits last output:\n${ovi.output().slice(-4000)}`).toBeUndefined();
    expect(wrong, wrong.slice(0, 10).join('\n')).toEqual([]);
    expect(beforeStop).toBeGreaterThan(0);
    expect(unavailable, 'the outage should meet the load').toBeGreaterThan(0);
    expect(acknowledged.size, 'writes are acknowledged again after the outage').toBeGreaterThanOrEqual(sizeAtRestart + 5);

    const lost: string[] = [];
    for (const [id, taskRef] of acknowledged) {
      const qr = await ovi.call('GET', `/fhir/R4/QuestionnaireResponse/${id}`, { token: resident.token });
      const task = await ovi.call('GET', `/fhir/R4/${taskRef}`, { token: resident.token });
      if (qr.status !== 200 || task.status !== 200) lost.push(`QuestionnaireResponse/${id} ${qr.status}, ${taskRef} ${task.status}`);
    }
    expect(lost, lost.slice(0, 10).join('\n')).toEqual([]);
    const counts = await checkStore(pgQuery(cluster.url));
    expect(counts).toEqual(allZero(counts));
    expect(ovi.exit, ovi.output()).toBeUndefined();
  }, 100_000);
});

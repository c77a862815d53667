import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BACK_PAIN, contactBody } from '../api/backends';
import { startOviProcess, type OviProcess } from '../support/oviProcess';
import { allZero, checkStore, countsByType, freshDatabase, pgQuery, type Query } from './storeChecks';

/**
 * Two Ovi server processes (main.ts, as in production) on ONE PostgreSQL database: the server
 * keeps no state of its own, so either process serves any request and they never double-book.
 */
const PHYSIO = { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physiotherapist' }] };
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const proposals = (bundle: any): any[] => (bundle?.entry ?? []).map((e: any) => e.resource).filter((r: any) => r.resourceType === 'Appointment');

interface Snapshot {
  counts: Record<string, number>;
  accounts: Array<{ username: string; password_hash: string }>;
  settings: Array<{ name: string; version: number }>;
  lastWrite: string;
}

async function snapshot(query: Query): Promise<Snapshot> {
  return {
    counts: await countsByType(query),
    // A re-seed would re-hash every demo password (new salt) and bump settings.
    accounts: (await query('SELECT username, password_hash FROM app_user ORDER BY username')).rows,
    settings: (await query('SELECT name, version FROM app_setting ORDER BY name')).rows,
    lastWrite: String((await query("SELECT max(last_updated)::text AS t FROM resource WHERE resource_type <> 'AuditEvent'")).rows[0]?.t),
  };
}

describe('two Ovi processes on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let query: Query;
  let a: OviProcess;
  let b: OviProcess;
  let seededByOne: Snapshot;
  let afterSecondStart: Snapshot;

  beforeAll(async () => {
    database = await freshDatabase(inject('postgresUrl'));
    query = pgQuery(database.url);
    a = await startOviProcess({ databaseUrl: database.url, name: 'ovi-A' });
    seededByOne = await snapshot(query);
    b = await startOviProcess({ databaseUrl: database.url, name: 'ovi-B' });
    afterSecondStart = await snapshot(query);
  }, 110_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('the second process finds the demo region and does not seed it again', () => {
    expect(seededByOne.counts.Patient).toBeGreaterThan(0);
    expect(seededByOne.counts.QuestionnaireResponse).toBeGreaterThan(0);
    expect(afterSecondStart).toEqual(seededByOne);
  });

  it('a token issued by one process is accepted by the other, both ways', async () => {
    const fromA = await a.login('resident');
    const fromB = await b.login('guidance');
    const meOnB = await b.call('GET', '/auth/me', { token: fromA.token });
    expect(meOnB.status, JSON.stringify(meOnB.body)).toBe(200);
    expect(meOnB.body).toMatchObject({ username: 'resident', fhirUser: fromA.fhirUser });
    const meOnA = await a.call('GET', '/auth/me', { token: fromB.token });
    expect(meOnA.status, JSON.stringify(meOnA.body)).toBe(200);
    expect(meOnA.body).toMatchObject({ username: 'guidance', fhirUser: fromB.fhirUser });
    // And the check is real: a token with a changed signature is refused by both.
    const forged = `${fromA.token.slice(0, -4)}${fromA.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await a.call('GET', '/auth/me', { token: forged })).status).toBe(401);
    expect((await b.call('GET', '/auth/me', { token: forged })).status).toBe(401);
  });

  it('a contact written through one process is read, with its Task, through the other', async () => {
    const resident = await a.login('resident');
    const sent = await a.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const taskRef = sent.headers.get('x-ovi-task') ?? '';
    expect(taskRef).toMatch(/^Task\/.+/);

    const task = await b.call('GET', `/fhir/R4/${taskRef}`, { token: resident.token });
    expect(task.status, JSON.stringify(task.body)).toBe(200);
    expect(task.body.focus.reference).toBe(`QuestionnaireResponse/${sent.body.id}`);
    expect(task.body.for.reference).toBe(resident.fhirUser);
    const response = await b.call('GET', `/fhir/R4/QuestionnaireResponse/${sent.body.id}`, { token: resident.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(sent.body);
    const listed = await b.call('GET', `/fhir/R4/Task?patient=${resident.fhirUser}&_sort=-_lastUpdated`, { token: resident.token });
    expect(listed.status).toBe(200);
    expect(listed.body.entry.map((e: any) => `Task/${e.resource.id}`)).toContain(taskRef);
  });

  it('a booking race across both processes gives exactly one 201 and one 409, every time', async () => {
    const guidanceA = await a.login('guidance');
    const guidanceB = await b.login('guidance');
    const resident = await a.login('resident');
    // An open contact gives the guidance nurse the care relationship needed to book for the resident.
    const contact = await b.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(contact.status).toBe(201);

    const found = await a.call('POST', '/fhir/R4/Appointment/$find', {
      token: guidanceA.token,
      body: params(
        { name: 'start', valueDateTime: inDays(2) },
        { name: 'end', valueDateTime: inDays(21) },
        { name: 'specialty', valueCodeableConcept: PHYSIO },
        { name: 'patient', valueReference: { reference: resident.fhirUser } },
      ),
    });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const offered = proposals(found.body);
    expect(offered.length).toBeGreaterThanOrEqual(4);

    for (const appointment of offered.slice(0, 4)) {
      const slot = appointment.slot[0].reference as string;
      // Two of the proposals may start at once with different professionals: the overlap is meant here.
      const body = params({ name: 'appointment', resource: appointment }, { name: 'allowOverlap', valueBoolean: true });
      const results = await Promise.all([
        a.call('POST', '/fhir/R4/Appointment/$book', { token: guidanceA.token, body }),
        b.call('POST', '/fhir/R4/Appointment/$book', { token: guidanceB.token, body }),
      ]);
      const statuses = results.map((r) => r.status);
      expect([...statuses].sort(), `${slot}: A ${statuses[0]} ${JSON.stringify(results[0]?.body)}; B ${statuses[1]} ${JSON.stringify(results[1]?.body)}`).toEqual([201, 409]);
      const loser = results.find((r) => r.status === 409);
      expect(loser?.body.resourceType).toBe('OperationOutcome');

      // The database agrees: one booked Appointment for the slot, the slot busy in resource and projection.
      const booked = await query(
        `SELECT id FROM resource WHERE resource_type = 'Appointment' AND content->'slot'->0->>'reference' = $1 AND content->>'status' = 'booked'`,
        [slot],
      );
      expect(booked.rows.map((r) => r.id)).toEqual([results.find((r) => r.status === 201)?.body.id]);
      const slotRow = await query(
        `SELECT r.content->>'status' AS status, a.status AS projected FROM resource r JOIN slot_availability a ON a.slot_id = r.id WHERE r.resource_type = 'Slot' AND r.id = $1`,
        [slot.replace('Slot/', '')],
      );
      expect(slotRow.rows).toEqual([{ status: 'busy', projected: 'busy' }]);
      // Neither process offers it any more.
      for (const server of [a, b]) {
        const again = await server.call('POST', '/fhir/R4/Appointment/$find', {
          token: guidanceA.token,
          body: params({ name: 'start', valueDateTime: inDays(2) }, { name: 'end', valueDateTime: inDays(21) }, { name: 'specialty', valueCodeableConcept: PHYSIO }, { name: 'patient', valueReference: { reference: resident.fhirUser } }, { name: 'count', valueInteger: 20 }),
        });
        expect(proposals(again.body).map((p) => p.slot[0].reference)).not.toContain(slot);
      }
    }
  });

  it('both processes show the same guidance queue, and a decision through one leaves it in both', async () => {
    const resident = await b.login('resident');
    const guidance = await a.login('guidance');
    const sent = await b.call('POST', '/fhir/R4/QuestionnaireResponse', { token: resident.token, body: contactBody(resident.fhirUser, BACK_PAIN) });
    expect(sent.status).toBe(201);
    const taskId = (sent.headers.get('x-ovi-task') ?? '').replace('Task/', '');

    const [queueA, queueB] = await Promise.all([a.call('GET', '/api/guidance/queue', { token: guidance.token }), b.call('GET', '/api/guidance/queue', { token: guidance.token })]);
    expect(queueA.status).toBe(200);
    expect(queueB.status).toBe(200);
    // minutesLeft counts down with the clock; everything else must be identical.
    const withoutClock = (body: any) => body.items.map(({ minutesLeft: _m, ...rest }: any) => rest);
    expect(withoutClock(queueB.body)).toEqual(withoutClock(queueA.body));
    queueA.body.items.forEach((item: any, i: number) => expect(Math.abs(item.minutesLeft - queueB.body.items[i].minutesLeft)).toBeLessThanOrEqual(1));
    expect(queueA.body.items.map((i: any) => i.taskId)).toContain(taskId);

    const resolved = await b.call('POST', `/fhir/R4/Task/${taskId}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'self-care' }, { name: 'note', valueString: 'Kotihoito-ohjeet lähetetty.' }),
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    for (const server of [a, b]) {
      const queue = await server.call('GET', '/api/guidance/queue', { token: guidance.token });
      expect(queue.body.items.map((i: any) => i.taskId)).not.toContain(taskId);
    }
    // Resolving again through the other process is refused: the state is shared.
    const again = await a.call('POST', `/fhir/R4/Task/${taskId}/$resolve`, {
      token: guidance.token,
      body: params({ name: 'outcome', valueCode: 'solved' }, { name: 'note', valueString: 'Uudestaan.' }),
    });
    expect(again.status).toBe(409);
  });

  it('leaves the store whole after all of it', async () => {
    const counts = await checkStore(query);
    expect(counts).toEqual(allZero(counts));
  });

  it('processes started at the same moment on an empty database all start and seed it exactly once', async () => {
    // Three processes, up to three rounds: the window between "is the database empty?" and the
    // seed's commit is short, so one round alone does not always meet it.
    for (let round = 1; round <= 3; round++) {
      const empty = await freshDatabase(inject('postgresUrl'));
      const started: OviProcess[] = [];
      try {
        const results = await Promise.allSettled([
          startOviProcess({ databaseUrl: empty.url, name: `ovi-C${round}` }),
          startOviProcess({ databaseUrl: empty.url, name: `ovi-D${round}` }),
          startOviProcess({ databaseUrl: empty.url, name: `ovi-E${round}` }),
        ]);
        for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
        const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason).slice(0, 3000));
        expect(failures, `round ${round}: ${failures.join('\n\n')}`).toEqual([]);
        const both = await snapshot(pgQuery(empty.url));
        // The slots are made from the moment of seeding on, so a quarter hour that passed since the
        // first seed takes its times away (CI failed on 9 of 3 811 at 11.30): every other count must
        // match exactly, and the slots within a tenth.
        const { Slot: slots, ...rest } = both.counts;
        const { Slot: slotsByOne, ...restByOne } = seededByOne.counts;
        expect(rest, `round ${round}`).toEqual(restByOne);
        expect(Math.abs((slots ?? 0) - (slotsByOne ?? 0)), `round ${round}: ${slots} slots, ${slotsByOne} by one`).toBeLessThan((slotsByOne ?? 0) * 0.1);
        expect(both.accounts.map((r) => r.username)).toEqual(seededByOne.accounts.map((r) => r.username));
        // Both serve the one demo region.
        for (const server of started) {
          const resident = await server.login('resident');
          expect((await server.call('GET', `/fhir/R4/Task?patient=${resident.fhirUser}`, { token: resident.token })).status).toBe(200);
        }
        const counts = await checkStore(pgQuery(empty.url));
        expect(counts).toEqual(allZero(counts));
      } finally {
        await Promise.all(started.map((s) => s.stop()));
        await empty.drop();
      }
    }
  }, 110_000);
});

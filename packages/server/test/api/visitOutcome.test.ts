import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, countNonAudit, startOn } from './backends';

const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const outcome = (code: string, reason?: string) => params({ name: 'outcome', valueCode: code }, ...(reason !== undefined ? [{ name: 'reason', valueString: reason }] : []));
type Session = { token: string; fhirUser: string };
const KOKKOLA = 'Location/loc-station-kokkola';
const KANNUS = 'Location/loc-station-kannus';

describe.each(BACKENDS)('recording how a visit went on %s', (backend) => {
  let server: TestServer;
  let physician: Session;
  let physio: Session;
  let guidance: Session;
  /** Clients with whom the physician has nothing but the visits made here. */
  let clients: string[];

  /** A booked visit of the physician with a client, `minutes` from now (negative: begun). */
  const visit = async (client: string, minutes: number, location = KANNUS): Promise<string> => {
    const start = new Date(Date.now() + minutes * 60_000);
    const id = randomUUID();
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Appointment',
        id,
        status: 'booked',
        start: start.toISOString(),
        end: new Date(start.getTime() + 30 * 60_000).toISOString(),
        meta: { security: [{ system: 'https://fhir.ovi.fi/CodeSystem/register', code: 'health' }] },
        participant: [
          { actor: { reference: client }, status: 'accepted' },
          { actor: { reference: physician.fhirUser, display: 'Mikko Rautio' }, status: 'accepted' },
          { actor: { reference: location }, status: 'accepted' },
        ],
      } as any,
    ]);
    return id;
  };
  const mark = (session: Session, id: string, body: unknown, headers: Record<string, string> = {}) =>
    server.call('POST', `/fhir/R4/Appointment/${id}/$outcome`, { token: session.token, body, headers });
  const refusals = async (user: string, id: string) =>
    Number(
      (
      await server.ovi.services.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' = '4'
           AND content->'agent'->0->'who'->>'reference' = $1 AND content->'entity' @> $2::jsonb`,
        [user, JSON.stringify([{ what: { reference: `Appointment/${id}` } }])],
      )
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    server = await startOn(backend);
    physician = await server.login('physician');
    physio = await server.login('physio');
    guidance = await server.login('guidance');
    const r = await server.ovi.services.db.query<{ id: string }>(
      `SELECT p.id FROM resource p WHERE p.resource_type = 'Patient' AND p.content->>'birthDate' < '2000-01-01'
          AND NOT EXISTS (SELECT 1 FROM search_token t WHERE t.resource_type IN ('Task', 'Appointment', 'CareTeam') AND t.param = 'patient' AND t.value = 'Patient/' || p.id)
        ORDER BY p.id LIMIT 3`,
    );
    clients = r.rows.map((row) => `Patient/${row.id}`);
    expect(clients.length).toBe(3);
  });
  afterAll(async () => server?.close());

  it('refuses realised and not-come before the start, records realised after it once, and refuses another outcome then', async () => {
    const early = await visit(clients[0]!, 60);
    for (const code of ['fulfilled', 'noshow']) {
      const r = await mark(physician, early, outcome(code));
      expect(r.status).toBe(409);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect(await refusals(physician.fhirUser, early)).toBe(2);
    expect((await server.call('GET', `/fhir/R4/Appointment/${early}`, { token: physician.token })).body.status).toBe('booked');

    const begun = await visit(clients[0]!, -10);
    const first = await mark(physician, begun, outcome('fulfilled'));
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('fulfilled');
    expect(first.body.extension).toEqual(expect.arrayContaining([expect.objectContaining({ url: 'https://fhir.ovi.fi/StructureDefinition/visit-outcome-recorded-by', valueReference: expect.objectContaining({ reference: physician.fhirUser }) })]));
    // A second click changes nothing; a different outcome is a conflict.
    const again = await mark(physician, begun, outcome('fulfilled'));
    expect(again.status).toBe(200);
    expect(again.body.meta.versionId).toBe(first.body.meta.versionId);
    expect((await mark(physician, begun, outcome('noshow'))).status).toBe(409);
    // Audited as an operation on the visit, naming the client.
    const audits = await server.ovi.services.db.query<{ content: any }>(
      `SELECT content FROM resource WHERE resource_type = 'AuditEvent' AND content->>'outcome' = '0' AND content->>'outcomeDesc' LIKE '$outcome fulfilled%' AND content->'entity' @> $1::jsonb`,
      [JSON.stringify([{ what: { reference: `Appointment/${begun}` } }])],
    );
    expect(audits.rows.length).toBe(2);
    expect(audits.rows[0]?.content.entity.some((e: any) => e.what?.reference === clients[0])).toBe(true);
  });

  it('refuses a stale version (If-Match) and anyone who is not of the visit or its unit; a unit colleague may record', async () => {
    const id = await visit(clients[1]!, -5);
    expect((await mark(physician, id, outcome('noshow'), { 'If-Match': 'W/"7"' })).status).toBe(412);
    // The physiotherapist works in Kokkola; this visit is in Kannus.
    const other = await mark(physio, id, outcome('noshow'));
    expect(other.status).toBe(403);
    expect(await refusals(physio.fhirUser, id)).toBe(1);
    const resident = await server.login('resident');
    expect((await mark(resident, id, outcome('noshow'))).status).toBe(403);

    // The guidance nurse works at the Kokkola station: a visit there may be recorded by her, on a
    // recorded reason when she has no relationship with the client (flagged).
    const atKokkola = await visit(clients[2]!, -5, KOKKOLA);
    expect((await mark(guidance, atKokkola, outcome('noshow'))).status).toBe(403);
    const byColleague = await mark(guidance, atKokkola, outcome('noshow', 'Ei vastannut soittoon'), { 'X-Access-Reason': encodeURIComponent('Yksikön vastaanoton kirjaus') });
    expect(byColleague.status).toBe(200);
    expect(byColleague.body.status).toBe('noshow');
    expect(byColleague.body.cancelationReason.text).toBe('Ei vastannut soittoon');
  });

  it('a visit the client did not come to keeps the physician in their care; a cancelled one does not', async () => {
    const id = await visit(clients[1]!, -15);
    expect((await mark(physician, id, outcome('noshow'), { 'If-Match': 'W/"1"' })).status).toBe(200);
    expect((await server.call('GET', `/fhir/R4/${clients[1]}`, { token: physician.token })).status).toBe(200);

    const cancelled = await visit(clients[0]!, 120);
    // …the first client's relationship still comes from the realised visit; a fresh client has only this one.
    const lone = await server.ovi.services.db.query<{ id: string }>(
      `SELECT p.id FROM resource p WHERE p.resource_type = 'Patient' AND p.content->>'birthDate' < '2000-01-01'
          AND NOT EXISTS (SELECT 1 FROM search_token t WHERE t.resource_type IN ('Task', 'Appointment', 'CareTeam') AND t.param = 'patient' AND t.value = 'Patient/' || p.id)
        ORDER BY p.id LIMIT 1`,
    );
    const fresh = `Patient/${lone.rows[0]?.id}`;
    const only = await visit(fresh, 120);
    expect((await server.call('GET', `/fhir/R4/${fresh}`, { token: physician.token })).status).toBe(200);
    expect((await mark(physician, only, outcome('cancelled'))).status).toBe(400);
    const done = await mark(physician, only, outcome('cancelled', 'Lääkäri sairastui'));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'cancelled', cancelationReason: { text: 'Lääkäri sairastui' } });
    expect((await server.call('GET', `/fhir/R4/${fresh}`, { token: physician.token })).status).toBe(403);
    expect((await server.call('GET', `/fhir/R4/Appointment/${cancelled}`, { token: physician.token })).body.status).toBe('booked');
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const id = await visit(clients[2]!, -5);
    const before = await countNonAudit(server);
    const bad: Array<[unknown, number]> = [
      [params(), 400],
      [outcome('booked'), 400],
      [outcome('FULFILLED'), 400],
      [params({ name: 'outcome', valueString: 'fulfilled' }), 400],
      [params({ name: 'outcome', valueCode: 'noshow' }, { name: 'reason', valueInteger: 3 }), 400],
      [params({ name: 'outcome', valueCode: 'noshow' }, { name: 'when', valueString: 'now' }), 400],
      [outcome('noshow', 'x'.repeat(501)), 400],
      [{ resourceType: 'Appointment', status: 'fulfilled' }, 400],
      ['fulfilled', 400],
    ];
    for (const [body, status] of bad) {
      const r = await mark(physician, id, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
    expect((await mark(physician, 'no-such-visit', outcome('fulfilled'))).status).toBe(404);
    expect((await mark(physician, 'bad$id', outcome('fulfilled'))).status).toBe(400);
    expect((await mark(physician, id, outcome('fulfilled'), { 'If-Match': 'soon' })).status).toBe(400);
    expect(await countNonAudit(server)).toBe(before);
    expect((await server.call('GET', `/fhir/R4/Appointment/${id}`, { token: physician.token })).body.status).toBe('booked');
  });
});

import { randomUUID } from 'node:crypto';
import type { Appointment, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEMS, clientContinuity } from '@ovi/domain';
import { startClockAt } from '../../src/time/clock';
import { DEMO_IDS } from '../../src/demo/demoRegion';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

/**
 * Continuity of care (decision 021) over hand-made visits in a unit of their own: realised
 * visits only (outcomes through `$outcome`), per unit and profession, in the chosen period,
 * small groups hidden.
 */
const helsinki = (local: string) => new Date(`${local}:00+02:00`);
const NOW = helsinki('2026-11-27T12:00');
const UNIT = 'Location/loc-test-coc';
const OTHER = 'Practitioner/test-coc-other';
const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });

describe.each(BACKENDS)('continuity of care on %s', (backend) => {
  let server: TestServer;
  let manager: string;
  let physician: string;

  /** A physician's visit at the test unit; `status` as stored (the demo physician's are then marked through `$outcome`). */
  async function visit(client: string, practitioner: string, start: Date, status: Appointment['status'] = 'booked'): Promise<string> {
    const id = randomUUID();
    await server.ovi.services.store.createMany([
      {
        resourceType: 'Appointment',
        id,
        status,
        created: new Date(start.getTime() - 7 * 86_400_000).toISOString(),
        start: start.toISOString(),
        end: new Date(start.getTime() + 30 * 60_000).toISOString(),
        specialty: [{ coding: [{ system: SYSTEMS.profession, code: 'physician' }] }],
        meta: { security: [{ system: 'https://fhir.ovi.fi/CodeSystem/register', code: 'health' }] },
        participant: [
          { actor: { reference: client }, status: 'accepted' },
          { actor: { reference: practitioner }, status: 'accepted' },
          { actor: { reference: UNIT }, status: 'accepted' },
        ],
      } as Appointment & { id: string },
    ]);
    return id;
  }

  /** Marks the outcome on the evening of the visit (the professional's relationship lasts 30 days after it). */
  const mark = async (id: string, code: string) => {
    const stored = await server.ovi.services.store.read<Appointment>('Appointment', id);
    startClockAt(new Date(new Date(stored.start as string).getTime() + 8 * 3_600_000));
    const r = await server.call('POST', `/fhir/R4/Appointment/${id}/$outcome`, {
      token: physician,
      body: params({ name: 'outcome', valueCode: code }, ...(code === 'cancelled' ? [{ name: 'reason', valueString: 'Sairastui' }] : [])),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  /** A client whose own doctor is the demo physician. */
  async function client(name: string): Promise<string> {
    await server.ovi.services.store.createMany([
      { resourceType: 'Patient', id: `test-coc-${name}`, name: [{ family: 'Jatkuvuus', given: [name] }], generalPractitioner: [{ reference: DEMO_IDS.physician }] } as Patient & { id: string },
    ]);
    return `Patient/test-coc-${name}`;
  }

  /** Three October visits with the own doctor (realised through `$outcome`) and one with another doctor. */
  async function threeAndOne(who: string, day: number): Promise<void> {
    const own = [];
    for (let i = 0; i < 3; i++) own.push(await visit(who, DEMO_IDS.physician, helsinki(`2026-10-${String(day + i).padStart(2, '0')}T09:00`)));
    await visit(who, OTHER, helsinki(`2026-10-${String(day + 3).padStart(2, '0')}T09:00`), 'fulfilled');
    for (const id of own) await mark(id, 'fulfilled');
    startClockAt(NOW);
  }

  const october = { start: helsinki('2026-10-01T00:00'), end: new Date('2026-10-31T22:00:00Z') };
  const report = async (query: string) => {
    const r = await server.call('GET', `/api/access/continuity?${query}`, { token: manager });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: NOW });
    manager = (await server.login('manager')).token;
    physician = (await server.login('physician')).token;
    await server.ovi.services.store.createMany([{ resourceType: 'Location', id: 'loc-test-coc', name: 'Jatkuvuusasema', status: 'active' }] as any);
  });
  afterAll(async () => server?.close());

  it('three visits to one doctor and one to another: UPC 0.75; cancelled and not-come visits left out; one client is hidden', async () => {
    const a = await client('a');
    await threeAndOne(a, 5);
    // Neither counts: a cancelled visit and one the client did not come to, both with the own doctor.
    const cancelled = await visit(a, DEMO_IDS.physician, helsinki('2026-10-20T09:00'));
    const noshow = await visit(a, DEMO_IDS.physician, helsinki('2026-10-21T09:00'));
    await mark(cancelled, 'cancelled');
    await mark(noshow, 'noshow');
    startClockAt(NOW);

    const { cells, groups } = await server.ovi.services.store.realisedVisitContinuity(october);
    expect(cells.filter((c) => c.unit === UNIT)).toEqual([{ unit: UNIT, profession: 'physician', visits: 4, sumOfSquares: 10, mostSeen: 3, clients: 1 }]);
    expect(clientContinuity([3, 1])).toEqual({ visits: 4, upc: 0.75, coci: 0.5 });
    expect(groups.filter((g) => g.unit === UNIT)).toEqual([{ unit: UNIT, profession: 'physician', listedVisits: 4, ownTeamVisits: 3, professionals: 2 }]);

    const body = await report('from=2026-10-01&to=2026-10-31');
    expect(body.period).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    expect(body.minVisits).toBe(2);
    const group = body.groups.find((g: any) => g.unit === UNIT);
    expect(group).toMatchObject({ unitName: 'Jatkuvuusasema', profession: 'physician', clients: null, visits: null, meanUpc: null, meanCoci: null, ownTeamShare: null, scope: 'team' });
  });

  it('six such clients show UPC 0.75 and COCI 0.5; one-visit clients are left out and counted; another period does not see them', async () => {
    for (const name of ['b', 'c', 'd', 'e', 'f']) await threeAndOne(await client(name), 10);
    // Seven clients with one visit each (left out of the means, counted), one on the last evening of October.
    for (const name of ['g', 'h', 'i', 'j', 'k', 'l']) await visit(await client(name), OTHER, helsinki('2026-10-15T09:00'), 'fulfilled');
    await visit(await client('m'), OTHER, helsinki('2026-10-31T23:30'), 'fulfilled');
    // In November (the next Helsinki day), so not October's.
    await visit(await client('n'), OTHER, helsinki('2026-11-01T00:00'), 'fulfilled');

    const group = (await report('from=2026-10-01&to=2026-10-31')).groups.find((g: any) => g.unit === UNIT);
    // Six clients (rounded to 5), 24 visits (25); own doctor 18 of 24 visits → 20 / 25 from rounded counts.
    expect(group).toMatchObject({ clients: 5, visits: 25, meanUpc: 0.75, meanCoci: 0.5, clientsWithFewerVisits: 5, ownTeamShare: 0.8, scope: 'team' });

    // November has one client with one visit: nothing to show.
    const november = (await report('from=2026-11-01&to=2026-11-30')).groups.find((g: any) => g.unit === UNIT);
    expect(november).toMatchObject({ clients: null, clientsWithFewerVisits: null, meanUpc: null });
    // A period before any of them has no group for the unit.
    expect((await report('from=2026-09-01&to=2026-09-30')).groups.find((g: any) => g.unit === UNIT)).toBeUndefined();
  });

  it('a team of the client’s own makes its members own and the client listed; a client with neither is not listed', async () => {
    // August only: no other test's visits. Neither client has an own professional (generalPractitioner).
    const third = 'Practitioner/test-coc-third';
    await server.ovi.services.store.createMany([
      { resourceType: 'Patient', id: 'test-coc-teamed', name: [{ family: 'Jatkuvuus', given: ['Tiimi'] }] },
      { resourceType: 'Patient', id: 'test-coc-alone', name: [{ family: 'Jatkuvuus', given: ['Yksin'] }] },
      {
        resourceType: 'CareTeam', id: 'test-coc-client-team', status: 'active', subject: { reference: 'Patient/test-coc-teamed' },
        participant: [{ member: { reference: OTHER } }],
      },
    ] as any);
    await visit('Patient/test-coc-teamed', OTHER, helsinki('2026-08-03T09:00'), 'fulfilled');
    await visit('Patient/test-coc-teamed', OTHER, helsinki('2026-08-10T09:00'), 'fulfilled');
    await visit('Patient/test-coc-teamed', third, helsinki('2026-08-17T09:00'), 'fulfilled');
    await visit('Patient/test-coc-alone', OTHER, helsinki('2026-08-04T09:00'), 'fulfilled');
    await visit('Patient/test-coc-alone', third, helsinki('2026-08-11T09:00'), 'fulfilled');

    const august = { start: helsinki('2026-08-01T00:00'), end: new Date('2026-08-31T21:00:00Z') };
    const { groups } = await server.ovi.services.store.realisedVisitContinuity(august);
    // The teamed client's three visits are listed, two of them with their team; the other's two are not listed.
    expect(groups.filter((g) => g.unit === UNIT)).toEqual([{ unit: UNIT, profession: 'physician', listedVisits: 3, ownTeamVisits: 2, professionals: 2 }]);
  });

  it('is for managers, and a bad period is refused', async () => {
    expect((await server.call('GET', '/api/access/continuity', { token: physician })).status).toBe(403);
    expect((await server.call('GET', '/api/access/continuity')).status).toBe(401);
    const bad = await server.call('GET', '/api/access/continuity?from=2026-10-31&to=2026-10-01', { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.body.resourceType).toBe('OperationOutcome');
    expect((await server.call('GET', '/api/access/continuity?period=this-month', { token: manager })).body.period).toMatchObject({ preset: 'this-month', from: '2026-11-01' });
  });
});

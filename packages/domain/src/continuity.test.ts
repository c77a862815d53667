import { describe, expect, it } from 'vitest';
import {
  MIN_VISITS_FOR_CONTINUITY,
  clientContinuity,
  continuityCells,
  publishedContinuityGroups,
  type ContinuityCell,
  type ContinuityGroupFacts,
  type ContinuityVisit,
} from './continuity';

describe('clientContinuity (hand-computed)', () => {
  it('one visit: undefined (COCI is 0/0), so the client is left out', () => {
    expect(MIN_VISITS_FOR_CONTINUITY).toBe(2);
    expect(clientContinuity([1])).toBeUndefined();
    expect(clientContinuity([])).toBeUndefined();
  });

  it('all visits with one professional: UPC 1 and COCI 1', () => {
    expect(clientContinuity([2])).toEqual({ visits: 2, upc: 1, coci: 1 });
    expect(clientContinuity([7])).toEqual({ visits: 7, upc: 1, coci: 1 });
  });

  it('every visit with a different professional: COCI 0, UPC 1/N', () => {
    expect(clientContinuity([1, 1])).toEqual({ visits: 2, upc: 0.5, coci: 0 });
    expect(clientContinuity([1, 1, 1, 1])).toEqual({ visits: 4, upc: 0.25, coci: 0 });
  });

  it('three visits to one doctor and one to another: UPC 3/4, COCI (9+1−4)/(4·3) = 1/2', () => {
    expect(clientContinuity([3, 1])).toEqual({ visits: 4, upc: 0.75, coci: 0.5 });
    expect(clientContinuity([1, 3])).toEqual({ visits: 4, upc: 0.75, coci: 0.5 });
  });

  it('mixes of N visits', () => {
    // N=3, 2+1: UPC 2/3, COCI (4+1−3)/6 = 1/3.
    const a = clientContinuity([2, 1]);
    expect(a?.upc).toBeCloseTo(2 / 3, 12);
    expect(a?.coci).toBeCloseTo(1 / 3, 12);
    // N=6, 3+2+1: UPC 1/2, COCI (9+4+1−6)/30 = 8/30.
    const b = clientContinuity([3, 2, 1]);
    expect(b?.upc).toBe(0.5);
    expect(b?.coci).toBeCloseTo(8 / 30, 12);
    // N=10, 5+5: UPC 1/2, COCI (25+25−10)/90 = 4/9.
    const c = clientContinuity([5, 5]);
    expect(c?.upc).toBe(0.5);
    expect(c?.coci).toBeCloseTo(4 / 9, 12);
    // N=5, 4+1: COCI (16+1−5)/20 = 0.6.
    expect(clientContinuity([4, 1])?.coci).toBeCloseTo(0.6, 12);
  });

  it('refuses counts that are not positive integers', () => {
    expect(() => clientContinuity([0, 2])).toThrow(RangeError);
    expect(() => clientContinuity([1.5])).toThrow(RangeError);
    expect(() => clientContinuity([-1, 3])).toThrow(RangeError);
  });
});

const T = (day: number) => new Date(Date.UTC(2026, 10, day, 10));
const WINDOW = { start: T(1), end: T(30) };
const visit = (client: string, practitioner: string, over: Partial<ContinuityVisit> = {}): ContinuityVisit => ({
  status: 'fulfilled',
  visitAt: T(10),
  client,
  practitioner,
  unit: 'Location/a',
  profession: 'physician',
  clientHasOwnTeam: true,
  withOwnTeam: practitioner === 'Practitioner/own',
  ...over,
});

describe('continuityCells', () => {
  it('counts only realised visits in the window, per unit, profession and client', () => {
    const { cells, groups } = continuityCells(
      [
        visit('Patient/1', 'Practitioner/own'),
        visit('Patient/1', 'Practitioner/own'),
        visit('Patient/1', 'Practitioner/own'),
        visit('Patient/1', 'Practitioner/other'),
        visit('Patient/1', 'Practitioner/other', { status: 'cancelled' }),
        visit('Patient/1', 'Practitioner/other', { status: 'noshow' }),
        visit('Patient/1', 'Practitioner/other', { visitAt: T(30) }),
        visit('Patient/1', 'Practitioner/other', { visitAt: new Date(T(1).getTime() - 1) }),
        visit('Patient/1', 'Practitioner/nurse', { profession: 'nurse' }),
        visit('Patient/2', 'Practitioner/other', { clientHasOwnTeam: false }),
        visit('Patient/2', 'Practitioner/other', { clientHasOwnTeam: false }),
      ],
      WINDOW,
    );
    expect(cells).toEqual([
      { unit: 'Location/a', profession: 'physician', visits: 4, sumOfSquares: 10, mostSeen: 3, clients: 1 },
      { unit: 'Location/a', profession: 'nurse', visits: 1, sumOfSquares: 1, mostSeen: 1, clients: 1 },
      { unit: 'Location/a', profession: 'physician', visits: 2, sumOfSquares: 4, mostSeen: 2, clients: 1 },
    ]);
    // Patient/2 has no own team: outside the own-team share; the nurse visit's client has one visit.
    expect(groups).toEqual([
      { unit: 'Location/a', profession: 'physician', listedVisits: 4, ownTeamVisits: 3, professionals: 2 },
      { unit: 'Location/a', profession: 'nurse', listedVisits: 0, ownTeamVisits: 0, professionals: 1 },
    ]);
  });

  it('puts alike clients in one cell', () => {
    const visits = ['1', '2', '3'].flatMap((c) => [visit(`Patient/${c}`, 'Practitioner/x'), visit(`Patient/${c}`, 'Practitioner/y')]);
    expect(continuityCells(visits, WINDOW).cells).toEqual([{ unit: 'Location/a', profession: 'physician', visits: 2, sumOfSquares: 2, mostSeen: 1, clients: 3 }]);
  });
});

const cell = (visits: number, sumOfSquares: number, mostSeen: number, clients: number, over: Partial<ContinuityCell> = {}): ContinuityCell => ({
  unit: 'Location/a',
  profession: 'physician',
  visits,
  sumOfSquares,
  mostSeen,
  clients,
  ...over,
});
const facts = (listedVisits: number, ownTeamVisits: number, professionals = 3, over: Partial<ContinuityGroupFacts> = {}): ContinuityGroupFacts => ({
  unit: 'Location/a',
  profession: 'physician',
  listedVisits,
  ownTeamVisits,
  professionals,
  ...over,
});

describe('publishedContinuityGroups', () => {
  it('means over the counted clients; those with one visit counted apart', () => {
    // 4 clients 3+1 (UPC .75, COCI .5), 2 clients 2 with one person (1, 1), 6 clients with one visit.
    const [g] = publishedContinuityGroups([cell(4, 10, 3, 4), cell(2, 4, 2, 2), cell(1, 1, 1, 6)], [facts(20, 12)]);
    expect(g).toEqual({
      unit: 'Location/a',
      profession: 'physician',
      clients: 5, // 6 rounded
      clientsWithFewerVisits: 5, // 6 rounded
      visits: 20,
      meanUpc: Math.round(((4 * 0.75 + 2 * 1) / 6) * 100) / 100,
      meanCoci: Math.round(((4 * 0.5 + 2 * 1) / 6) * 100) / 100,
      ownTeamShare: 0.5, // 10 / 20 from rounded counts (12 → 10, 8 → 10, 20)
      scope: 'team',
    });
  });

  it('all with one professional: means 1; all different: COCI 0', () => {
    expect(publishedContinuityGroups([cell(3, 9, 3, 5)], [facts(15, 15, 1)])[0]).toMatchObject({ meanUpc: 1, meanCoci: 1, scope: 'one-professional' });
    expect(publishedContinuityGroups([cell(3, 3, 1, 5)], [facts(15, 0)])[0]).toMatchObject({ meanUpc: 0.33, meanCoci: 0 });
  });

  it('hides a group of fewer than 5 counted clients (means and visits too) and a small number left out', () => {
    const [g] = publishedContinuityGroups([cell(4, 10, 3, 4), cell(1, 1, 1, 3)], [facts(16, 12)]);
    expect(g).toMatchObject({ clients: null, visits: null, meanUpc: null, meanCoci: null, clientsWithFewerVisits: null });
  });

  it('a group of only one-visit clients has no means', () => {
    expect(publishedContinuityGroups([cell(1, 1, 1, 9)], [facts(0, 0)])[0]).toMatchObject({ clients: null, clientsWithFewerVisits: 10, meanUpc: null, ownTeamShare: null });
  });

  it('the own-team share needs both parts at least 5', () => {
    expect(publishedContinuityGroups([cell(2, 4, 2, 10)], [facts(20, 17)])[0]?.ownTeamShare).toBeNull();
    expect(publishedContinuityGroups([cell(2, 4, 2, 10)], [facts(20, 20)])[0]?.ownTeamShare).toBeNull();
    expect(publishedContinuityGroups([cell(2, 4, 2, 10)], [facts(20, 0)])[0]?.ownTeamShare).toBeNull();
    expect(publishedContinuityGroups([cell(2, 4, 2, 10)], [facts(0, 0)])[0]?.ownTeamShare).toBeNull();
    expect(publishedContinuityGroups([cell(2, 4, 2, 10)], [facts(20, 15)])[0]?.ownTeamShare).toBe(0.75);
  });

  it('sorts groups by unit and profession and keeps them apart', () => {
    const groups = publishedContinuityGroups(
      [cell(2, 4, 2, 5, { unit: 'Location/b' }), cell(2, 2, 1, 5, { profession: 'nurse' }), cell(2, 4, 2, 5)],
      [facts(0, 0, 2, { unit: 'Location/b' }), facts(0, 0, 2, { profession: 'nurse' }), facts(0, 0, 2)],
    );
    expect(groups.map((g) => [g.unit, g.profession, g.meanCoci])).toEqual([
      ['Location/a', 'nurse', 0],
      ['Location/a', 'physician', 1],
      ['Location/b', 'physician', 1],
    ]);
  });

  it('refuses cells with invalid counts', () => {
    expect(() => publishedContinuityGroups([cell(0, 0, 0, 5)], [])).toThrow(RangeError);
    expect(() => publishedContinuityGroups([cell(2, 4, 2, 0)], [])).toThrow(RangeError);
  });
});

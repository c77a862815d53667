import { describe, expect, it } from 'vitest';
import { helsinkiTime } from './helsinkiTime';
import { periodInstants } from './reportingPeriod';
import { NO_ASSESSMENT, publishedWaitGroups, visitWaitCells, type VisitRecord } from './visitWaits';

const h = (date: string, hour = 9, minute = 0): Date => helsinkiTime(date, hour, minute);
const november = periodInstants({ from: '2026-11-01', to: '2026-11-30' });

/** A realised nurse visit at unit A, assessed `daysBefore` days earlier with a 14-day legal and 7-day regional limit. */
function visit(day: string, daysBefore: number, over: Partial<VisitRecord> = {}): VisitRecord {
  const visitAt = h(day, 10);
  const assessedAt = new Date(visitAt.getTime() - daysBefore * 86_400_000);
  return {
    status: 'fulfilled',
    visitAt,
    bookedAt: assessedAt,
    assessedAt,
    urgency: 'non-urgent',
    legalDeadline: new Date(assessedAt.getTime() + 14 * 86_400_000),
    regionalDeadline: new Date(assessedAt.getTime() + 7 * 86_400_000),
    unit: 'Location/a',
    profession: 'nurse',
    practitioner: 'Practitioner/n1',
    ...over,
  };
}

describe('visitWaitCells: from the need assessment to the realised visit', () => {
  it('no visits: no cells', () => {
    expect(visitWaitCells([], november)).toEqual({ cells: [], professionals: [] });
  });

  it('one visit: whole Helsinki days from the assessment, each limit on its own', () => {
    const { cells, professionals } = visitWaitCells([visit('2026-11-12', 10)], november);
    expect(cells).toEqual([{ unit: 'Location/a', profession: 'nurse', urgency: 'non-urgent', days: 10, withinLegal: true, withinRegional: false, n: 1 }]);
    expect(professionals).toEqual([{ unit: 'Location/a', profession: 'nurse', urgency: 'non-urgent', professionals: 1 }]);
  });

  it('leaves out cancelled, not-come and still booked visits', () => {
    const { cells } = visitWaitCells(
      [visit('2026-11-12', 3, { status: 'cancelled' }), visit('2026-11-12', 3, { status: 'noshow' }), visit('2026-11-12', 3, { status: 'booked' })],
      november,
    );
    expect(cells).toEqual([]);
  });

  it('counts days by Helsinki dates: assessed 23:30, seen 08:00 the next morning is 1 day', () => {
    const { cells } = visitWaitCells([{ ...visit('2026-11-10', 0), assessedAt: h('2026-11-09', 23, 30), visitAt: h('2026-11-10', 8) }], november);
    expect(cells[0]?.days).toBe(1);
  });

  it('takes the visits realised in the period by Helsinki days: 00:00 on the 1st in, 00:00 after the last day out', () => {
    const first = { ...visit('2026-11-01', 2), visitAt: h('2026-11-01', 0) };
    const lastMinute = { ...visit('2026-11-30', 2), visitAt: h('2026-11-30', 23, 59) };
    const after = { ...visit('2026-12-01', 2), visitAt: h('2026-12-01', 0) };
    // 31.10. 23:30 Helsinki is already 31.10. 21:30 UTC: outside November however UTC reads it.
    const before = { ...visit('2026-10-31', 2), visitAt: h('2026-10-31', 23, 30) };
    const { cells } = visitWaitCells([first, lastMinute, after, before], november);
    expect(cells.reduce((s, c) => s + c.n, 0)).toBe(2);
  });

  it('counts a visit without an assessment (self-booked) from its booking, in its own group, outside the shares', () => {
    const selfBooked: VisitRecord = { status: 'fulfilled', visitAt: h('2026-11-20', 10), bookedAt: h('2026-11-17', 21), unit: 'Location/a', profession: 'nurse', practitioner: 'Practitioner/n1' };
    const { cells } = visitWaitCells([selfBooked], november);
    expect(cells).toEqual([{ unit: 'Location/a', profession: 'nurse', urgency: NO_ASSESSMENT, days: 3, withinLegal: null, withinRegional: null, n: 1 }]);
  });

  it('an assessment recorded after the visit began counts 0 days; a visit with no limit of a kind has none', () => {
    const late = { ...visit('2026-11-12', 0), assessedAt: h('2026-11-12', 15) };
    const noRegional = visit('2026-11-13', 1, { regionalDeadline: undefined });
    const { cells } = visitWaitCells([late, noRegional], november);
    expect(cells.map((c) => [c.days, c.withinRegional])).toEqual([
      [0, true],
      [1, null],
    ]);
  });

  it('groups by unit, profession and urgency and counts distinct professionals', () => {
    const visits = [visit('2026-11-12', 2), visit('2026-11-12', 2, { practitioner: 'Practitioner/n2' }), visit('2026-11-12', 2, { unit: 'Location/b' }), visit('2026-11-12', 2, { urgency: 'urgent' })];
    const { cells, professionals } = visitWaitCells(visits, november);
    expect(cells.find((c) => c.unit === 'Location/a' && c.urgency === 'non-urgent')?.n).toBe(2);
    expect(professionals.find((p) => p.unit === 'Location/a' && p.urgency === 'non-urgent')?.professionals).toBe(2);
    expect(cells).toHaveLength(3);
  });
});

describe('publishedWaitGroups: per group, small groups hidden', () => {
  const publish = (visits: VisitRecord[]) => {
    const { cells, professionals } = visitWaitCells(visits, november);
    return publishedWaitGroups(cells, professionals);
  };
  const team = (i: number) => `Practitioner/n${i % 2}`;

  it('hides a group of fewer than 5 visits entirely', () => {
    expect(publish([1, 2, 3, 4].map((d) => visit('2026-11-20', d)))).toEqual([
      { unit: 'Location/a', profession: 'nurse', urgency: 'non-urgent', visits: null, medianDays: null, p90Days: null, withinLegalShare: null, withinRegionalShare: null, scope: 'one-professional' },
    ]);
  });

  it('median and 90th percentile by nearest rank; the law and the region shares separately', () => {
    // 20 visits: waits 1..20 days. Law (14 d): 14 within, 6 late. Region (7 d): 7 within, 13 late.
    const visits = Array.from({ length: 20 }, (_, i) => visit('2026-11-25', i + 1, { practitioner: team(i) }));
    const [group] = publish(visits);
    expect(group).toMatchObject({ visits: 20, medianDays: 10, p90Days: null, scope: 'team' });
    // Law: 15 within (rounded from 14) of 20 → 0.75; region: 5 within (7 rounded) of 20 → 0.25.
    expect(group?.withinLegalShare).toBe(0.75);
    expect(group?.withinRegionalShare).toBe(0.25);
  });

  it('shows the 90th percentile once 5 or more waits lie on each side of it', () => {
    const visits = Array.from({ length: 50 }, (_, i) => visit('2026-11-25', 1 + (i % 20), { practitioner: team(i) }));
    expect(publish(visits)[0]?.p90Days).toBe(18);
  });

  it('hides a share whose other part is under 5 (all kept within the law: the late ones would be the small group)', () => {
    const visits = Array.from({ length: 10 }, (_, i) => visit('2026-11-25', 3, { practitioner: team(i) }));
    const [group] = publish(visits);
    expect(group?.visits).toBe(10);
    expect(group?.withinLegalShare).toBeNull();
    expect(group?.withinRegionalShare).toBeNull();
  });

  it('a group without an assessment has no shares; cancelled visits do not fill a group up to 5', () => {
    const selfBooked = Array.from({ length: 6 }, (_, i): VisitRecord => ({ status: 'fulfilled', visitAt: h('2026-11-20', 10), bookedAt: h('2026-11-18', 9), unit: 'Location/a', profession: 'nurse', practitioner: team(i) }));
    const cancelled = Array.from({ length: 3 }, () => visit('2026-11-20', 2, { status: 'cancelled' }));
    const groups = publish([...selfBooked, ...cancelled, visit('2026-11-20', 2)]);
    expect(groups.map((g) => [g.urgency, g.visits, g.medianDays, g.withinLegalShare])).toEqual([
      [NO_ASSESSMENT, 5, 2, null],
      ['non-urgent', null, null, null],
    ]);
  });
});

import { describe, it, expect } from 'vitest';
import { median, percentile, publishedWaitingTimes, t3ForUnit, thirdNextAvailable, waitingTimeStats } from './accessMeasures';
import { addCalendarDays } from './calendarDate';
import { helsinkiEndOfDay, helsinkiTime } from './helsinkiTime';

const h = (date: string, hour = 9): Date => helsinkiTime(date, hour);

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 2], 6],
    [[7, 7, 182, 182], 94.5],
  ])('%j → %j', (values, expected) => expect(median(values)).toBe(expected));
  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percentile (nearest rank: value at rank ⌈p/100·n⌉)', () => {
  const classic = [15, 20, 35, 40, 50];
  it.each([
    [5, 15],
    [30, 20],
    [40, 20],
    [50, 35],
    [90, 50],
    [100, 50],
  ])('p%i of 15, 20, 35, 40, 50 = %i', (p, expected) => expect(percentile(classic, p)).toBe(expected));
  it.each([
    [10, 9],
    [20, 18],
    [11, 10],
  ])('p90 of 1…%i = %i', (n, expected) => {
    expect(percentile(Array.from({ length: n }, (_, i) => n - i), 90)).toBe(expected);
  });
  it('is null for no values and rejects p outside (0, 100]', () => {
    expect(percentile([], 90)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 100.5)).toThrow(RangeError);
    expect(() => percentile([Number.NaN], 50)).toThrow(RangeError);
  });
});

describe('thirdNextAvailable', () => {
  const monday7 = h('2026-05-11', 7);
  it('counts calendar days to the third free slot, in any input order', () => {
    expect(thirdNextAvailable([h('2026-05-13'), h('2026-05-11', 10), h('2026-05-12'), h('2026-06-01')], monday7)).toBe(2);
  });
  it('ignores slots before the measuring moment; later the same day counts 0', () => {
    const slots = [h('2026-05-11', 6), h('2026-05-11', 8), h('2026-05-11', 10), h('2026-05-11', 12)];
    expect(thirdNextAvailable(slots, monday7)).toBe(0);
    expect(thirdNextAvailable(slots, h('2026-05-11', 9))).toBe(182);
  });
  it('is 182 with fewer than three free slots, or capDays when given', () => {
    expect(thirdNextAvailable([], monday7)).toBe(182);
    expect(thirdNextAvailable([h('2026-05-12'), h('2026-05-13')], monday7)).toBe(182);
    expect(thirdNextAvailable([h('2026-05-12')], monday7, { unit: 'calendar-days', capDays: 90 })).toBe(90);
  });
  it('caps a longer wait', () => {
    const far = addCalendarDays('2026-05-11', 300);
    expect(thirdNextAvailable([h(far), h(far, 10), h(far, 11)], monday7)).toBe(182);
  });
  it('uses Helsinki dates, not UTC dates', () => {
    const lateMonday = new Date('2026-05-11T20:30:00Z'); // 23:30 Monday in Helsinki
    const slots = ['2026-05-11T21:00:00Z', '2026-05-11T21:30:00Z', '2026-05-11T22:00:00Z'].map((s) => new Date(s)); // Tuesday
    expect(thirdNextAvailable(slots, lateMonday)).toBe(1);
  });
  it('counts across the DST change by date', () => {
    expect(thirdNextAvailable([h('2026-03-29'), h('2026-03-30'), h('2026-03-30', 10)], h('2026-03-28', 12))).toBe(2);
  });
  it('working days skip weekends and Easter', () => {
    const slots = [h('2026-04-02', 14), h('2026-04-07'), h('2026-04-08')];
    expect(thirdNextAvailable(slots, h('2026-04-02', 8))).toBe(6);
    expect(thirdNextAvailable(slots, h('2026-04-02', 8), { unit: 'working-days' })).toBe(2);
  });
});

describe('t3ForUnit', () => {
  const at = h('2026-05-11', 7);
  const within = (days: number): Date[] => [h('2026-05-11', 10), h('2026-05-11', 11), h(addCalendarDays('2026-05-11', days))];
  it('takes the median per profession, even counts included, sorted by profession', () => {
    const result = t3ForUnit(
      [
        { practitioner: 'Practitioner/p1', profession: 'physician', freeSlotStarts: within(3) },
        { practitioner: 'Practitioner/n1', profession: 'nurse', freeSlotStarts: within(2) },
        { practitioner: 'Practitioner/n2', profession: 'nurse', freeSlotStarts: within(5) },
        { practitioner: 'Practitioner/n3', profession: 'nurse', freeSlotStarts: [] },
        { practitioner: 'Practitioner/p2', profession: 'physician', freeSlotStarts: within(8) },
      ],
      at,
    );
    expect(result).toEqual([
      { profession: 'nurse', t3: 5, professionals: 3, atCap: 1 },
      { profession: 'physician', t3: 5.5, professionals: 2, atCap: 0 },
    ]);
  });
  it('a fully booked professional (no free time at all) counts at the cap and is counted as such', () => {
    const full = { practitioner: 'Practitioner/full', profession: 'physician', freeSlotStarts: [] };
    const fast = { practitioner: 'Practitioner/fast', profession: 'physician', freeSlotStarts: within(1) };
    const twoLeft = { practitioner: 'Practitioner/two', profession: 'physician', freeSlotStarts: within(1).slice(0, 2) };
    // Left out, the profession would look like a one-day wait; counted, its median is the cap.
    expect(t3ForUnit([fast, full, twoLeft], at)).toEqual([{ profession: 'physician', t3: 182, professionals: 3, atCap: 2 }]);
    expect(t3ForUnit([full], at, { capDays: 90 })).toEqual([{ profession: 'physician', t3: 90, professionals: 1, atCap: 1 }]);
  });
  it('is empty for no professionals', () => expect(t3ForUnit([], at)).toEqual([]));
});

describe('waitingTimeStats', () => {
  it('is empty-safe', () => {
    expect(waitingTimeStats([])).toEqual({ count: 0, medianDays: null, p90Days: null, withinDeadlineShare: null });
  });
  it('counts whole Helsinki calendar days; median, nearest-rank p90 and deadline share', () => {
    const days = [0, 1, 3, 7, 14, 14, 20, 30, 45, 90];
    const waits = days.map((d, i) => {
      const appointmentAt = h(addCalendarDays('2026-01-05', d), 15);
      // the first seven are met (the 7th exactly at its deadline), the rest are late
      const deadline = i < 6 ? helsinkiEndOfDay('2026-12-31') : i === 6 ? appointmentAt : h('2026-01-05', 16);
      return { contactAt: h('2026-01-05', 8), appointmentAt, deadline };
    });
    expect(waitingTimeStats(waits)).toEqual({ count: 10, medianDays: 14, p90Days: 45, withinDeadlineShare: 0.7 });
  });
  it('a contact at 23:30 and a visit at 08:00 the next morning waited one day', () => {
    const wait = { contactAt: new Date('2026-05-11T20:30:00Z'), appointmentAt: h('2026-05-12', 8), deadline: h('2026-05-25') };
    expect(waitingTimeStats([wait])).toMatchObject({ medianDays: 1, p90Days: 1, withinDeadlineShare: 1 });
  });
  it('rejects an appointment before the contact', () => {
    expect(() => waitingTimeStats([{ contactAt: h('2026-05-12'), appointmentAt: h('2026-05-11'), deadline: h('2026-05-20') }])).toThrow(
      'waits[0]: appointmentAt is before contactAt',
    );
  });
});

describe('publishedWaitingTimes: figures that single out no one', () => {
  /** Waits of the given days from 5 Jan 2026; the first `late` of them missed their deadline. */
  const waitsOf = (days: number[], late = 0) =>
    days.map((d, i) => ({
      contactAt: h('2026-01-05', 8),
      appointmentAt: h(addCalendarDays('2026-01-05', d), 15),
      deadline: i < late ? h('2026-01-05', 9) : helsinkiEndOfDay('2026-12-31'),
    }));
  it('hides everything under 5 waits, 0 included', () => {
    const hidden = { count: null, medianDays: null, p90Days: null, withinDeadlineShare: null };
    expect(publishedWaitingTimes([])).toEqual(hidden);
    expect(publishedWaitingTimes(waitsOf([1, 2, 3, 4]))).toEqual(hidden);
  });
  it('rounds the count to 5 and shows the median of a group, not the 90th percentile of a few', () => {
    // 12 waits: median (nearest rank 6) 6 days with 6 at or below and 7 at or above; p90 = 11,
    // with only 2 at or above it.
    const r = publishedWaitingTimes(waitsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(r).toEqual({ count: 10, medianDays: 6, p90Days: null, withinDeadlineShare: null });
  });
  it('shows the 90th percentile when 5 or more waits lie on each side of it', () => {
    const days = [...Array.from({ length: 40 }, (_, i) => i % 10), 20, 20, 20, 20, 20, 20];
    const r = publishedWaitingTimes(waitsOf(days, 6));
    expect(r.count).toBe(45);
    expect(r.p90Days).toBe(20); // 46 waits: rank 42, and 6 waits of 20 days
    expect(r.medianDays).toBe(5);
  });
  it('shows the share within the deadline only when both the kept and the missed are 5 or more, from rounded counts', () => {
    const days = Array.from({ length: 22 }, (_, i) => i);
    // All 22 kept: the missed (0) would be a hidden group beside a shown one — hidden.
    expect(publishedWaitingTimes(waitsOf(days, 0)).withinDeadlineShare).toBeNull();
    // 3 missed of 22: hidden (22 − 19 would give the 3).
    expect(publishedWaitingTimes(waitsOf(days, 3)).withinDeadlineShare).toBeNull();
    // 7 missed, 15 kept: 15 / 20 from the rounded counts (the exact 15/22 is not shown).
    expect(publishedWaitingTimes(waitsOf(days, 7)).withinDeadlineShare).toBe(0.75);
    expect(waitingTimeStats(waitsOf(days, 7)).withinDeadlineShare).toBeCloseTo(15 / 22);
  });
  it('one more wait is not seen as one: the count by rounding, the median as a whole day shared by several waits', () => {
    const days = Array.from({ length: 31 }, (_, i) => i % 9); // 0–3 four times each, 4–8 three times
    const before = publishedWaitingTimes(waitsOf(days, 10));
    expect(before).toEqual({ count: 30, medianDays: 3, p90Days: 7, withinDeadlineShare: 0.67 });
    for (const extra of [0, 3, 4, 5]) expect(publishedWaitingTimes(waitsOf([...days, extra], 10))).toEqual(before);
    // A quantile still moves when the wait at its rank changes: one more long wait moves the
    // 90th percentile to 8 days, which only 4 waits reach, so it is hidden, not shown as 8.
    expect(publishedWaitingTimes(waitsOf([...days, 8], 10))).toEqual({ ...before, p90Days: null });
    // An averaged median would have moved by half a day.
    expect(median([...days, 4])).toBe(3.5);
  });
  it('rejects an appointment before the contact', () => {
    expect(() => publishedWaitingTimes([{ contactAt: h('2026-05-12'), appointmentAt: h('2026-05-11'), deadline: h('2026-05-20') }])).toThrow(RangeError);
  });
});

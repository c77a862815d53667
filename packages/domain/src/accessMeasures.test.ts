import { describe, it, expect } from 'vitest';
import { median, percentile, t3ForUnit, thirdNextAvailable } from './accessMeasures';
import { addCalendarDays } from './calendarDate';
import { helsinkiTime } from './helsinkiTime';

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

import { describe, it, expect } from 'vitest';
import { median, percentile, percentileOfCounts, t3ForUnit, thirdNextAvailable, type CountedValue } from './accessMeasures';
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

/** A small seeded generator, so that a failing case can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const writtenOut = (counts: readonly CountedValue[]) => counts.flatMap((c) => Array.from({ length: c.n }, () => c.value));

describe('percentileOfCounts: the percentile of counted values without writing them out', () => {
  it('equals the percentile of the values written out, for 2 000 random histograms and every p used', () => {
    const next = random(42);
    for (let run = 0; run < 2_000; run++) {
      // Unsorted, repeated values, zero counts, one big bar among small ones.
      const counts = Array.from({ length: 1 + Math.floor(next() * 12) }, () => ({
        value: Math.floor(next() * 40) - 5,
        n: next() < 0.15 ? 0 : Math.floor(next() * (next() < 0.1 ? 500 : 9)),
      }));
      for (const p of [1, 10, 25, 50, 75, 90, 99, 100, 33.3])
        expect(percentileOfCounts(counts, p), JSON.stringify({ counts, p })).toBe(percentile(writtenOut(counts), p));
    }
  });
  it('is null with no values; refuses a bad p, a count that is not a whole number ≥ 0, and a value that is not finite', () => {
    expect(percentileOfCounts([], 50)).toBeNull();
    expect(percentileOfCounts([{ value: 3, n: 0 }], 50)).toBeNull();
    expect(percentileOfCounts([{ value: 3, n: 1 }], 100)).toBe(3);
    expect(() => percentileOfCounts([{ value: 1, n: 1 }], 0)).toThrow(RangeError);
    expect(() => percentileOfCounts([{ value: 1, n: -1 }], 50)).toThrow(RangeError);
    expect(() => percentileOfCounts([{ value: 1, n: 1.5 }], 50)).toThrow(RangeError);
    expect(() => percentileOfCounts([{ value: Number.NaN, n: 1 }], 50)).toThrow(RangeError);
  });
  it('answers a year of visits as counts at once (600 000 visits in 200 bars)', () => {
    const counts = Array.from({ length: 200 }, (_, i) => ({ value: i, n: 3_000 }));
    expect(percentileOfCounts(counts, 50)).toBe(99);
    expect(percentileOfCounts(counts, 90)).toBe(179);
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

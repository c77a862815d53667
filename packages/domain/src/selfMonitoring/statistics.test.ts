import { describe, expect, it } from 'vitest';
import { averagesByContext, averagesByPeriod, averagesByTimeOfDay, periodStart, timeOfDay } from './statistics';
import type { Measurement } from './measures';

const bp = (at: string, systolic: number, contexts: Measurement['contexts'] = []): Measurement => ({ kind: 'blood-pressure', at, values: { systolic, diastolic: 80 }, contexts });

describe('averages of home measurements', () => {
  const data = [
    bp('2026-03-02T07:00:00+02:00', 140),
    bp('2026-03-02T20:00:00+02:00', 130),
    bp('2026-03-03T07:30:00+02:00', 150),
    bp('2026-03-03T21:00:00+02:00', 126),
    bp('2026-03-09T13:00:00+02:00', 120, ['evening']),
  ];

  it('reads morning and evening from the context, else from the Helsinki clock', () => {
    expect(timeOfDay(bp('2026-03-02T05:30:00Z', 1))).toBe('morning'); // 07:30 in Helsinki
    expect(timeOfDay(bp('2026-03-02T10:30:00Z', 1))).toBe('other'); // 12:30
    expect(timeOfDay(bp('2026-03-02T10:30:00Z', 1, ['evening']))).toBe('evening');
    expect(timeOfDay(bp('2026-06-01T21:30:00Z', 1))).toBe('morning'); // 00:30 in summer time
  });

  it('averages morning against evening blood pressure', () => {
    expect(averagesByTimeOfDay(data, 'systolic')).toEqual([{ group: 'evening', mean: 125.3, count: 3 }, { group: 'morning', mean: 145, count: 2 }]);
  });

  it('averages by week (Monday, Helsinki) and month', () => {
    expect(periodStart('2026-03-08T22:30:00Z', 'week')).toBe('2026-03-09'); // Monday 00:30 local
    expect(periodStart('2026-03-08T21:30:00Z', 'week')).toBe('2026-03-02'); // Sunday 23:30 local
    expect(averagesByPeriod(data, 'systolic', 'week')).toEqual([{ group: '2026-03-02', mean: 136.5, count: 4 }, { group: '2026-03-09', mean: 120, count: 1 }]);
    expect(averagesByPeriod(data, 'systolic', 'month')).toEqual([{ group: '2026-03-01', mean: 133.2, count: 5 }]);
  });

  it('averages glucose fasting and after a meal, skipping values without the quantity', () => {
    const g = (v: number, contexts: Measurement['contexts']): Measurement => ({ kind: 'blood-glucose', at: '2026-03-02T07:00:00+02:00', values: { glucose: v }, contexts });
    expect(averagesByContext([g(6, ['fasting', 'morning']), g(8, ['fasting']), g(9.1, ['after-meal']), g(5, []), ...data], 'glucose')).toEqual([{ group: 'after-meal', mean: 9.1, count: 1 }, { group: 'fasting', mean: 7, count: 2 }]);
  });

  it('gives nothing for no data', () => expect(averagesByPeriod([], 'weight', 'week')).toEqual([]));
});

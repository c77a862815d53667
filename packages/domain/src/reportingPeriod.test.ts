import { describe, expect, it } from 'vitest';
import {
  MAX_PERIOD_DAYS,
  PERIOD_PRESETS,
  isPeriodPreset,
  mondayOf,
  periodDays,
  periodInstants,
  periodProblem,
  presetPeriod,
  presetPeriodAt,
  previousPeriod,
} from './reportingPeriod';

describe('presetPeriod', () => {
  // Wednesday 2 December 2026.
  const wednesday = '2026-12-02';

  it('weeks start on Monday, "this week" runs to today', () => {
    expect(presetPeriod('this-week', wednesday)).toEqual({ from: '2026-11-30', to: '2026-12-02' });
    expect(presetPeriod('last-week', wednesday)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('on a Monday "this week" is that day, and on a Sunday the week began six days before', () => {
    expect(presetPeriod('this-week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(presetPeriod('this-week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(presetPeriod('last-week', '2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetPeriod('last-week', '2026-12-06')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('a week across a year end', () => {
    expect(presetPeriod('this-week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-01' });
    expect(presetPeriod('last-week', '2027-01-01')).toEqual({ from: '2026-12-21', to: '2026-12-27' });
  });

  it('months end on their last day, February in leap and common years', () => {
    expect(presetPeriod('last-month', wednesday)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriod('last-month', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('last-month', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('last-month', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('this-month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('this-month', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });

  it('"last 3 months" is the three whole months before this one', () => {
    expect(presetPeriod('last-3-months', wednesday)).toEqual({ from: '2026-09-01', to: '2026-11-30' });
    expect(presetPeriod('last-3-months', '2027-02-10')).toEqual({ from: '2026-11-01', to: '2027-01-31' });
    expect(presetPeriod('last-3-months', '2026-05-31')).toEqual({ from: '2026-02-01', to: '2026-04-30' });
  });

  it('"this year" runs from 1 January to today', () => {
    expect(presetPeriod('this-year', wednesday)).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(presetPeriod('this-year', '2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });

  it('every preset is a valid period of at most the longest allowed span', () => {
    for (const today of ['2026-01-01', '2026-03-29', '2026-10-25', '2028-02-29', '2026-12-31']) {
      for (const preset of PERIOD_PRESETS) {
        const p = presetPeriod(preset, today);
        expect(periodProblem(p.from, p.to), `${preset} on ${today}`).toBeUndefined();
        expect(p.to <= today).toBe(true);
      }
    }
  });

  it('takes today in Helsinki, not in UTC', () => {
    // 30.11.2026 23:30 UTC is already Tuesday 1 December in Helsinki.
    expect(presetPeriodAt('last-month', new Date('2026-11-30T23:30:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriodAt('this-month', new Date('2026-11-30T21:59:59Z'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    // Midsummer, UTC+3: 31.5. 21:00 UTC is 1.6. 00:00 in Helsinki.
    expect(presetPeriodAt('this-month', new Date('2026-05-31T21:00:00Z'))).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(presetPeriodAt('this-week', new Date('2026-11-29T22:00:00Z'))).toEqual({ from: '2026-11-30', to: '2026-11-30' });
  });

  it('rejects a date that is not one', () => {
    expect(() => presetPeriod('this-week', '2026-02-30')).toThrow(RangeError);
    expect(isPeriodPreset('last-month')).toBe(true);
    expect(isPeriodPreset('yesterday')).toBe(false);
    expect(isPeriodPreset(undefined)).toBe(false);
  });
});

describe('mondayOf', () => {
  it('is the Monday on or before the date', () => {
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-03-01')).toBe('2026-02-23');
  });
});

describe('periodInstants', () => {
  it('covers Helsinki midnight to Helsinki midnight, UTC+2 in winter', () => {
    const { start, end } = periodInstants({ from: '2026-11-01', to: '2026-11-30' });
    expect(start.toISOString()).toBe('2026-10-31T22:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T22:00:00.000Z');
  });

  it('a day the clocks go forward is 23 hours, a day they go back 25', () => {
    const spring = periodInstants({ from: '2026-03-29', to: '2026-03-29' });
    expect(spring.start.toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-29T21:00:00.000Z');
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    const autumn = periodInstants({ from: '2026-10-25', to: '2026-10-25' });
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it('a month across a change keeps both ends on midnight', () => {
    const march = periodInstants({ from: '2026-03-01', to: '2026-03-31' });
    expect(march.start.toISOString()).toBe('2026-02-28T22:00:00.000Z');
    expect(march.end.toISOString()).toBe('2026-03-31T21:00:00.000Z');
  });
});

describe('periodProblem', () => {
  it('accepts a valid range, one day included', () => {
    expect(periodProblem('2026-11-01', '2026-11-30')).toBeUndefined();
    expect(periodProblem('2026-11-01', '2026-11-01')).toBeUndefined();
    expect(periodProblem('2028-01-01', '2028-12-31')).toBeUndefined();
  });

  it('refuses what is not a date', () => {
    for (const bad of [undefined, null, 5, '', '2026-11', '1.11.2026', '2026-13-01', '2026-02-29', '2026-11-01T00:00:00Z', ['2026-11-01']]) {
      expect(periodProblem(bad, '2026-11-30'), String(bad)).toMatch(/'from'/);
      expect(periodProblem('2026-11-01', bad), String(bad)).toMatch(/'to'/);
    }
  });

  it('refuses an end before the start, a too long span and a start before 2000', () => {
    expect(periodProblem('2026-11-30', '2026-11-01')).toMatch(/after/);
    expect(periodProblem('2026-01-01', '2027-01-03')).toMatch(new RegExp(String(MAX_PERIOD_DAYS)));
    expect(periodProblem('2026-01-01', '2027-01-02')).toBeUndefined();
    expect(periodProblem('1999-12-31', '2000-01-01')).toMatch(/2000/);
  });
});

describe('periodDays and previousPeriod', () => {
  it('counts both ends', () => {
    expect(periodDays({ from: '2026-11-01', to: '2026-11-30' })).toBe(30);
    expect(periodDays({ from: '2026-03-29', to: '2026-03-29' })).toBe(1);
  });

  it('whole months go back whole months, to the last day of the month before', () => {
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-09-01', to: '2026-11-30' })).toEqual({ from: '2026-06-01', to: '2026-08-31' });
    expect(previousPeriod({ from: '2027-01-01', to: '2027-01-31' })).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('a month so far goes back to the same days of the month before', () => {
    expect(previousPeriod({ from: '2026-12-01', to: '2026-12-15' })).toEqual({ from: '2026-11-01', to: '2026-11-15' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-30' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-06-15' })).toEqual({ from: '2025-07-01', to: '2025-12-15' });
  });

  it('weeks and other ranges go back the same number of days', () => {
    expect(previousPeriod({ from: '2026-11-23', to: '2026-11-29' })).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(previousPeriod({ from: '2026-11-30', to: '2026-12-02' })).toEqual({ from: '2026-11-27', to: '2026-11-29' });
    expect(previousPeriod({ from: '2026-11-10', to: '2026-11-20' })).toEqual({ from: '2026-10-30', to: '2026-11-09' });
  });

  it('the previous period of a preset is never longer than the longest allowed', () => {
    for (const preset of PERIOD_PRESETS) {
      const p = previousPeriod(presetPeriod(preset, '2028-12-31'));
      expect(periodProblem(p.from, p.to), preset).toBeUndefined();
    }
  });
});

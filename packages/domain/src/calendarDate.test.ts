import { describe, it, expect } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  ageOn,
  dayOfWeek,
  formatCalendarDate,
  isCalendarDate,
  parseCalendarDate,
} from './calendarDate';

describe('isCalendarDate / parseCalendarDate', () => {
  it.each(['2024-02-29', '2025-01-01', '2025-12-31', '2025-04-30'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });
  it.each(['2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01', '25-01-01', '2025-01-01T00:00', '', 20250101, null])(
    'rejects %s',
    (d) => {
      expect(isCalendarDate(d)).toBe(false);
    },
  );
  it('parses and formats round-trip', () => {
    expect(parseCalendarDate('2025-06-20')).toEqual({ year: 2025, month: 6, day: 20 });
    expect(formatCalendarDate({ year: 987, month: 1, day: 2 })).toBe('0987-01-02');
  });
  it('throws a RangeError on an impossible date', () => {
    expect(() => parseCalendarDate('2023-02-29')).toThrow(RangeError);
  });
});

describe('dayOfWeek', () => {
  it('knows weekdays (0 = Sunday)', () => {
    expect(dayOfWeek('2025-06-20')).toBe(5); // Friday
    expect(dayOfWeek('2025-06-21')).toBe(6);
    expect(dayOfWeek('2025-06-22')).toBe(0);
    expect(dayOfWeek('2025-06-23')).toBe(1);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-03-29', 2, '2025-03-31'], // across the spring DST change
    ['2025-10-25', 2, '2025-10-27'], // across the autumn DST change
    ['2025-06-10', 14, '2025-06-24'],
    ['2025-06-10', 0, '2025-06-10'],
  ])('%s + %i days = %s', (d, n, expected) => {
    expect(addCalendarDays(d, n)).toBe(expected);
  });
  it('rejects fractional days', () => {
    expect(() => addCalendarDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addCalendarMonths', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-10-15', 3, '2026-01-15'],
    ['2025-05-10', 0, '2025-05-10'],
  ])('%s + %i months = %s', (d, n, expected) => {
    expect(addCalendarMonths(d, n)).toBe(expected);
  });
  it('rejects fractional months and bad dates', () => {
    expect(() => addCalendarMonths('2025-01-01', 0.5)).toThrow(RangeError);
    expect(() => addCalendarMonths('2025-02-30', 1)).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  it('turns 23 on the birthday, not the day before', () => {
    expect(ageOn('2002-05-10', '2025-05-09')).toBe(22);
    expect(ageOn('2002-05-10', '2025-05-10')).toBe(23);
    expect(ageOn('2002-05-10', '2025-05-11')).toBe(23);
  });
  it('handles month boundaries', () => {
    expect(ageOn('2002-12-31', '2025-12-30')).toBe(22);
    expect(ageOn('2002-12-31', '2025-12-31')).toBe(23);
    expect(ageOn('2003-01-01', '2025-12-31')).toBe(22);
  });
  it('is 0 on the day of birth', () => {
    expect(ageOn('2025-06-01', '2025-06-01')).toBe(0);
  });
  it('counts a 29 February birthday from 1 March in common years', () => {
    expect(ageOn('2004-02-29', '2027-02-28')).toBe(22);
    expect(ageOn('2004-02-29', '2027-03-01')).toBe(23);
    expect(ageOn('2004-02-29', '2028-02-28')).toBe(23);
    expect(ageOn('2004-02-29', '2028-02-29')).toBe(24);
  });
  it('refuses a date before birth', () => {
    expect(() => ageOn('2025-06-02', '2025-06-01')).toThrow(RangeError);
  });
});

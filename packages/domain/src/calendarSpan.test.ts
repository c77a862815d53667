import { describe, it, expect } from 'vitest';
import { calendarDaysBetween, workingDaysBetween } from './calendarSpan';

describe('calendarDaysBetween', () => {
  it.each([
    ['2026-03-28', '2026-03-30', 2], // across the spring DST change
    ['2026-10-24', '2026-10-26', 2], // across the autumn DST change
    ['2026-12-31', '2027-01-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-05-05', '2026-05-05', 0],
    ['2026-05-05', '2026-05-01', -4],
  ])('%s → %s = %i', (from, to, days) => expect(calendarDaysBetween(from, to)).toBe(days));
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-04-02', '2026-04-07', 1], // Good Friday, weekend and Easter Monday skipped
    ['2026-06-18', '2026-06-22', 1], // Midsummer Eve (Fri 19.6.) skipped
    ['2026-03-27', '2026-03-30', 1], // Fri → Mon
    ['2026-03-30', '2026-03-30', 0],
    ['2026-03-30', '2026-03-27', 0],
  ])('%s → %s = %i', (from, to, days) => expect(workingDaysBetween(from, to)).toBe(days));
});

import { describe, it, expect } from 'vitest';
import {
  closedDayName,
  closedDaysOfYear,
  DE_FACTO_CLOSED_DAYS,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  previousWorkingDayOnOrBefore,
} from './finnishCalendar';

describe('isWorkingDay', () => {
  it.each([
    ['2025-01-01', 'New Year'],
    ['2025-01-06', 'Epiphany (Monday)'],
    ['2025-04-18', 'Good Friday'],
    ['2025-04-21', 'Easter Monday'],
    ['2024-04-01', 'Easter Monday 2024'],
    ['2026-04-06', 'Easter Monday 2026'],
    ['2025-05-01', 'May Day'],
    ['2025-05-29', 'Ascension Day'],
    ['2025-06-20', 'Midsummer Eve 2025'],
    ['2024-06-21', 'Midsummer Eve 2024'],
    ['2026-06-19', 'Midsummer Eve 2026'],
    ['2024-12-06', 'Independence Day (Friday)'],
    ['2025-12-24', 'Christmas Eve'],
    ['2025-12-25', 'Christmas Day'],
    ['2025-12-26', "St Stephen's Day"],
  ])('%s (%s) is not a working day', (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2025-06-21', 'Saturday'],
    ['2025-06-22', 'Sunday'],
    ['2025-12-06', 'Independence Day on a Saturday'],
  ])('%s (%s) is not a working day', (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2025-06-19', 'Thursday before Midsummer'],
    ['2025-06-23', 'Monday after Midsummer'],
    ['2025-04-17', 'Maundy Thursday'],
    ['2025-04-22', 'Tuesday after Easter'],
    ['2025-12-23', 'day before Christmas Eve'],
    ['2025-12-31', "New Year's Eve is a working day"],
    ['2025-12-05', 'day before Independence Day'],
    ['2025-03-31', 'Monday after spring DST change'],
  ])('%s (%s) is a working day', (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });
});

describe('closed days as data', () => {
  it('lists Midsummer Eve and Christmas Eve as de-facto closed days', () => {
    expect(DE_FACTO_CLOSED_DAYS.map((d) => d.name.en)).toEqual(['Midsummer Eve', 'Christmas Eve']);
  });
  it('names the days in Finnish', () => {
    expect(closedDayName('2025-12-06')).toBe('itsenäisyyspäivä');
    expect(closedDayName('2025-06-20')).toBe('Juhannusaatto');
    expect(closedDayName('2025-06-18')).toBeUndefined();
  });
  it('holds 15 public and de-facto closed days in 2025 (no observances or bank days)', () => {
    const days = [...closedDaysOfYear(2025).keys()];
    expect(days).toHaveLength(15);
    expect(days).not.toContain('2025-12-31');
    expect(days).not.toContain('2025-05-11'); // Mother's Day is an observance
  });
});

describe('previous / next working day', () => {
  it('returns the date itself when it is a working day', () => {
    expect(previousWorkingDayOnOrBefore('2025-06-18')).toBe('2025-06-18');
    expect(nextWorkingDayOnOrAfter('2025-06-18')).toBe('2025-06-18');
  });
  it('steps over weekends', () => {
    expect(previousWorkingDayOnOrBefore('2025-03-09')).toBe('2025-03-07');
    expect(nextWorkingDayOnOrAfter('2025-03-08')).toBe('2025-03-10');
  });
  it('steps over Midsummer', () => {
    expect(previousWorkingDayOnOrBefore('2025-06-22')).toBe('2025-06-19');
    expect(nextWorkingDayOnOrAfter('2025-06-20')).toBe('2025-06-23');
  });
  it('steps over Easter', () => {
    expect(previousWorkingDayOnOrBefore('2025-04-21')).toBe('2025-04-17');
    expect(nextWorkingDayOnOrAfter('2025-04-18')).toBe('2025-04-22');
  });
  it('steps over Christmas', () => {
    expect(previousWorkingDayOnOrBefore('2025-12-28')).toBe('2025-12-23');
    expect(nextWorkingDayOnOrAfter('2025-12-24')).toBe('2025-12-29');
  });
  it('steps over New Year into the next year', () => {
    expect(nextWorkingDayOnOrAfter('2026-01-01')).toBe('2026-01-02');
    expect(previousWorkingDayOnOrBefore('2027-01-01')).toBe('2026-12-31');
  });
});

import { describe, expect, it } from 'vitest';
import { closedDatesText, dayHoursText, parseClosedDates, parseDayHours } from './openingHoursText';

describe('a weekday’s hours as typed', () => {
  it('reads the ways people write hours, in order', () => {
    expect(parseDayHours('8-16')).toEqual({ ok: true, intervals: [{ from: '08:00', to: '16:00' }] });
    expect(parseDayHours('08:00–12:00, 13:00–16:00')).toEqual({ ok: true, intervals: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '16:00' }] });
    expect(parseDayHours(' 13.00 - 16.30 ; 8.15-12 ')).toEqual({ ok: true, intervals: [{ from: '08:15', to: '12:00' }, { from: '13:00', to: '16:30' }] });
    expect(parseDayHours('0-24')).toEqual({ ok: true, intervals: [{ from: '00:00', to: '24:00' }] });
    expect(parseDayHours('10:00—14:00')).toEqual({ ok: true, intervals: [{ from: '10:00', to: '14:00' }] });
  });

  it('reads an empty day as closed', () => {
    expect(parseDayHours('')).toEqual({ ok: true, intervals: [] });
    expect(parseDayHours('  ,  ')).toEqual({ ok: true, intervals: [] });
  });

  it('names the part that is wrong, and how', () => {
    expect(parseDayHours('8-16, kiinni')).toEqual({ ok: false, problem: { kind: 'format', part: 'kiinni' } });
    expect(parseDayHours('8:5-16')).toEqual({ ok: false, problem: { kind: 'format', part: '8:5-16' } });
    expect(parseDayHours('25-26')).toEqual({ ok: false, problem: { kind: 'time', part: '25-26' } });
    expect(parseDayHours('8:60-16')).toEqual({ ok: false, problem: { kind: 'time', part: '8:60-16' } });
    expect(parseDayHours('24-24')).toEqual({ ok: false, problem: { kind: 'time', part: '24-24' } });
    expect(parseDayHours('8-24:30')).toEqual({ ok: false, problem: { kind: 'time', part: '8-24:30' } });
    expect(parseDayHours('16-8')).toEqual({ ok: false, problem: { kind: 'order', part: '16-8' } });
    expect(parseDayHours('12-12')).toEqual({ ok: false, problem: { kind: 'order', part: '12-12' } });
    expect(parseDayHours('8-12, 11-16')).toEqual({ ok: false, problem: { kind: 'overlap', part: '11-16' } });
  });

  it('lets touching intervals be, and writes back what it reads', () => {
    const parsed = parseDayHours('8-12, 12-16');
    expect(parsed).toEqual({ ok: true, intervals: [{ from: '08:00', to: '12:00' }, { from: '12:00', to: '16:00' }] });
    expect(dayHoursText(parsed.ok ? parsed.intervals : [])).toBe('08:00–12:00, 12:00–16:00');
    expect(parseDayHours(dayHoursText([{ from: '10:00', to: '24:00' }]))).toEqual({ ok: true, intervals: [{ from: '10:00', to: '24:00' }] });
    expect(dayHoursText(undefined)).toBe('');
  });
});

describe('closed days as typed', () => {
  it('reads Finnish and ISO dates, sorted without repeats', () => {
    expect(parseClosedDates('24.12.2026\n2026-12-31, 1.1.2027\n24.12.2026')).toEqual({ ok: true, dates: ['2026-12-24', '2026-12-31', '2027-01-01'] });
    expect(parseClosedDates('')).toEqual({ ok: true, dates: [] });
  });

  it('refuses a day that does not exist or is written otherwise', () => {
    expect(parseClosedDates('30.2.2027')).toEqual({ ok: false, part: '30.2.2027' });
    expect(parseClosedDates('2027-13-01')).toEqual({ ok: false, part: '2027-13-01' });
    expect(parseClosedDates('24.12.')).toEqual({ ok: false, part: '24.12.' });
    expect(parseClosedDates('1.1.2027, huomenna')).toEqual({ ok: false, part: 'huomenna' });
  });

  it('writes back one Finnish date per line', () => {
    expect(closedDatesText(['2026-12-24', '2027-01-06'])).toBe('24.12.2026\n6.1.2027');
    expect(parseClosedDates(closedDatesText(['2026-12-24', '2027-01-06']))).toEqual({ ok: true, dates: ['2026-12-24', '2027-01-06'] });
    expect(closedDatesText(undefined)).toBe('');
  });
});

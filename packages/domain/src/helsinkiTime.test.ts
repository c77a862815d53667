import { describe, it, expect } from 'vitest';
import { helsinkiEndOfDay, helsinkiTime, toHelsinkiDate } from './helsinkiTime';

const iso = (d: Date): string => d.toISOString();

describe('toHelsinkiDate', () => {
  it('uses UTC+2 in winter', () => {
    expect(toHelsinkiDate(new Date('2025-01-14T21:59:59.999Z'))).toBe('2025-01-14');
    expect(toHelsinkiDate(new Date('2025-01-14T22:00:00.000Z'))).toBe('2025-01-15');
  });
  it('uses UTC+3 in summer', () => {
    expect(toHelsinkiDate(new Date('2025-06-30T20:59:59.999Z'))).toBe('2025-06-30');
    expect(toHelsinkiDate(new Date('2025-06-30T21:00:00.000Z'))).toBe('2025-07-01');
  });
  it('crosses the year in Helsinki before UTC', () => {
    expect(toHelsinkiDate(new Date('2025-12-31T22:30:00Z'))).toBe('2026-01-01');
  });
  it('rejects an invalid Date', () => {
    expect(() => toHelsinkiDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('helsinkiTime', () => {
  it('gives 16:00 local in winter and summer', () => {
    expect(iso(helsinkiTime('2025-01-15', 16))).toBe('2025-01-15T14:00:00.000Z');
    expect(iso(helsinkiTime('2025-06-16', 16))).toBe('2025-06-16T13:00:00.000Z');
    expect(iso(helsinkiTime('2025-06-16', 8, 30))).toBe('2025-06-16T05:30:00.000Z');
  });
  it('spring forward (last Sunday of March 2025, 30.3.): offsets change at 03:00', () => {
    expect(iso(helsinkiTime('2025-03-30', 0))).toBe('2025-03-29T22:00:00.000Z');
    expect(iso(helsinkiTime('2025-03-30', 2, 59))).toBe('2025-03-30T00:59:00.000Z');
    expect(iso(helsinkiTime('2025-03-30', 4))).toBe('2025-03-30T01:00:00.000Z');
    expect(iso(helsinkiTime('2025-03-30', 16))).toBe('2025-03-30T13:00:00.000Z');
  });
  it('moves a skipped time (03:30 on 30.3.2025) one hour on', () => {
    expect(iso(helsinkiTime('2025-03-30', 3, 30))).toBe('2025-03-30T01:30:00.000Z');
  });
  it('fall back (last Sunday of October 2025, 26.10.): a repeated time maps to its first occurrence', () => {
    expect(iso(helsinkiTime('2025-10-26', 3, 30))).toBe('2025-10-26T00:30:00.000Z');
    expect(iso(helsinkiTime('2025-10-26', 4))).toBe('2025-10-26T02:00:00.000Z');
    expect(iso(helsinkiTime('2025-10-26', 2))).toBe('2025-10-25T23:00:00.000Z');
  });
  it('validates its arguments', () => {
    expect(() => helsinkiTime('2025-01-15', 24)).toThrow(RangeError);
    expect(() => helsinkiTime('2025-01-15', -1)).toThrow(RangeError);
    expect(() => helsinkiTime('2025-01-15', 8, 60)).toThrow(RangeError);
    expect(() => helsinkiTime('2025-01-15', 8.5)).toThrow(RangeError);
    expect(() => helsinkiTime('2025-02-30', 8)).toThrow(RangeError);
  });
});

describe('helsinkiEndOfDay', () => {
  it.each([
    ['2025-01-15', '2025-01-15T21:59:59.999Z'],
    ['2025-06-16', '2025-06-16T20:59:59.999Z'],
    ['2025-03-29', '2025-03-29T21:59:59.999Z'], // Saturday before spring forward
    ['2025-03-30', '2025-03-30T20:59:59.999Z'], // day of spring forward (23 hours long)
    ['2025-10-25', '2025-10-25T20:59:59.999Z'],
    ['2025-10-26', '2025-10-26T21:59:59.999Z'], // day of fall back (25 hours long)
    ['2024-03-31', '2024-03-31T20:59:59.999Z'],
    ['2024-10-27', '2024-10-27T21:59:59.999Z'],
    ['2024-02-29', '2024-02-29T21:59:59.999Z'],
  ])('%s ends at %s', (date, expected) => {
    expect(iso(helsinkiEndOfDay(date))).toBe(expected);
  });
  it('is the last millisecond of that Helsinki day', () => {
    const end = helsinkiEndOfDay('2025-03-30');
    expect(toHelsinkiDate(end)).toBe('2025-03-30');
    expect(toHelsinkiDate(new Date(end.getTime() + 1))).toBe('2025-03-31');
  });

  it('gives the Helsinki day of every quarter hour over two years as the time zone data does, remembered offsets and all', () => {
    const reference = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' });
    const from = Date.UTC(2025, 0, 1);
    for (let round = 0; round < 2; round++) {
      for (let ms = from; ms < from + 2 * 366 * 86_400_000; ms += 15 * 60_000 + 7_000) {
        expect(toHelsinkiDate(new Date(ms))).toBe(reference.format(new Date(ms)));
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DATE_RULES, approximateRange, dateRuleMatches, type DatePrefix } from './datePrefixes';
import { dateBounds } from './dateBounds';
import { parseDateValue } from './searchRequest';

/** A target: a day, or a Period from its start's first to its end's last instant (Helsinki time when no zone). */
function target(start: string, end = start) {
  const [low] = dateBounds(start) ?? [];
  const [, high] = dateBounds(end) ?? [];
  return { targetLow: Date.parse(low ?? ''), targetHigh: Date.parse(high ?? '') };
}

function matches(search: string, start: string, end?: string): boolean {
  const { prefix, low, high } = parseDateValue('date', search);
  return dateRuleMatches(DATE_RULES[prefix], { ...target(start, end), searchLow: Date.parse(low), searchHigh: Date.parse(high) });
}

// Search value 2026-01-05 (a Helsinki day); targets as Periods or single days.
const TABLE: Array<[search: string, start: string, end: string, expected: boolean]> = [
  // eq: the day contains the target
  ['eq2026-01-05', '2026-01-05T08:00:00+02:00', '2026-01-05T09:00:00+02:00', true],
  ['2026-01-05', '2026-01-04', '2026-01-05', false],
  ['eq2026-01-05', '2026-01-05', '2026-01-05', true],
  // ne: the day does not contain it
  ['ne2026-01-05', '2026-01-04', '2026-01-05', true],
  ['ne2026-01-05', '2026-01-05', '2026-01-05', false],
  // gt: some of the target lies after the day
  ['gt2026-01-05', '2026-01-04', '2026-01-06', true],
  ['gt2026-01-05', '2026-01-04', '2026-01-05', false],
  ['gt2026-01-05', '2026-01-05', '2026-01-05', false],
  // lt: some of the target lies before the day
  ['lt2026-01-05', '2026-01-04', '2026-01-06', true],
  ['lt2026-01-05', '2026-01-05', '2026-01-06', false],
  // ge: after the day, or within it — a Period that starts before the day and ends on it is NOT ge
  ['ge2026-01-05', '2026-01-01', '2026-01-05T12:00:00+02:00', false],
  ['ge2026-01-05', '2026-01-05', '2026-01-05', true],
  ['ge2026-01-05', '2026-01-01', '2026-01-10', true],
  ['ge2026-01-05', '2026-01-01', '2026-01-04', false],
  // le: before the day, or within it — a Period that starts on the day and ends after it is NOT le
  ['le2026-01-05', '2026-01-05T12:00:00+02:00', '2026-01-10', false],
  ['le2026-01-05', '2026-01-05', '2026-01-05', true],
  ['le2026-01-05', '2026-01-01', '2026-01-10', true],
  ['le2026-01-05', '2026-01-06', '2026-01-10', false],
  // sa: starts after the day ends; eb: ends before the day starts
  ['sa2026-01-05', '2026-01-06', '2026-01-10', true],
  ['sa2026-01-05', '2026-01-05T23:00:00+02:00', '2026-01-10', false],
  ['eb2026-01-05', '2026-01-01', '2026-01-04', true],
  ['eb2026-01-05', '2026-01-01', '2026-01-05T00:30:00+02:00', false],
  // Helsinki midnight: 2026-01-04T22:30Z is 00:30 on the 5th in Helsinki
  ['eq2026-01-05', '2026-01-04T22:30:00Z', '2026-01-04T22:30:00Z', true],
  ['eq2026-01-04', '2026-01-04T22:30:00Z', '2026-01-04T22:30:00Z', false],
  // a time without a zone is Helsinki time and covers its minute
  ['eq2026-01-05T10:00', '2026-01-05T08:00:30Z', '2026-01-05T08:00:30Z', true],
  ['eq2026-06-05T10:00', '2026-06-05T07:00:30Z', '2026-06-05T07:00:30Z', true],
];

describe('R4 date prefixes on ranges', () => {
  it.each(TABLE)('%s against %s..%s is %s', (search, start, end, expected) => {
    expect(matches(search, start, end)).toBe(expected);
  });

  it('has a rule for every prefix R4 defines', () => {
    expect(Object.keys(DATE_RULES).sort()).toEqual(['ap', 'eb', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'sa']);
  });

  it('ap widens by a tenth of the distance from now, at least a day', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const [low, high] = approximateRange('2026-11-01T00:00:00Z', '2026-11-01T23:59:59.999Z', now);
    const tenth = (Date.parse('2026-11-01T00:00:00Z') - now) / 10;
    expect(Date.parse(low)).toBe(Date.parse('2026-11-01T00:00:00Z') - tenth);
    expect(Date.parse(high)).toBe(Date.parse('2026-11-01T23:59:59.999Z') + tenth);
    const [nearLow] = approximateRange('2026-01-01T00:00:00Z', '2026-01-01T23:59:59.999Z', now);
    expect(nearLow).toBe('2025-12-31T00:00:00.000Z');
  });
});

describe('dateBounds in Helsinki time', () => {
  it.each<[string, [string, string] | undefined]>([
    ['2026-01-05', ['2026-01-04T22:00:00.000Z', '2026-01-05T21:59:59.999Z']],
    ['2026-07-05', ['2026-07-04T21:00:00.000Z', '2026-07-05T20:59:59.999Z']],
    ['2026-03', ['2026-02-28T22:00:00.000Z', '2026-03-31T20:59:59.999Z']],
    ['2026', ['2025-12-31T22:00:00.000Z', '2026-12-31T21:59:59.999Z']],
    ['2026-01-05T10:00:00Z', ['2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.999Z']],
    ['2026-01-05T10:00:00.250+02:00', ['2026-01-05T08:00:00.250Z', '2026-01-05T08:00:00.250Z']],
    ['2026-02-30', undefined],
    ['2026-13', undefined],
    ['2026-01-05T25:00', undefined],
  ])('%s covers %j', (value, expected) => {
    expect(dateBounds(value)).toEqual(expected);
  });

  it('refuses unknown prefixes and malformed dates as 400s', () => {
    for (const bad of ['xx2026-01-05', 'ge2026-1-5', 'ge', 'ap2026-02-30']) {
      expect(() => parseDateValue('date', bad)).toThrow(/not a valid date/);
    }
  });
});

const ALL: DatePrefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];
it('every prefix parses', () => {
  for (const p of ALL) expect(parseDateValue('date', `${p}2026-01-05`).prefix).toBe(p);
});

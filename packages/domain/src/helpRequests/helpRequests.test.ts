import { describe, expect, it } from 'vitest';
import { defaultServiceHours, queueFor } from '../openingHours';
import { finnishPhoneNumber } from './finnishPhone';
import { callbackBy, defaultHelpRequestSettings, parseHelpRequest, validateHelpRequestSettings } from './helpRequest';

const guidance = queueFor(defaultServiceHours, 'guidance');
const at = (iso: string) => new Date(iso);

describe('Finnish phone numbers', () => {
  it.each([
    ['040 123 4567', '+358401234567'],
    ['0401234567', '+358401234567'],
    ['+358 40 123 4567', '+358401234567'],
    ['+358 (0)40 123 4567', '+358401234567'],
    ['00358 50 123 4567', '+358501234567'],
    ['(06) 828 7000', '+35868287000'],
    ['09-310 1234', '+358931 01234'.replace(' ', '')],
    ['045 7123 4567', '+3584571234567'],
    ['075 123 4567', '+358751234567'],
  ])('takes %s as %s', (raw, e164) => {
    expect(finnishPhoneNumber(raw)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'empty'],
    [undefined, 'empty'],
    [401234567, 'empty'],
    ['040 123 456a', 'characters'],
    ['+46 70 123 4567', 'foreign'],
    ['0046701234567', 'foreign'],
    ['401234567', 'prefix'],
    ['040 12', 'length'],
    ['040 1234 5678 90', 'length'],
    ['0600 12345', 'premium'],
    ['0700 123 456', 'premium'],
    ['0100 1234', 'premium'],
    ['0209 123456', 'premium'],
    ['071 234 5678', 'prefix'],
  ])('refuses %s (%s)', (raw, problem) => {
    expect(finnishPhoneNumber(raw)).toEqual({ ok: false, problem });
  });
});

describe('help requests', () => {
  const good = { name: 'Maija', phone: '040 123 4567', message: 'Tarvitsen apua lapsen unirytmin kanssa.', bestTime: 'morning', service: 'family-centre', formToken: 'x', website: '' };

  it('takes a complete request with the number in international form and the family centre by default', () => {
    const { service: _s, bestTime: _b, ...minimal } = good;
    expect(parseHelpRequest(good).request).toEqual({ ...good, phone: '+358401234567' });
    expect(parseHelpRequest(minimal).request).toMatchObject({ service: 'family-centre', bestTime: 'any' });
  });

  it('names every problem by field and accepts nothing half-right', () => {
    const r = parseHelpRequest({ ...good, name: ' ', phone: '+46 70 1234567', bestTime: 'night', service: 'dentist', extra: 1 });
    expect(r.request).toBeUndefined();
    expect(r.issues.map((i) => i.field).sort()).toEqual(['bestTime', 'extra', 'name', 'phone', 'service']);
    expect(parseHelpRequest([]).issues[0]?.message).toContain('JSON object');
    expect(parseHelpRequest({ ...good, message: 'x'.repeat(2001) }).issues[0]?.field).toBe('message');
    expect(parseHelpRequest({ ...good, formToken: undefined }).issues[0]?.field).toBe('formToken');
  });
});

describe('the call-back promise', () => {
  const one = defaultHelpRequestSettings;

  it('is the close of the queue on the next working day', () => {
    // Thursday 3 December 2026 10:00 → Friday 16:00 Helsinki (14:00 UTC).
    expect(callbackBy(at('2026-12-03T10:00:00+02:00'), 'non-urgent', guidance, one).toISOString()).toBe('2026-12-04T14:00:00.000Z');
    // Friday → Monday (the weekend does not count).
    expect(callbackBy(at('2026-12-04T09:00:00+02:00'), 'non-urgent', guidance, one).toISOString()).toBe('2026-12-07T14:00:00.000Z');
    // Saturday night → Monday: the first working day after Saturday.
    expect(callbackBy(at('2026-12-05T23:00:00+02:00'), 'non-urgent', guidance, one).toISOString()).toBe('2026-12-07T14:00:00.000Z');
  });

  it('skips public holidays and the closed Christmas Eve', () => {
    // Wednesday 23 December: 24th closed, 25th–27th holidays and weekend → Monday 28th.
    expect(callbackBy(at('2026-12-23T12:00:00+02:00'), 'non-urgent', guidance, one).toISOString()).toBe('2026-12-28T14:00:00.000Z');
    // Independence Day, Monday 6 December 2027: a request on Friday 3rd is called back on Tuesday 7th.
    expect(callbackBy(at('2027-12-03T12:00:00+02:00'), 'non-urgent', guidance, one).toISOString()).toBe('2027-12-07T14:00:00.000Z');
  });

  it('counts the configured working days', () => {
    expect(callbackBy(at('2026-12-03T10:00:00+02:00'), 'non-urgent', guidance, { callbackWorkingDays: 3 }).toISOString()).toBe('2026-12-08T14:00:00.000Z');
  });

  it('is the same day for a request the danger words raised, or the next opening day after hours', () => {
    expect(callbackBy(at('2026-12-03T10:00:00+02:00'), 'urgent', guidance, one).toISOString()).toBe('2026-12-03T14:00:00.000Z');
    expect(callbackBy(at('2026-12-03T17:00:00+02:00'), 'emergent', guidance, one).toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect(callbackBy(at('2026-12-05T10:00:00+02:00'), 'urgent', guidance, one).toISOString()).toBe('2026-12-07T14:00:00.000Z');
  });

  it('follows the queue’s own hours (a queue closed on Fridays moves Friday to Monday)', () => {
    const noFridays = { ...guidance, weekly: { ...guidance.weekly, fri: [] } };
    expect(callbackBy(at('2026-12-03T10:00:00+02:00'), 'non-urgent', noFridays, one).toISOString()).toBe('2026-12-07T14:00:00.000Z');
  });
});

describe('help-request settings', () => {
  it('accepts whole numbers in range and refuses anything else', () => {
    expect(validateHelpRequestSettings(defaultHelpRequestSettings).settings).toEqual(defaultHelpRequestSettings);
    expect(validateHelpRequestSettings({ ...defaultHelpRequestSettings, minFillSeconds: 0 }).settings?.minFillSeconds).toBe(0);
    expect(validateHelpRequestSettings({ ...defaultHelpRequestSettings, callbackWorkingDays: 0 }).errors[0]).toContain('callbackWorkingDays');
    expect(validateHelpRequestSettings({ ...defaultHelpRequestSettings, maxPerAddressPerHour: 1.5 }).errors[0]).toContain('maxPerAddressPerHour');
    expect(validateHelpRequestSettings({ ...defaultHelpRequestSettings, other: 1 }).errors[0]).toContain("Unknown setting 'other'");
    expect(validateHelpRequestSettings(null).errors[0]).toContain('object');
  });
});

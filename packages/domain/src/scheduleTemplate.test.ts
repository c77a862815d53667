import { describe, it, expect } from 'vitest';
import { parseClockTime, VISIT_MODES } from './scheduleTemplate';

describe('parseClockTime', () => {
  it.each([
    ['00:00', 0],
    ['08:30', 510],
    ['23:59', 1439],
  ])('%s → %i', (text, minutes) => expect(parseClockTime(text)).toBe(minutes));
  it.each(['24:00', '8:00', '08:60', '08:00:00', '', 800, null])('rejects %j', (text) => {
    expect(parseClockTime(text)).toBeUndefined();
  });
});

describe('VISIT_MODES', () => {
  it('lists the four modes', () => expect(VISIT_MODES).toEqual(['on-site', 'phone', 'video', 'home-visit']));
});

import { describe, expect, it } from 'vitest';
import { configFromEnvironment } from './config';

describe('OVI_CLOCK', () => {
  it('starts the care clock at an ISO date-time with a zone', () => {
    const config = configFromEnvironment({ OVI_CLOCK: '2026-11-29T19:30:00+02:00' }, {});
    expect(config.clockStart?.toISOString()).toBe('2026-11-29T17:30:00.000Z');
  });

  it('is absent by default', () => {
    expect(configFromEnvironment({}, {}).clockStart).toBeUndefined();
    expect(configFromEnvironment({ OVI_CLOCK: '  ' }, {}).clockStart).toBeUndefined();
  });

  it('refuses a time without a zone, a date alone and nonsense', () => {
    for (const value of ['2026-11-29T19:30:00', '2026-11-29', 'sunday evening', '2026-13-45T99:00:00Z']) {
      expect(() => configFromEnvironment({ OVI_CLOCK: value }, {}), value).toThrow(/OVI_CLOCK/);
    }
  });

  it('is never allowed in production', () => {
    expect(() => configFromEnvironment({ OVI_CLOCK: '2026-11-29T19:30:00+02:00', NODE_ENV: 'production' }, {})).toThrow(/never allowed when NODE_ENV=production/);
  });
});

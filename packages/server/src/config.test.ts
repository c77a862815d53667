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

describe("OVI_REGION_OIDC_* (staff sign-in through the region's identity provider)", () => {
  const region = { OVI_REGION_OIDC_ISSUER: 'https://login.region.example', OVI_REGION_OIDC_CLIENT_ID: 'ovi', OVI_REGION_OIDC_CLIENT_SECRET: 's3cret' };

  it('is off without an issuer, and reads the claim and identifier system with Terhikki by default', () => {
    expect(configFromEnvironment({}, {}).regionSignIn).toBeUndefined();
    expect(configFromEnvironment(region, {}).regionSignIn).toEqual({ issuer: 'https://login.region.example', clientId: 'ovi', clientSecret: 's3cret', claim: 'terhikki', identifierSystem: 'urn:oid:1.2.246.537.26' });
    expect(configFromEnvironment({ ...region, OVI_REGION_OIDC_CLAIM: 'hpo', OVI_REGION_OIDC_IDENTIFIER_SYSTEM: 'urn:x' }, {}).regionSignIn).toMatchObject({ claim: 'hpo', identifierSystem: 'urn:x' });
  });

  it('refuses plain http off this machine and a missing client', () => {
    expect(() => configFromEnvironment({ ...region, OVI_REGION_OIDC_ISSUER: 'http://login.region.example' }, {})).toThrow(/https/);
    expect(configFromEnvironment({ ...region, OVI_REGION_OIDC_ISSUER: 'http://127.0.0.1:4000' }, {}).regionSignIn?.issuer).toBe('http://127.0.0.1:4000');
    expect(() => configFromEnvironment({ OVI_REGION_OIDC_ISSUER: 'https://login.region.example' }, {})).toThrow(/CLIENT_ID and OVI_REGION_OIDC_CLIENT_SECRET/);
  });
});

describe('OVI_REMINDER_INTERVAL_MINUTES', () => {
  it('is 15 by default and refuses a negative or overlong period (which would run the job without pause)', () => {
    expect(configFromEnvironment({}, {}).reminderIntervalMinutes).toBe(15);
    expect(configFromEnvironment({ OVI_REMINDER_INTERVAL_MINUTES: '0' }, {}).reminderIntervalMinutes).toBe(0);
    for (const value of ['-5', '40000', 'often']) {
      expect(() => configFromEnvironment({ OVI_REMINDER_INTERVAL_MINUTES: value }, {}), value).toThrow(/OVI_REMINDER_INTERVAL_MINUTES/);
    }
  });
});

describe('OVI_CONTINUITY_KEEP_MINUTES (continuity figures kept ahead of the dashboard, decision 044)', () => {
  it('is hourly by default, and 0 turns it off', () => {
    expect(configFromEnvironment({}, {}).continuityKeepMinutes).toBe(60);
    expect(configFromEnvironment({ OVI_CONTINUITY_KEEP_MINUTES: '0' }, {}).continuityKeepMinutes).toBe(0);
    expect(configFromEnvironment({ OVI_CONTINUITY_KEEP_MINUTES: '15' }, {}).continuityKeepMinutes).toBe(15);
    // Empty is unset, as for the other variables.
    expect(configFromEnvironment({ OVI_CONTINUITY_KEEP_MINUTES: '' }, {}).continuityKeepMinutes).toBe(60);
  });

  it('refuses what is not a whole number of minutes', () => {
    for (const value of ['-1', '1.5', 'hourly', '1441', '60000']) {
      expect(() => configFromEnvironment({ OVI_CONTINUITY_KEEP_MINUTES: value }, {}), value).toThrow(/OVI_CONTINUITY_KEEP_MINUTES/);
    }
  });
});

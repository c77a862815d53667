import { describe, expect, it } from 'vitest';
import { SYSTEMS } from './codes';
import { authorisationInForce, authorisedRepresentativeRelationship, isAuthorisedRepresentative } from './authorisation';

// 2026-11-29 21:30 in Helsinki (UTC+2): late evening, so the Helsinki day differs from UTC's only near midnight.
const AT = new Date('2026-11-29T19:30:00Z');

describe('an authorised representative', () => {
  it('is recognised by the v3 RoleCode HPOWATT only', () => {
    expect(isAuthorisedRepresentative(authorisedRepresentativeRelationship())).toBe(true);
    expect(isAuthorisedRepresentative([{ coding: [{ system: SYSTEMS.roleCode, code: 'GUARD' }] }])).toBe(false);
    expect(isAuthorisedRepresentative([{ coding: [{ system: 'urn:other', code: 'HPOWATT' }] }])).toBe(false);
    expect(isAuthorisedRepresentative(undefined)).toBe(false);
  });

  it('holds within its period and never after it ends', () => {
    expect(authorisationInForce({ start: '2026-01-01', end: '2027-12-31' }, AT)).toBe(true);
    expect(authorisationInForce({ end: '2026-11-29' }, AT)).toBe(true); // the last day counts whole
    expect(authorisationInForce({ end: '2026-11-28' }, AT)).toBe(false);
    expect(authorisationInForce({ end: '2026-11-29T19:30:00Z' }, AT)).toBe(false); // the end instant no longer holds
    expect(authorisationInForce({ end: '2026-11-29T19:31:00Z' }, AT)).toBe(true);
    expect(authorisationInForce({ end: '2026' }, AT)).toBe(true);
    expect(authorisationInForce({ end: '2026-10' }, AT)).toBe(false);
  });

  it('does not hold before it starts', () => {
    expect(authorisationInForce({ start: '2026-11-30', end: '2027-01-01' }, AT)).toBe(false);
    expect(authorisationInForce({ start: '2026-11-29', end: '2027-01-01' }, AT)).toBe(true);
    expect(authorisationInForce({ start: '2026-11-29T19:31:00Z', end: '2027-01-01' }, AT)).toBe(false);
  });

  it('uses the Helsinki calendar day: just after midnight in Helsinki is already the next day', () => {
    const justAfterMidnight = new Date('2026-11-29T22:30:00Z'); // 00:30 on 30 November in Helsinki
    expect(authorisationInForce({ end: '2026-11-29' }, justAfterMidnight)).toBe(false);
    expect(authorisationInForce({ start: '2026-11-30', end: '2026-12-31' }, justAfterMidnight)).toBe(true);
  });

  it('holds never without an end or with a value that does not parse', () => {
    expect(authorisationInForce(undefined, AT)).toBe(false);
    expect(authorisationInForce({ start: '2026-01-01' }, AT)).toBe(false);
    expect(authorisationInForce({ end: 'tomorrow' }, AT)).toBe(false);
    expect(authorisationInForce({ start: 'yesterday', end: '2027-01-01' }, AT)).toBe(false);
    expect(authorisationInForce({ end: '2027-13-45T00:00:00Z' }, AT)).toBe(false);
  });
});

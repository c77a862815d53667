import { describe, expect, it } from 'vitest';
import {
  isTestPersonalIdentityCode,
  isValidPersonalIdentityCode,
  makeTestPersonalIdentityCode,
  parsePersonalIdentityCode,
} from './personalIdentityCode';

describe('personal identity codes', () => {
  it('accepts published example codes', () => {
    expect(isValidPersonalIdentityCode('131052-308T')).toBe(true);
    expect(isValidPersonalIdentityCode('020516C903K')).toBe(true);
    expect(isTestPersonalIdentityCode('020516C903K')).toBe(true);
    expect(isTestPersonalIdentityCode('131052-308T')).toBe(false);
  });

  it('rejects wrong check characters, dates and shapes', () => {
    expect(isValidPersonalIdentityCode('131052-308U')).toBe(false);
    expect(isValidPersonalIdentityCode('310252-308T')).toBe(false); // 31 February
    expect(isValidPersonalIdentityCode('131052Z308T')).toBe(false);
    expect(isValidPersonalIdentityCode('131052-308')).toBe(false);
    expect(isValidPersonalIdentityCode('131052-308t')).toBe(false);
    expect(isValidPersonalIdentityCode('')).toBe(false);
  });

  it('makes valid test codes with the century sign and parity of the person', () => {
    const woman = makeTestPersonalIdentityCode('1987-03-14', 'female', 3);
    expect(woman.slice(0, 10)).toBe('140387-906');
    expect(isTestPersonalIdentityCode(woman)).toBe(true);
    const boy = makeTestPersonalIdentityCode('2024-12-01', 'male', 49);
    expect(boy.slice(0, 10)).toBe('011224A999');
    expect(isTestPersonalIdentityCode(boy)).toBe(true);
    expect(parsePersonalIdentityCode(boy)).toEqual({ birthDate: '2024-12-01', sex: 'male' });
    expect(parsePersonalIdentityCode(woman)).toEqual({ birthDate: '1987-03-14', sex: 'female' });
  });

  it('refuses impossible input', () => {
    expect(() => makeTestPersonalIdentityCode('1987-02-30', 'female', 1)).toThrow();
    expect(() => makeTestPersonalIdentityCode('1899-01-01', 'male', 1)).toThrow();
    expect(() => makeTestPersonalIdentityCode('1987-01-01', 'male', 50)).toThrow();
  });
});

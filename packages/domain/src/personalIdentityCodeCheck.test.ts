import { describe, expect, it } from 'vitest';
import { personalIdentityCodeProblem } from './personalIdentityCodeCheck';

describe('what is wrong with a personal identity code', () => {
  it('finds nothing wrong with a valid code', () => {
    expect(personalIdentityCodeProblem('131052-308T')).toBeUndefined();
    expect(personalIdentityCodeProblem('020516C903K')).toBeUndefined();
  });

  it('says when only the last character does not match', () => {
    expect(personalIdentityCodeProblem('131052-308U')).toBe('check-character');
    expect(personalIdentityCodeProblem('131052-3080')).toBe('check-character');
    // A letter that is never a check character (G, I, O, Q, Z) is still the last character's fault.
    expect(personalIdentityCodeProblem('131052-308Z')).toBe('check-character');
    expect(personalIdentityCodeProblem('020516C903L')).toBe('check-character');
  });

  it('tells a date that does not exist from a wrong last character', () => {
    expect(personalIdentityCodeProblem('310252-308T')).toBe('date'); // 31 February
    expect(personalIdentityCodeProblem('290223A9020')).toBe('date'); // 29 February 2023
    expect(personalIdentityCodeProblem('291123A9020')).toBe('check-character'); // 29 November 2023 is real
  });

  it('says when the code has the wrong shape', () => {
    expect(personalIdentityCodeProblem('131052-308')).toBe('format');
    expect(personalIdentityCodeProblem('131052Z308T')).toBe('format');
    expect(personalIdentityCodeProblem('')).toBe('format');
  });

  it('knows the individual numbers that are never given', () => {
    expect(personalIdentityCodeProblem('131052-001T')).toBe('individual-number');
  });
});

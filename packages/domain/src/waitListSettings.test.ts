import { describe, expect, it } from 'vitest';
import { DEFAULT_WAIT_LIST_SETTINGS, waitListSettingsProblems } from './waitListSettings';

describe('waitListSettingsProblems', () => {
  it('accepts the defaults and whole numbers within the limits', () => {
    expect(waitListSettingsProblems(DEFAULT_WAIT_LIST_SETTINGS)).toEqual([]);
    expect(waitListSettingsProblems({ offerHours: 72, maxOffersEach: 1 })).toEqual([]);
  });
  it('names each field out of bounds, not whole, missing or unknown', () => {
    expect(waitListSettingsProblems({ offerHours: 0, maxOffersEach: 11 })).toEqual(['offerHours: a whole number from 1 to 72', 'maxOffersEach: a whole number from 1 to 10']);
    expect(waitListSettingsProblems({ offerHours: 2.5, maxOffersEach: '3' })).toHaveLength(2);
    expect(waitListSettingsProblems({ offerHours: 3 })).toEqual(['maxOffersEach: a whole number from 1 to 10']);
    expect(waitListSettingsProblems({ offerHours: 3, maxOffersEach: 3, other: 1 })).toEqual(['other: not a wait-list setting']);
  });
  it('refuses what is not an object', () => {
    for (const v of [null, [], 'x', 3]) expect(waitListSettingsProblems(v)).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { carePlanSettingsProblems, DEFAULT_CARE_PLAN_SETTINGS } from './settings';

describe('carePlanSettingsProblems', () => {
  it('accepts the defaults and refuses a lead time out of range or missing lists', () => {
    expect(carePlanSettingsProblems(DEFAULT_CARE_PLAN_SETTINGS)).toEqual([]);
    expect(carePlanSettingsProblems({ ...DEFAULT_CARE_PLAN_SETTINGS, reviewLeadDays: 91 })).toEqual(['reviewLeadDays: a whole number of days 0–90']);
    expect(carePlanSettingsProblems({ reviewLeadDays: 0, avain: { scales: {} } })[0]).toMatch(/^avain\./);
    expect(carePlanSettingsProblems(null)).toHaveLength(2);
  });
});

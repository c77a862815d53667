import { describe, it, expect } from 'vitest';
import { validateCareGuaranteeConfig } from './validateCareGuarantee';
import { defaultCareGuaranteeConfig } from './defaultCareGuarantee';

const clone = (): Record<string, unknown> & { rules: Record<string, unknown>[] } =>
  structuredClone(defaultCareGuaranteeConfig) as unknown as Record<string, unknown> & { rules: Record<string, unknown>[] };

describe('validateCareGuaranteeConfig', () => {
  it('accepts the default configuration and returns a copy', () => {
    const result = validateCareGuaranteeConfig(defaultCareGuaranteeConfig);
    expect(result.errors).toEqual([]);
    expect(result.config).toEqual(defaultCareGuaranteeConfig);
    expect(result.config).not.toBe(defaultCareGuaranteeConfig);
  });

  it.each([null, 'x', 3, []])('rejects a non-object %s', (value) => {
    expect(validateCareGuaranteeConfig(value)).toEqual({ errors: [expect.stringMatching(/^\(root\): must be an object/)] });
  });

  it('checks the top-level fields', () => {
    const value = { version: 0, timeZone: 'Europe/Stockholm', officeHours: { start: 16, end: 8 }, rules: {}, extra: 1 };
    const { config, errors } = validateCareGuaranteeConfig(value);
    expect(config).toBeUndefined();
    expect(errors).toEqual([
      'extra: unknown property',
      'version: must be an integer between 1 and 9007199254740991, got 0',
      'timeZone: must be "Europe/Helsinki", got "Europe/Stockholm"',
      'officeHours: start (16) must be before end (8)',
      'rules: must be an array',
    ]);
  });

  it('checks office hours are whole hours of a day', () => {
    const value = { ...clone(), officeHours: { start: 8.5, end: 24 } };
    expect(validateCareGuaranteeConfig(value).errors).toEqual([
      'officeHours.start: must be an integer between 0 and 23, got 8.5',
      'officeHours.end: must be an integer between 1 and 23, got 24',
    ]);
  });

  it('names the exact path of a bad rule field', () => {
    const value = clone();
    value.rules[2] = { ...value.rules[2], limit: {} };
    value.rules[3] = { ...value.rules[3], urgency: 'soon', kind: 'national' };
    value.rules[4] = { ...value.rules[4], limit: { days: -1, months: 1.5 } };
    expect(validateCareGuaranteeConfig(value).errors).toEqual([
      'rules[2].limit: must give days or months',
      'rules[3].kind: must be one of legal, regional, got "national"',
      'rules[3].urgency: must be one of emergent, urgent, non-urgent, self-care, got "soon"',
      'rules[4].limit.days: must be an integer between 0 and 3660, got -1',
      'rules[4].limit.months: must be an integer between 0 and 120, got 1.5',
    ]);
  });

  it('rejects a typo in a property name', () => {
    const value = clone();
    value.rules[0] = { ...value.rules[0], maxAge: 23 };
    expect(validateCareGuaranteeConfig(value).errors).toEqual(['rules[0].maxAge: unknown property']);
  });

  it('requires all three languages in a label', () => {
    const value = clone();
    value.rules[1] = { ...value.rules[1], label: { fi: 'Laki', en: '' } };
    expect(validateCareGuaranteeConfig(value).errors).toEqual([
      'rules[1].label.sv: must be a non-empty string, got missing',
      'rules[1].label.en: must be a non-empty string, got ""',
    ]);
  });

  it('rejects an empty age band', () => {
    const value = clone();
    value.rules[0] = { ...value.rules[0], minAge: 23, maxAgeExclusive: 23 };
    expect(validateCareGuaranteeConfig(value).errors).toContain('rules[0]: minAge (23) must be below maxAgeExclusive (23)');
  });

  it('rejects duplicate ids', () => {
    const value = clone();
    value.rules[5] = { ...value.rules[5], id: 'regional-primary-care-7d' };
    expect(validateCareGuaranteeConfig(value).errors).toEqual([
      'rules[5].id: duplicate id "regional-primary-care-7d" (also rules[4])',
    ]);
  });

  it('rejects overlapping age bands of the same kind, service and urgency', () => {
    const value = clone();
    value.rules[1] = { ...value.rules[1], minAge: 20 };
    expect(validateCareGuaranteeConfig(value).errors).toEqual([
      'rules[1]: overlaps rules[0] (legal primary-care non-urgent, ages 0–22 and 20+)',
    ]);
  });

  it('allows a legal and a regional rule for the same service side by side', () => {
    const value = clone();
    value.rules = value.rules.filter((r) => r.service === 'primary-care');
    expect(validateCareGuaranteeConfig(value).errors).toEqual([]);
  });
});

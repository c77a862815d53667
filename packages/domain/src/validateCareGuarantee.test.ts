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
      'rules[2].limit: must give days, months or workingDays',
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

  describe('working days, start and period in force', () => {
    const withRule = (index: number, patch: Record<string, unknown>): unknown => {
      const value = clone();
      value.rules[index] = { ...value.rules[index], ...patch };
      return value;
    };

    it('accepts working days 0 to 400', () => {
      expect(validateCareGuaranteeConfig(withRule(0, { limit: { workingDays: 0 } })).errors).toEqual([]);
      expect(validateCareGuaranteeConfig(withRule(0, { limit: { workingDays: 400 } })).errors).toEqual([]);
    });

    it.each([401, -1, 1.5, '7'])('refuses working days %s', (workingDays) => {
      expect(validateCareGuaranteeConfig(withRule(0, { limit: { workingDays } })).errors).toEqual([
        `rules[0].limit.workingDays: must be an integer between 0 and 400, got ${typeof workingDays === 'string' ? `"${workingDays}"` : workingDays}`,
      ]);
    });

    it('refuses working days mixed with calendar time', () => {
      expect(validateCareGuaranteeConfig(withRule(0, { limit: { workingDays: 7, days: 2 } })).errors).toEqual([
        'rules[0].limit: workingDays cannot be combined with days or months',
      ]);
    });

    it('checks what a limit is counted from', () => {
      expect(validateCareGuaranteeConfig(withRule(0, { from: 'contact' })).errors).toEqual([]);
      expect(validateCareGuaranteeConfig(withRule(0, { from: 'visit' })).errors).toEqual([
        'rules[0].from: must be one of contact, assessment, got "visit"',
      ]);
    });

    it('accepts a period open at either end or closed', () => {
      for (const inForce of [{}, { from: '2025-01-01' }, { until: '2025-12-31' }, { from: '2025-01-01', until: '2025-01-01' }]) {
        expect(validateCareGuaranteeConfig(withRule(0, { inForce })).errors).toEqual([]);
      }
    });

    it('refuses dates that do not exist and a period that ends before it starts', () => {
      expect(validateCareGuaranteeConfig(withRule(0, { inForce: { from: '2025-02-29', until: '1.1.2026' } })).errors).toEqual([
        'rules[0].inForce.from: must be a real date written YYYY-MM-DD, got "2025-02-29"',
        'rules[0].inForce.until: must be a real date written YYYY-MM-DD, got "1.1.2026"',
      ]);
      expect(validateCareGuaranteeConfig(withRule(0, { inForce: { from: '2025-06-02', until: '2025-06-01' } })).errors).toEqual([
        'rules[0].inForce: from (2025-06-02) must not be after until (2025-06-01)',
      ]);
      expect(validateCareGuaranteeConfig(withRule(0, { inForce: { since: '2025-01-01' } })).errors).toEqual([
        'rules[0].inForce.since: unknown property',
      ]);
      expect(validateCareGuaranteeConfig(withRule(0, { inForce: '2025' })).errors).toEqual([
        'rules[0].inForce: must be an object, got "2025"',
      ]);
    });

    it('lets an old and a new limit for the same ages follow each other', () => {
      const value = clone();
      const under23 = value.rules[0]!;
      value.rules.push({ ...under23, id: 'legal-primary-care-under-23-2023', limit: { days: 14 }, inForce: { from: '2023-09-01', until: '2024-12-31' } });
      value.rules[0] = { ...under23, inForce: { from: '2025-01-01' } };
      expect(validateCareGuaranteeConfig(value).errors).toEqual([]);
    });

    it('refuses periods that share a day, naming both periods', () => {
      const value = clone();
      const under23 = value.rules[0]!;
      value.rules.push({ ...under23, id: 'old', inForce: { until: '2025-01-01' } });
      value.rules[0] = { ...under23, inForce: { from: '2025-01-01' } };
      expect(validateCareGuaranteeConfig(value).errors).toEqual([
        `rules[${value.rules.length - 1}]: overlaps rules[0] (legal primary-care non-urgent, ages 0–22 and 0–22, in force 2025-01-01– and –2025-01-01)`,
      ]);
    });

    it('refuses an open-ended rule beside a dated one for the same ages', () => {
      const value = clone();
      value.rules.push({ ...value.rules[0]!, id: 'new', inForce: { from: '2026-01-01' } });
      expect(validateCareGuaranteeConfig(value).errors).toEqual([
        `rules[${value.rules.length - 1}]: overlaps rules[0] (legal primary-care non-urgent, ages 0–22 and 0–22, in force always and 2026-01-01–)`,
      ]);
    });
  });

  describe('the default rules', () => {
    const byId = (id: string) => defaultCareGuaranteeConfig.rules.find((r) => r.id === id);

    it('count the Health Care Act limits from the assessment', () => {
      for (const id of ['legal-primary-care-under-23', 'legal-primary-care-23-plus', 'legal-oral-health-under-23', 'legal-oral-health-23-plus']) {
        expect(byId(id)?.from).toBe('assessment');
      }
    });

    it('hold the therapy guarantee for under-23s from 1 May 2025, with its sources', () => {
      expect(byId('legal-psychosocial-treatment-under-23')).toMatchObject({
        kind: 'legal',
        service: 'psychosocial-treatment',
        urgency: 'non-urgent',
        maxAgeExclusive: 23,
        limit: { days: 28 },
        from: 'assessment',
        inForce: { from: '2025-05-01' },
        source: expect.stringMatching(/HE 131\/2024 vp, StVM 26\/2024 vp/),
      });
    });

    it('give the social-services limits in working days, the unconfirmed one marked so', () => {
      expect(byId('legal-social-services-75-plus')).toMatchObject({ minAge: 75, limit: { workingDays: 7 } });
      expect(byId('legal-social-services-75-plus')?.source).toMatch(/VAHVISTAMATON/);
      expect(byId('legal-social-services-child-welfare')).toMatchObject({ maxAgeExclusive: 18, limit: { workingDays: 7 } });
    });

    it('give every legal rule a source', () => {
      for (const rule of defaultCareGuaranteeConfig.rules) {
        if (rule.kind === 'legal') expect(rule.source, rule.id).toBeTruthy();
      }
    });
  });
});

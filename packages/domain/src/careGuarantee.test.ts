import { describe, it, expect } from 'vitest';
import {
  addWorkingDays,
  computeDeadlines,
  ruleDeadline,
  ruleInForce,
  type CareGuaranteeConfig,
  type CareGuaranteeRule,
} from './careGuarantee';
import { defaultCareGuaranteeConfig as config } from './defaultCareGuarantee';
import type { Urgency } from './types';

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date | undefined): string | undefined => d?.toISOString();

function deadlines(contactAt: string, service: string, urgency: Urgency, birthDate?: string, cfg = config) {
  return computeDeadlines({ contactAt: at(contactAt), service, urgency, birthDate, config: cfg });
}

describe('assessmentDue (same working day, by 16:00 Helsinki)', () => {
  it.each([
    ['Monday 10:00', '2025-06-16T07:00:00Z', '2025-06-16T13:00:00.000Z'],
    ['Monday 00:30', '2025-06-15T21:30:00Z', '2025-06-16T13:00:00.000Z'],
    ['Monday 15:59:59', '2025-06-16T12:59:59Z', '2025-06-16T13:00:00.000Z'],
    ['Monday 16:00 exactly', '2025-06-16T13:00:00Z', '2025-06-17T13:00:00.000Z'],
    ['Friday evening', '2025-06-13T14:00:00Z', '2025-06-16T13:00:00.000Z'],
    ['Saturday', '2025-06-14T09:00:00Z', '2025-06-16T13:00:00.000Z'],
    ['Sunday 23:30', '2025-06-15T20:30:00Z', '2025-06-16T13:00:00.000Z'],
    ['Thursday evening before Midsummer', '2025-06-19T15:00:00Z', '2025-06-23T13:00:00.000Z'],
    ['Midsummer Eve morning', '2025-06-20T06:00:00Z', '2025-06-23T13:00:00.000Z'],
    ['evening of 23 December', '2025-12-23T15:00:00Z', '2025-12-29T14:00:00.000Z'],
    ['Easter Monday', '2025-04-21T07:00:00Z', '2025-04-22T13:00:00.000Z'],
    ['Saturday before spring DST change', '2025-03-29T10:00:00Z', '2025-03-31T13:00:00.000Z'],
    ['Friday evening before autumn DST change', '2025-10-24T14:00:00Z', '2025-10-27T14:00:00.000Z'],
  ])('%s', (_label, contactAt, expected) => {
    expect(iso(deadlines(contactAt, 'primary-care', 'non-urgent', '1990-01-01').assessmentDue)).toBe(expected);
  });
});

describe('non-urgent', () => {
  it('works to the stricter regional promise while keeping the legal limit (age 30)', () => {
    const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '1995-01-01');
    expect(iso(d.legal)).toBe('2025-09-16T20:59:59.999Z');
    expect(iso(d.regional)).toBe('2025-06-23T20:59:59.999Z');
    expect(iso(d.workTo)).toBe('2025-06-23T20:59:59.999Z');
    expect(d.legalRuleId).toBe('legal-primary-care-23-plus');
    expect(d.regionalRuleId).toBe('regional-primary-care-7d');
  });

  it('works to the legal limit when it is the stricter one', () => {
    const lenient: CareGuaranteeConfig = {
      ...config,
      rules: config.rules.map((r) => (r.kind === 'regional' ? { ...r, limit: { days: 30 } } : r)),
    };
    const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '2010-01-01', lenient);
    expect(iso(d.legal)).toBe('2025-06-30T20:59:59.999Z');
    expect(iso(d.regional)).toBe('2025-07-16T20:59:59.999Z');
    expect(iso(d.workTo)).toBe(iso(d.legal));
  });

  describe('the 22 → 23 boundary on the birthday', () => {
    it('is 23 on the birthday: 3 months', () => {
      const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '2002-06-16');
      expect(d.legalRuleId).toBe('legal-primary-care-23-plus');
    });
    it('is 22 the day before the birthday: 14 days', () => {
      const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '2002-06-17');
      expect(d.legalRuleId).toBe('legal-primary-care-under-23');
      expect(iso(d.legal)).toBe('2025-06-30T20:59:59.999Z');
    });
    it('uses the Helsinki date (00:30 local is still the previous day in UTC)', () => {
      const d = deadlines('2025-06-15T21:30:00Z', 'primary-care', 'non-urgent', '2002-06-16');
      expect(d.legalRuleId).toBe('legal-primary-care-23-plus');
    });
    it('applies to oral health too', () => {
      expect(deadlines('2025-06-16T07:00:00Z', 'oral-health', 'non-urgent', '2002-06-17').legalRuleId).toBe(
        'legal-oral-health-under-23',
      );
      expect(deadlines('2025-06-16T07:00:00Z', 'oral-health', 'non-urgent', '2002-06-16').legalRuleId).toBe(
        'legal-oral-health-23-plus',
      );
    });
  });

  it('counts a 29 February birthday as turning 23 on 1 March in a common year', () => {
    expect(deadlines('2027-02-28T08:00:00Z', 'primary-care', 'non-urgent', '2004-02-29').legalRuleId).toBe(
      'legal-primary-care-under-23',
    );
    expect(deadlines('2027-03-01T08:00:00Z', 'primary-care', 'non-urgent', '2004-02-29').legalRuleId).toBe(
      'legal-primary-care-23-plus',
    );
  });

  it('moves a deadline on Midsummer Eve back to Thursday', () => {
    const d = deadlines('2025-06-13T07:00:00Z', 'primary-care', 'non-urgent', '1980-01-01');
    expect(iso(d.regional)).toBe('2025-06-19T20:59:59.999Z');
  });
  it('moves a deadline on Midsummer Day (Saturday) back to Thursday', () => {
    const d = deadlines('2025-06-14T09:00:00Z', 'primary-care', 'non-urgent', '1980-01-01');
    expect(iso(d.regional)).toBe('2025-06-19T20:59:59.999Z');
  });
  it('moves a deadline over Christmas back to 23 December', () => {
    const d = deadlines('2025-12-12T08:00:00Z', 'primary-care', 'non-urgent', '2015-01-01');
    expect(iso(d.legal)).toBe('2025-12-23T21:59:59.999Z');
  });
  it('clamps months to the month end and then steps back from a weekend', () => {
    // 30.11.2025 + 3 months = 28.2.2026, a Saturday → Friday 27.2.
    const d = deadlines('2025-11-30T10:00:00Z', 'primary-care', 'non-urgent', '1980-01-01');
    expect(iso(d.legal)).toBe('2026-02-27T21:59:59.999Z');
  });
  it('reaches 29 February in a leap year', () => {
    const d = deadlines('2023-11-30T10:00:00Z', 'primary-care', 'non-urgent', '1980-01-01');
    expect(iso(d.legal)).toBe('2024-02-29T21:59:59.999Z');
  });
  it('ends the day in summer time after the spring DST change', () => {
    const d = deadlines('2025-03-24T08:00:00Z', 'primary-care', 'non-urgent', '1980-01-01');
    expect(iso(d.regional)).toBe('2025-03-31T20:59:59.999Z');
  });
  it('ends the day in winter time after the autumn DST change', () => {
    const d = deadlines('2025-10-20T08:00:00Z', 'primary-care', 'non-urgent', '1980-01-01');
    expect(iso(d.regional)).toBe('2025-10-27T21:59:59.999Z');
  });
  it('uses the only rule there is: legal only (oral health)', () => {
    const d = deadlines('2025-06-16T07:00:00Z', 'oral-health', 'non-urgent', '1980-01-01');
    expect(iso(d.legal)).toBe('2025-12-16T21:59:59.999Z');
    expect(d.regional).toBeUndefined();
    expect(d.regionalRuleId).toBeUndefined();
    expect(iso(d.workTo)).toBe(iso(d.legal));
  });
  it('uses the only rule there is: regional only (social services aged 30, family centre)', () => {
    for (const service of ['social-services', 'family-centre']) {
      const d = deadlines('2025-06-16T07:00:00Z', service, 'non-urgent', '1995-01-01');
      expect(d.legal).toBeUndefined();
      expect(iso(d.workTo)).toBe('2025-06-23T20:59:59.999Z');
      expect(d.regionalRuleId).toBe(`regional-${service}-7d`);
    }
  });
  it('takes the strictest age band when the birth date is unknown', () => {
    const d = deadlines('2025-06-16T07:00:00Z', 'oral-health', 'non-urgent');
    expect(d.legalRuleId).toBe('legal-oral-health-under-23');
  });
  it('names the rules behind the deadlines in words', () => {
    const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '1995-01-01');
    const legalRule = config.rules.find((r) => r.id === 'legal-primary-care-23-plus')!;
    const regionalRule = config.rules.find((r) => r.id === 'regional-primary-care-7d')!;
    expect(d.basis).toEqual({
      legal: { ruleId: legalRule.id, label: legalRule.label, source: legalRule.source },
      regional: { ruleId: regionalRule.id, label: regionalRule.label, source: regionalRule.source },
    });
    expect(d.gap).toBeUndefined();
  });
});

describe('limits counted from the assessment', () => {
  // Friday 13.6.2025 at 17:00, after office hours; assessed on Monday 16.6. at 9:00.
  const contactAt = '2025-06-13T14:00:00Z';
  const assessedAt = at('2025-06-16T06:00:00Z');

  it('runs the legal primary-care limit from the assessment day', () => {
    const d = computeDeadlines({ contactAt: at(contactAt), assessedAt, service: 'primary-care', urgency: 'non-urgent', birthDate: '2010-01-01', config });
    expect(iso(d.legal)).toBe('2025-06-30T20:59:59.999Z');
  });
  it('runs the regional promise from the contact (it is counted from the contact)', () => {
    const d = computeDeadlines({ contactAt: at(contactAt), assessedAt, service: 'primary-care', urgency: 'non-urgent', birthDate: '2010-01-01', config });
    // 13.6. + 7 = Midsummer Eve → Thursday 19.6.
    expect(iso(d.regional)).toBe('2025-06-19T20:59:59.999Z');
    expect(iso(d.workTo)).toBe(iso(d.regional));
  });
  it('lets the contact stand in for a missing assessment time', () => {
    const d = deadlines(contactAt, 'primary-care', 'non-urgent', '2010-01-01');
    expect(iso(d.legal)).toBe('2025-06-27T20:59:59.999Z');
  });
  it('uses the Helsinki date of the assessment', () => {
    // 23:30 Helsinki on Sunday 15.6. is still 15.6. there, though 20:30 UTC.
    const d = computeDeadlines({
      contactAt: at('2025-06-15T20:00:00Z'),
      assessedAt: at('2025-06-15T20:30:00Z'),
      service: 'oral-health',
      urgency: 'non-urgent',
      birthDate: '1980-01-01',
      config,
    });
    expect(iso(d.legal)).toBe('2025-12-15T21:59:59.999Z');
  });
  it('rejects an invalid assessment time', () => {
    expect(() =>
      computeDeadlines({ contactAt: at(contactAt), assessedAt: at('nonsense'), service: 'primary-care', urgency: 'non-urgent', config }),
    ).toThrow(new RangeError('assessedAt is an invalid Date'));
  });
  it('keeps the assessment itself due on the contact day whatever assessedAt says', () => {
    const d = computeDeadlines({ contactAt: at(contactAt), assessedAt, service: 'primary-care', urgency: 'non-urgent', config });
    expect(iso(d.assessmentDue)).toBe('2025-06-16T13:00:00.000Z');
  });
});

describe('the therapy guarantee for under-23s (28 days from the assessment, from 1.5.2025)', () => {
  const psychosocial = (contactAt: string, birthDate?: string, assessedAt?: string) =>
    computeDeadlines({
      contactAt: at(contactAt),
      ...(assessedAt && { assessedAt: at(assessedAt) }),
      service: 'psychosocial-treatment',
      urgency: 'non-urgent',
      birthDate,
      config,
    });

  it("gives a 16-year-old 28 days and works to the region's one-week promise", () => {
    const d = psychosocial('2025-06-16T07:00:00Z', '2009-01-01');
    expect(iso(d.legal)).toBe('2025-07-14T20:59:59.999Z');
    expect(d.legalRuleId).toBe('legal-psychosocial-treatment-under-23');
    expect(d.basis.legal?.source).toMatch(/HE 131\/2024 vp/);
    expect(iso(d.regional)).toBe('2025-06-23T20:59:59.999Z');
    expect(iso(d.workTo)).toBe(iso(d.regional));
  });
  it('steps back from a weekend: 28 days from Wednesday 4.6. is Wednesday 2.7.; from Saturday 7.6. Friday 4.7.', () => {
    expect(iso(psychosocial('2025-06-04T07:00:00Z', '2009-01-01').legal)).toBe('2025-07-02T20:59:59.999Z');
    expect(iso(psychosocial('2025-06-09T07:00:00Z', '2009-01-01', '2025-06-07T09:00:00Z').legal)).toBe(
      '2025-07-04T20:59:59.999Z',
    );
  });
  it('does not apply before 1 May 2025', () => {
    const d = psychosocial('2025-04-28T07:00:00Z', '2009-01-01');
    expect(d.legal).toBeUndefined();
    expect(d.regionalRuleId).toBe('regional-psychosocial-treatment-7d');
    expect(d.gap).toBeUndefined();
  });
  it('applies when the assessment falls on or after 1 May 2025, though the contact was earlier', () => {
    const d = psychosocial('2025-04-30T07:00:00Z', '2009-01-01', '2025-05-02T07:00:00Z');
    expect(iso(d.legal)).toBe('2025-05-30T20:59:59.999Z');
  });
  it('applies on 1 May 2025 itself; day 28 is Ascension Day, so the deadline is the Wednesday before', () => {
    expect(iso(psychosocial('2025-05-01T07:00:00Z', '2009-01-01').legal)).toBe('2025-05-28T20:59:59.999Z');
  });
  it('gives a 23-year-old the general 3-month limit', () => {
    const d = psychosocial('2025-06-16T07:00:00Z', '2002-06-16');
    expect(d.legalRuleId).toBe('legal-psychosocial-treatment-23-plus');
    expect(iso(d.legal)).toBe('2025-09-16T20:59:59.999Z');
  });
});

describe('working-day limits (social services)', () => {
  const social = (contactAt: string, birthDate?: string) => deadlines(contactAt, 'social-services', 'non-urgent', birthDate);

  it('counts 7 working days from a Tuesday to the Thursday of the next week (THL example)', () => {
    const d = social('2025-06-10T07:00:00Z', '1945-01-01');
    expect(iso(d.legal)).toBe('2025-06-19T20:59:59.999Z');
    expect(d.legalRuleId).toBe('legal-social-services-75-plus');
    expect(d.basis.legal?.label.en).toBe('Law: a service-need assessment for people aged 75 or over starts by the 7th working day');
    // The region's 7 calendar days (17.6.) come first.
    expect(iso(d.workTo)).toBe('2025-06-17T20:59:59.999Z');
  });
  it('does not count Midsummer Eve', () => {
    expect(iso(social('2025-06-17T07:00:00Z', '1945-01-01').legal)).toBe('2025-06-27T20:59:59.999Z');
  });
  it('starts counting on the next working day when the contact comes on a Saturday', () => {
    expect(iso(social('2025-06-14T09:00:00Z', '1945-01-01').legal)).toBe('2025-06-25T20:59:59.999Z');
  });
  it("skips Christmas Eve, the Christmas holidays, New Year's Day and weekends", () => {
    // Fri 19.12.: 22, 23, 29, 30, 31.12., 2.1., 5.1.
    expect(iso(social('2025-12-19T08:00:00Z', '2010-05-05').legal)).toBe('2026-01-05T21:59:59.999Z');
  });
  it('applies the child-welfare limit under 18 and no legal limit from 18 to 74', () => {
    expect(social('2025-06-10T07:00:00Z', '2007-06-11').legalRuleId).toBe('legal-social-services-child-welfare');
    expect(social('2025-06-10T07:00:00Z', '2007-06-10').legalRuleId).toBeUndefined();
    expect(social('2025-06-10T07:00:00Z', '1950-06-11').legalRuleId).toBeUndefined();
    expect(social('2025-06-10T07:00:00Z', '1950-06-10').legalRuleId).toBe('legal-social-services-75-plus');
  });
});

describe('addWorkingDays and ruleDeadline', () => {
  it.each([
    ['2025-06-10', 1, '2025-06-11'],
    ['2025-06-13', 1, '2025-06-16'],
    ['2025-06-10', 7, '2025-06-19'],
    ['2025-06-14', 0, '2025-06-16'],
    ['2025-06-16', 0, '2025-06-16'],
    ['2025-12-06', 1, '2025-12-08'],
    ['2025-04-17', 1, '2025-04-22'],
    ['2025-12-31', 1, '2026-01-02'],
  ])('%s + %i working days = %s', (start, count, expected) => {
    expect(addWorkingDays(start, count)).toBe(expected);
  });
  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2025-06-10', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-06-10', 1.5)).toThrow(RangeError);
  });
  it('ends a working-day limit at the end of that day, even across the autumn DST change', () => {
    // Thursday 23.10. + 2 working days = Monday 27.10., winter time.
    expect(iso(ruleDeadline('2025-10-23', { limit: { workingDays: 2 } }))).toBe('2025-10-27T21:59:59.999Z');
  });
});

describe('rules in force', () => {
  const ruleFor = (id: string, days: number, inForce: CareGuaranteeRule['inForce']): CareGuaranteeRule => ({
    id,
    kind: 'legal',
    service: 'primary-care',
    urgency: 'non-urgent',
    limit: { days },
    ...(inForce && { inForce }),
    label: { fi: id, sv: id, en: id },
  });
  const changing: CareGuaranteeConfig = {
    ...config,
    rules: [ruleFor('old', 14, { until: '2025-06-30' }), ruleFor('new', 10, { from: '2025-07-01' })],
  };

  it('are judged inclusively on the start date', () => {
    expect(ruleInForce({ inForce: { from: '2025-07-01' } }, '2025-07-01')).toBe(true);
    expect(ruleInForce({ inForce: { from: '2025-07-01' } }, '2025-06-30')).toBe(false);
    expect(ruleInForce({ inForce: { until: '2025-06-30' } }, '2025-06-30')).toBe(true);
    expect(ruleInForce({ inForce: { until: '2025-06-30' } }, '2025-07-01')).toBe(false);
    expect(ruleInForce({}, '1900-01-01')).toBe(true);
  });
  it('hand over from the old limit to the new one at midnight Helsinki time', () => {
    // 30.6. 23:59 Helsinki = 20:59 UTC; 1.7. 00:01 Helsinki = 21:01 UTC on 30.6.
    expect(deadlines('2025-06-30T20:59:00Z', 'primary-care', 'non-urgent', undefined, changing).legalRuleId).toBe('old');
    expect(deadlines('2025-06-30T21:01:00Z', 'primary-care', 'non-urgent', undefined, changing).legalRuleId).toBe('new');
  });
});

describe('a gap in the configuration never stops a contact', () => {
  it('borrows the strictest non-urgent rule that fits the age and reports the gap', () => {
    const d = deadlines('2025-06-16T07:00:00Z', 'physio-gym', 'non-urgent', '1980-06-01');
    expect(d.gap).toEqual({ service: 'physio-gym', urgency: 'non-urgent', age: 45 });
    expect(iso(d.workTo)).toBe('2025-06-23T20:59:59.999Z');
    expect(d.basis.regional?.ruleId).toBe('regional-primary-care-7d');
    // The borrowed rule is not this service's own limit.
    expect(d.legal).toBeUndefined();
    expect(d.regional).toBeUndefined();
    expect(d.legalRuleId).toBeUndefined();
    expect(d.regionalRuleId).toBeUndefined();
  });
  it('leaves the age out of the gap when it is unknown', () => {
    expect(deadlines('2025-06-16T07:00:00Z', 'physio-gym', 'non-urgent').gap).toEqual({ service: 'physio-gym', urgency: 'non-urgent' });
  });
  it('borrows a legal rule when only legal rules fit, choosing by age', () => {
    const legalOnly: CareGuaranteeConfig = { ...config, rules: config.rules.filter((r) => r.kind === 'legal') };
    const adult = deadlines('2025-06-16T07:00:00Z', 'physio-gym', 'non-urgent', '1980-06-01', legalOnly);
    expect(adult.basis).toEqual({ legal: expect.objectContaining({ ruleId: 'legal-primary-care-23-plus' }) });
    expect(iso(adult.workTo)).toBe('2025-09-16T20:59:59.999Z');
    const child = deadlines('2025-06-16T07:00:00Z', 'physio-gym', 'non-urgent', '2015-06-01', legalOnly);
    // Under 18: the child-welfare 7 working days (Midsummer Eve skipped: 26.6.) beat 14 days (30.6.).
    expect(child.basis.legal?.ruleId).toBe('legal-social-services-child-welfare');
    expect(iso(child.workTo)).toBe('2025-06-26T20:59:59.999Z');
  });
  it('makes the work due with the assessment when no rule at all fits', () => {
    const empty: CareGuaranteeConfig = { ...config, rules: [] };
    const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '1980-06-01', empty);
    expect(iso(d.workTo)).toBe('2025-06-16T13:00:00.000Z');
    expect(iso(d.assessmentDue)).toBe('2025-06-16T13:00:00.000Z');
    expect(d.basis).toEqual({});
    expect(d.gap).toEqual({ service: 'primary-care', urgency: 'non-urgent', age: 45 });
  });
  it('treats a rule that is not in force as missing', () => {
    const future: CareGuaranteeConfig = {
      ...config,
      rules: config.rules.map((r) => ({ ...r, inForce: { from: '2030-01-01' } })),
    };
    expect(deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '1980-06-01', future).gap).toBeDefined();
  });
  it('does not borrow an urgent-class rule for non-urgent work', () => {
    const odd: CareGuaranteeConfig = {
      ...config,
      rules: [{ ...config.rules[0]!, id: 'urgent-one', urgency: 'urgent', limit: { days: 1 }, maxAgeExclusive: undefined }],
    };
    const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '1980-06-01', odd);
    expect(d.basis).toEqual({});
  });
  it('skips a broken rule instead of throwing', () => {
    const broken: CareGuaranteeConfig = {
      ...config,
      rules: [
        { ...config.rules[4]!, id: 'broken', limit: { days: 1.5 } },
        { ...config.rules[4]!, id: 'broken-months', limit: { months: Number.NaN } },
        ...config.rules,
      ],
    };
    const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '1980-06-01', broken);
    expect(d.regionalRuleId).toBe('regional-primary-care-7d');
  });
  it('survives a configuration without usable office hours or rules', () => {
    const bad = { ...config, officeHours: { start: 8, end: 99 }, rules: undefined } as unknown as CareGuaranteeConfig;
    const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'non-urgent', '1980-06-01', bad);
    expect(iso(d.workTo)).toBe('2025-06-16T13:00:00.000Z');
    expect(d.gap).toBeDefined();
  });
});

describe('emergent, urgent, self-care', () => {
  it('emergent: everything is due at once', () => {
    const d = deadlines('2025-06-21T18:00:00Z', 'primary-care', 'emergent', '1980-01-01');
    for (const value of [d.assessmentDue, d.legal, d.regional, d.workTo]) {
      expect(iso(value)).toBe('2025-06-21T18:00:00.000Z');
    }
  });
  it('urgent on a working day: by the end of the same Helsinki day', () => {
    const d = deadlines('2025-06-16T07:00:00Z', 'primary-care', 'urgent', '1980-01-01');
    expect(iso(d.workTo)).toBe('2025-06-16T20:59:59.999Z');
    expect(iso(d.assessmentDue)).toBe('2025-06-16T13:00:00.000Z');
    expect(d.legal).toBeUndefined();
  });
  it('urgent on a holiday: still the same day; the assessment cannot be later', () => {
    const d = deadlines('2025-06-21T11:00:00Z', 'primary-care', 'urgent');
    expect(iso(d.workTo)).toBe('2025-06-21T20:59:59.999Z');
    expect(iso(d.assessmentDue)).toBe('2025-06-21T20:59:59.999Z');
  });
  it('urgent late in the evening uses the Helsinki day, also on the DST change day', () => {
    expect(iso(deadlines('2025-03-30T20:30:00Z', 'primary-care', 'urgent').workTo)).toBe('2025-03-30T20:59:59.999Z');
    expect(iso(deadlines('2025-03-30T21:30:00Z', 'primary-care', 'urgent').workTo)).toBe('2025-03-31T20:59:59.999Z');
  });
  it('self-care: the reply is due when the assessment is', () => {
    const d = deadlines('2025-06-13T16:00:00Z', 'primary-care', 'self-care');
    expect(iso(d.workTo)).toBe('2025-06-16T13:00:00.000Z');
    expect(iso(d.assessmentDue)).toBe('2025-06-16T13:00:00.000Z');
  });
  it('no rule, no gap for emergent, urgent and self-care, whatever the service', () => {
    for (const urgency of ['emergent', 'urgent', 'self-care'] as const) {
      const d = deadlines('2025-06-16T07:00:00Z', 'physio-gym', urgency);
      expect(d.basis).toEqual({});
      expect(d.gap).toBeUndefined();
    }
  });
  it('does not hand out shared Date objects', () => {
    const contactAt = at('2025-06-16T07:00:00Z');
    const d = computeDeadlines({ contactAt, service: 'primary-care', urgency: 'emergent', config });
    expect(d.workTo).not.toBe(contactAt);
    expect(d.workTo).not.toBe(d.legal);
  });
  it('rejects an invalid contact time', () => {
    expect(() => deadlines('garbage', 'primary-care', 'urgent')).toThrow(RangeError);
  });
});

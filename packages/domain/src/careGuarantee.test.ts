import { describe, it, expect } from 'vitest';
import { computeDeadlines, type CareGuaranteeConfig } from './careGuarantee';
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
  it('uses the only rule there is: regional only (social services, family centre)', () => {
    for (const service of ['social-services', 'family-centre']) {
      const d = deadlines('2025-06-16T07:00:00Z', service, 'non-urgent');
      expect(d.legal).toBeUndefined();
      expect(iso(d.workTo)).toBe('2025-06-23T20:59:59.999Z');
      expect(d.regionalRuleId).toBe(`regional-${service}-7d`);
    }
  });
  it('takes the strictest age band when the birth date is unknown', () => {
    const d = deadlines('2025-06-16T07:00:00Z', 'oral-health', 'non-urgent');
    expect(d.legalRuleId).toBe('legal-oral-health-under-23');
  });
  it('throws a clear error when no rule applies', () => {
    expect(() => deadlines('2025-06-16T07:00:00Z', 'physio-gym', 'non-urgent', '1980-06-01')).toThrow(
      'No care-guarantee rule for service "physio-gym", urgency "non-urgent", age 45',
    );
    expect(() => deadlines('2025-06-16T07:00:00Z', 'physio-gym', 'non-urgent')).toThrow(/age unknown/);
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

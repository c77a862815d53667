import { describe, it, expect } from 'vitest';
import type { Urgency } from '../../types';
import { formatVignetteReport, vignetteReport, type VignetteOutcome } from './vignette';

const o = (id: string, expected: Urgency, actual: Urgency, ruleUrgency: Urgency = actual): VignetteOutcome => ({ id, expected, actual, ruleUrgency });

describe('vignetteReport', () => {
  const results = [
    o('e1', 'emergent', 'emergent', 'non-urgent'),
    o('e2', 'emergent', 'urgent'), // missed as emergent, caught as urgent-or-above
    o('e3', 'emergent', 'non-urgent'), // missed on both counts
    o('u1', 'urgent', 'urgent'),
    o('u2', 'urgent', 'emergent', 'urgent'), // over-triage, not a miss
    o('u3', 'urgent', 'self-care'),
    o('n1', 'non-urgent', 'urgent', 'non-urgent'), // raised needlessly by the screen
    o('n2', 'non-urgent', 'urgent', 'urgent'), // the rules over-triaged; the screen did nothing
    o('n3', 'non-urgent', 'non-urgent'),
    o('s1', 'self-care', 'non-urgent', 'self-care'), // raised by the screen above the clinician
    o('s2', 'self-care', 'self-care'),
    o('s3', 'self-care', 'urgent', 'non-urgent'), // rules over, screen raised further: needless
  ];
  const report = vignetteReport(results);

  it('counts emergent cases caught as emergent', () => {
    expect(report.emergent).toEqual({ total: 3, caught: 1, sensitivity: 1 / 3, missed: ['e2', 'e3'] });
  });
  it('counts urgent-or-emergent cases caught as at least urgent', () => {
    expect(report.urgentOrAbove).toEqual({ total: 6, caught: 4, sensitivity: 4 / 6, missed: ['e3', 'u3'] });
  });
  it('counts non-urgent and self-care cases the screen raised above both the rules and the clinician', () => {
    expect(report.needlessRaising).toEqual({ total: 6, raised: 3, share: 0.5, ids: ['n1', 's1', 's3'] });
  });
  it('lists over- and under-triage and the exact agreement', () => {
    expect(report.total).toBe(12);
    expect(report.overTriage).toEqual(['u2', 'n1', 'n2', 's1', 's3']);
    expect(report.underTriage).toEqual(['e2', 'e3', 'u3']);
    expect(report.exactAgreement).toBe(4 / 12); // e1, u1, n3, s2
  });
  it('reports full sensitivity and no raising for an empty set instead of dividing by zero', () => {
    const empty = vignetteReport([]);
    expect(empty.emergent.sensitivity).toBe(1);
    expect(empty.urgentOrAbove.sensitivity).toBe(1);
    expect(empty.needlessRaising.share).toBe(0);
    expect(empty.exactAgreement).toBe(1);
  });
  it('formats a short plain-text report', () => {
    expect(formatVignetteReport(report)).toBe(
      [
        'Vignettes: 12',
        'Emergent caught as emergent: 1/3 = 33.3 % (e2, e3)',
        'Urgent or emergent caught as at least urgent: 4/6 = 66.7 % (e3, u3)',
        'Non-urgent/self-care raised needlessly: 3/6 = 50.0 % (n1, s1, s3)',
        'Over-triage (any cause): 5 (u2, n1, n2, s1, s3)',
        'Under-triage: 3 (e2, e3, u3)',
        'Exact agreement: 33.3 %',
      ].join('\n'),
    );
  });
});

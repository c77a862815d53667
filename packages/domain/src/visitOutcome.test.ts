import { describe, expect, it } from 'vitest';
import { decideVisitOutcome, isVisitOutcome, MAX_OUTCOME_REASON, VISIT_OUTCOMES } from './visitOutcome';

const START = '2025-03-12T10:00:00Z';
const before = new Date('2025-03-12T09:59:59Z');
const atStart = new Date(START);
const after = new Date('2025-03-12T10:20:00Z');
const booked = { status: 'booked', start: START };

describe('recording how a visit went', () => {
  it('records realised and not-come once the visit has begun, not before', () => {
    for (const outcome of ['fulfilled', 'noshow'] as const) {
      expect(decideVisitOutcome(booked, outcome, undefined, before)).toEqual({ kind: 'refused', why: 'not-started' });
      expect(decideVisitOutcome(booked, outcome, undefined, atStart)).toEqual({ kind: 'record' });
      expect(decideVisitOutcome(booked, outcome, 'ei vastannut puhelimeen', after)).toEqual({ kind: 'record' });
    }
  });

  it('records a cancellation at any time, but only with a reason', () => {
    expect(decideVisitOutcome(booked, 'cancelled', 'Lääkäri sairastui', before)).toEqual({ kind: 'record' });
    expect(decideVisitOutcome(booked, 'cancelled', 'Lääkäri sairastui', after)).toEqual({ kind: 'record' });
    expect(decideVisitOutcome(booked, 'cancelled', undefined, after)).toEqual({ kind: 'refused', why: 'reason-required' });
    expect(decideVisitOutcome(booked, 'cancelled', '   ', after)).toEqual({ kind: 'refused', why: 'reason-required' });
  });

  it('refuses a reason longer than the limit', () => {
    expect(decideVisitOutcome(booked, 'noshow', 'x'.repeat(MAX_OUTCOME_REASON + 1), after)).toEqual({ kind: 'refused', why: 'reason-too-long' });
    expect(decideVisitOutcome(booked, 'noshow', 'x'.repeat(MAX_OUTCOME_REASON), after)).toEqual({ kind: 'record' });
  });

  it('is idempotent for the same outcome and refuses a different one', () => {
    for (const outcome of VISIT_OUTCOMES) {
      expect(decideVisitOutcome({ status: outcome, start: START }, outcome, undefined, before)).toEqual({ kind: 'unchanged' });
      for (const other of VISIT_OUTCOMES.filter((o) => o !== outcome)) {
        expect(decideVisitOutcome({ status: outcome, start: START }, other, 'syy', after)).toEqual({ kind: 'refused', why: 'already-other' });
      }
    }
    expect(decideVisitOutcome({ status: 'entered-in-error', start: START }, 'fulfilled', undefined, after)).toEqual({ kind: 'refused', why: 'already-other' });
  });

  it('accepts arrived and checked-in visits, refuses ones not on the books', () => {
    expect(decideVisitOutcome({ status: 'arrived', start: START }, 'fulfilled', undefined, after)).toEqual({ kind: 'record' });
    expect(decideVisitOutcome({ status: 'checked-in', start: START }, 'fulfilled', undefined, after)).toEqual({ kind: 'record' });
    for (const status of ['proposed', 'pending', 'waitlist']) {
      expect(decideVisitOutcome({ status, start: START }, 'fulfilled', undefined, after)).toEqual({ kind: 'refused', why: 'not-booked' });
    }
  });

  it('treats a visit without a start time as not begun', () => {
    expect(decideVisitOutcome({ status: 'booked' }, 'fulfilled', undefined, after)).toEqual({ kind: 'refused', why: 'not-started' });
    expect(decideVisitOutcome({ status: 'booked', start: 'soon' }, 'noshow', undefined, after)).toEqual({ kind: 'refused', why: 'not-started' });
  });

  it('knows the outcome codes', () => {
    expect(VISIT_OUTCOMES.filter(isVisitOutcome)).toEqual(['fulfilled', 'noshow', 'cancelled']);
    for (const bad of ['booked', 'FULFILLED', '', 3, undefined, null]) expect(isVisitOutcome(bad)).toBe(false);
  });
});

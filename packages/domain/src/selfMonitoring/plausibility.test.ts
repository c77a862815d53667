import { describe, expect, it } from 'vitest';
import { measurementProblems, quantityProblem, rounded } from './plausibility';
import type { Measurement } from './measures';

const now = new Date('2026-03-01T12:00:00Z');
const bp = (values: Measurement['values'], extra: Partial<Measurement> = {}): Measurement => ({ kind: 'blood-pressure', at: '2026-03-01T08:00:00+02:00', values, contexts: [], ...extra });

describe('plausibility of home measurements', () => {
  it('accepts ordinary values of every kind', () => {
    expect(measurementProblems(bp({ systolic: 142, diastolic: 91, pulse: 70 }), now)).toEqual([]);
    expect(measurementProblems({ kind: 'blood-glucose', at: '2026-03-01T07:00:00Z', values: { glucose: 6.2 }, contexts: ['fasting'] }, now)).toEqual([]);
    expect(measurementProblems({ kind: 'weight', at: '2026-03-01T07:00:00Z', values: { weight: 82.4 }, contexts: [] }, now)).toEqual([]);
    expect(measurementProblems({ kind: 'pef', at: '2026-03-01T07:00:00Z', values: { pef: 420 }, contexts: ['morning'] }, now)).toEqual([]);
  });

  it('refuses a systolic pressure of 400 and a weight of 0, saying the possible range', () => {
    expect(measurementProblems(bp({ systolic: 400, diastolic: 90 }), now)).toEqual([{ field: 'systolic', message: expect.stringContaining('between 50 and 300 mm[Hg]') }]);
    expect(measurementProblems({ kind: 'weight', at: '2026-03-01T07:00:00Z', values: { weight: 0 }, contexts: [] }, now)[0]?.message).toMatch(/0 kg is not possible/);
  });

  it('accepts the ends of each range and refuses just outside them', () => {
    expect(quantityProblem('systolic', 50)).toBeUndefined();
    expect(quantityProblem('systolic', 300)).toBeUndefined();
    expect(quantityProblem('systolic', 49)).toBeDefined();
    expect(quantityProblem('glucose', 0.5)).toBeUndefined();
    expect(quantityProblem('glucose', 0.4)).toBeDefined();
    expect(quantityProblem('pef', 1001)).toBeDefined();
  });

  it('refuses a wrong unit and a value that is not a number', () => {
    expect(quantityProblem('glucose', 110, 'mg/dL')?.message).toMatch(/mmol\/L \(UCUM\), not 'mg\/dL'/);
    expect(quantityProblem('weight', 80, 'lb')).toBeDefined();
    expect(quantityProblem('weight', 80, 'kg')).toBeUndefined();
    expect(quantityProblem('systolic', '140' as unknown as number)?.message).toMatch(/must be a number/);
    expect(quantityProblem('systolic', Number.NaN)).toBeDefined();
  });

  it('needs both pressures, and the diastolic below the systolic', () => {
    expect(measurementProblems(bp({ systolic: 140 }), now).map((p) => p.field)).toEqual(['diastolic']);
    expect(measurementProblems(bp({ systolic: 90, diastolic: 140 }), now)[0]?.message).toMatch(/wrong way round/);
  });

  it('refuses quantities of another kind, unknown kinds, future times and times without a zone', () => {
    expect(measurementProblems(bp({ systolic: 140, diastolic: 90, weight: 80 }), now)[0]?.field).toBe('weight');
    expect(measurementProblems({ kind: 'temperature' as never, at: '2026-03-01T07:00:00Z', values: {}, contexts: [] }, now)[0]?.field).toBe('kind');
    expect(measurementProblems(bp({ systolic: 140, diastolic: 90 }, { at: '2026-03-02T08:00:00+02:00' }), now)[0]?.message).toMatch(/future/);
    expect(measurementProblems(bp({ systolic: 140, diastolic: 90 }, { at: '2026-03-01T11:55:00' }), now)[0]?.field).toBe('at');
    // a phone's clock a few minutes ahead is not an error
    expect(measurementProblems(bp({ systolic: 140, diastolic: 90 }, { at: '2026-03-01T12:05:00Z' }), now)).toEqual([]);
  });

  it('refuses unknown and contradictory contexts', () => {
    expect(measurementProblems(bp({ systolic: 140, diastolic: 90 }, { contexts: ['morning', 'evening'] }), now)[0]?.message).toMatch(/both 'morning' and 'evening'/);
    expect(measurementProblems(bp({ systolic: 140, diastolic: 90 }, { contexts: ['sleeping' as never] }), now)[0]?.field).toBe('contexts');
  });

  it('rounds to what meters show', () => {
    expect(rounded('glucose', 5.64)).toBe(5.6);
    expect(rounded('systolic', 141.6)).toBe(142);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateMeasurement, MEASUREMENT_FREQUENCY_EXTENSION, planGoal, readPlan, type MonitoringPlan } from './targets';
import { DEFAULT_SELF_MONITORING_SETTINGS as settings, selfMonitoringSettingsProblems } from './settings';
import type { Measurement } from './measures';

const plan: MonitoringPlan = { kind: 'blood-pressure', targets: [{ quantity: 'systolic', high: 135 }, { quantity: 'diastolic', high: 85 }], everyDays: 7, team: 'CareTeam/team-kokkola', start: '2026-02-01' };
const bp = (systolic: number, diastolic: number): Measurement => ({ kind: 'blood-pressure', at: '2026-03-01T08:00:00+02:00', values: { systolic, diastolic }, contexts: [] });
const glucose = (g: number): Measurement => ({ kind: 'blood-glucose', at: '2026-03-01T08:00:00+02:00', values: { glucose: g }, contexts: [] });

describe('targets as FHIR Goals', () => {
  it('writes and reads a plan: target.measure LOINC, detailRange in UCUM, frequency and team', () => {
    const goal = planGoal(plan, 'Patient/p1', 'Practitioner/pr1');
    expect(goal.target?.[0]).toMatchObject({ measure: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, detailRange: { high: { value: 135, code: 'mm[Hg]', system: 'http://unitsofmeasure.org' } } });
    expect(readPlan(goal)).toEqual({ plan, problems: [] });
  });

  it('reads a frequency in weeks', () => {
    const goal = planGoal(plan, 'Patient/p1', 'Practitioner/pr1');
    goal.extension = goal.extension?.map((e) => (e.url === MEASUREMENT_FREQUENCY_EXTENSION ? { url: e.url, valueDuration: { value: 2, code: 'wk' } } : e));
    expect(readPlan(goal).plan?.everyDays).toBe(14);
  });

  it('refuses targets it cannot act on, saying which', () => {
    const base = planGoal(plan, 'Patient/p1', 'Practitioner/pr1');
    const withTarget = (target: unknown) => readPlan({ ...base, target: [target as never] }).problems;
    expect(withTarget({ measure: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] }, detailRange: { high: { value: 37 } } })[0]).toMatch(/LOINC code of a home measurement/);
    expect(withTarget({ measure: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] } })[0]).toMatch(/detailRange/);
    expect(withTarget({ measure: { coding: [{ system: 'http://loinc.org', code: '15074-8' }] }, detailRange: { high: { value: 180, code: 'mg/dL' } } })[0]).toMatch(/mmol\/L/);
    expect(withTarget({ measure: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, detailRange: { low: { value: 140, code: 'mm[Hg]' }, high: { value: 120, code: 'mm[Hg]' } } })[0]).toMatch(/low must be below high/);
    expect(withTarget({ measure: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, detailRange: { high: { value: 900, code: 'mm[Hg]' } } })[0]).toMatch(/between 50 and 300/);
    expect(readPlan({ ...base, target: [...(base.target ?? []), { measure: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] }, detailRange: { high: { value: 90, code: 'kg' } } }] }).problems[0]).toMatch(/one kind/);
    expect(readPlan({ ...base, extension: [] }).problems[0]).toMatch(/monitoring-team/);
    expect(readPlan({ ...base, target: [] }).problems[0]).toMatch(/at least one target/);
  });
});

describe('evaluating a measurement', () => {
  it('finds nothing within the target', () => {
    expect(evaluateMeasurement(bp(128, 80), plan.targets, settings)).toEqual({ deviations: [], advice: [] });
  });

  it('finds a value outside the target, high or low', () => {
    const f = evaluateMeasurement(bp(150, 80), plan.targets, settings);
    expect(f).toMatchObject({ severity: 'outside-target', interpretation: 'H', advice: [], deviations: [{ quantity: 'systolic', value: 150, direction: 'high', limit: 135 }] });
    expect(evaluateMeasurement(glucose(3.5), [{ quantity: 'glucose', low: 4, high: 7 }], settings)).toMatchObject({ severity: 'outside-target', interpretation: 'L' });
  });

  it('finds danger from the configuration even with no target, with advice to act now', () => {
    expect(evaluateMeasurement(bp(180, 100), [], settings)).toMatchObject({ severity: 'danger', interpretation: 'HH', advice: ['contact-today'] });
    expect(evaluateMeasurement(bp(179, 100), [], settings).severity).toBeUndefined();
    expect(evaluateMeasurement(bp(150, 110), [], settings).severity).toBe('danger');
    expect(evaluateMeasurement(glucose(2.9), [], settings)).toMatchObject({ severity: 'danger', interpretation: 'LL', advice: ['treat-low-glucose'] });
    expect(evaluateMeasurement(glucose(3), [], settings).severity).toBeUndefined();
  });

  it('lets danger win over the target and lists each quantity once', () => {
    const f = evaluateMeasurement(bp(190, 95), plan.targets, settings);
    expect(f.severity).toBe('danger');
    expect(f.deviations.map((d) => [d.quantity, d.limit])).toEqual([['systolic', 180], ['diastolic', 85]]);
  });

  it('puts the most serious advice first', () => {
    const custom = { ...settings, danger: [...settings.danger, { quantity: 'systolic' as const, atLeast: 220, advice: 'call-112' as const }] };
    expect(evaluateMeasurement(bp(230, 120), [], custom).advice).toEqual(['call-112', 'contact-today']);
  });
});

describe('self-monitoring settings', () => {
  it('accepts the defaults', () => expect(selfMonitoringSettingsProblems(settings)).toEqual([]));
  it('names every problem', () => {
    expect(selfMonitoringSettingsProblems(null)).toHaveLength(1);
    const bad = { danger: [{ quantity: 'height', advice: 'x' }, { quantity: 'systolic', atLeast: 1, below: 2, advice: 'contact-today' }], deadlines: { ...settings.deadlines, danger: { urgency: 'urgent', hours: 100 }, missing: { urgency: 'soon', hours: 0 } } };
    const problems = selfMonitoringSettingsProblems(bad);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/danger\[0\]\.quantity/), expect.stringMatching(/danger\[1\]: give exactly one/), expect.stringMatching(/missing\.urgency/), expect.stringMatching(/missing\.hours/), expect.stringMatching(/cannot wait longer/)]));
  });
});

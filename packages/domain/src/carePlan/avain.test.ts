import { describe, expect, it } from 'vitest';
import { avainSettingsProblems, changeByServiceAndMethod, clientOutcome, DEFAULT_AVAIN_SETTINGS, outcomeChange, recordingProblems, type AvainRecording } from './avain';

const rec = (at: string, goal: number, housing: number, services: string[] = ['income-support'], methods: string[] = ['counselling']): AvainRecording => ({
  at,
  goal: [{ code: 'Goal/g1', score: goal }],
  factor: [{ code: 'housing', score: housing }],
  service: services.map((code) => ({ code, score: 2 })),
  method: methods.map((code) => ({ code, score: 2 })),
});

describe('recordingProblems', () => {
  const goals = ['Goal/g1'];
  it('accepts items on the scale', () => expect(recordingProblems(rec('2026-01-01T00:00:00Z', 4, -2), DEFAULT_AVAIN_SETTINGS, goals)).toEqual([]));
  it('refuses a score off the scale at each edge and a fraction', () => {
    const fields = (r: unknown) => recordingProblems(r, DEFAULT_AVAIN_SETTINGS, goals).map((p) => p.field);
    expect(fields({ goal: [{ code: 'Goal/g1', score: 5 }] })).toEqual(['goal[0].score']);
    expect(fields({ goal: [{ code: 'Goal/g1', score: -1 }] })).toEqual(['goal[0].score']);
    expect(fields({ factor: [{ code: 'housing', score: -3 }] })).toEqual(['factor[0].score']);
    expect(fields({ factor: [{ code: 'housing', score: 1.5 }] })).toEqual(['factor[0].score']);
  });
  it('refuses another plan’s goal, an unknown item, a duplicate and an empty recording', () => {
    const fields = (r: unknown) => recordingProblems(r, DEFAULT_AVAIN_SETTINGS, goals).map((p) => p.field);
    expect(fields({ goal: [{ code: 'Goal/other', score: 1 }] })).toEqual(['goal[0].code']);
    expect(fields({ method: [{ code: 'astrology', score: 1 }] })).toEqual(['method[0].code']);
    expect(fields({ factor: [{ code: 'housing', score: 1 }, { code: 'housing', score: 2 }] })).toEqual(['factor[1].code']);
    expect(fields({})).toEqual(['goal']);
    expect(fields({ goal: 'lots' })).toEqual(['goal']);
  });
  it('follows changed settings', () => {
    const settings = { ...DEFAULT_AVAIN_SETTINGS, methods: [{ code: 'astrology', display: { fi: 'a', sv: 'a', en: 'a' } }] };
    expect(recordingProblems({ method: [{ code: 'astrology', score: 1 }] }, settings, [])).toEqual([]);
  });
});

describe('avainSettingsProblems', () => {
  it('accepts the defaults and refuses a reversed scale and duplicate codes', () => {
    expect(avainSettingsProblems(DEFAULT_AVAIN_SETTINGS)).toEqual([]);
    const bad = { ...DEFAULT_AVAIN_SETTINGS, scales: { ...DEFAULT_AVAIN_SETTINGS.scales, goal: { min: 3, max: 1, labels: {} } }, factors: [...DEFAULT_AVAIN_SETTINGS.factors, DEFAULT_AVAIN_SETTINGS.factors[0]!] };
    expect(avainSettingsProblems(bad).map((p) => p.field)).toEqual(['scales.goal', 'factors']);
  });
});

describe('outcomeChange', () => {
  it('orders recordings by time and tells the change since the first and the previous', () => {
    const change = outcomeChange([rec('2026-06-01T00:00:00Z', 3, 1), rec('2026-01-01T00:00:00Z', 0, -2), rec('2026-03-01T00:00:00Z', 2, 0)]);
    expect(change.goal).toEqual([{ code: 'Goal/g1', points: [{ at: '2026-01-01T00:00:00Z', score: 0 }, { at: '2026-03-01T00:00:00Z', score: 2 }, { at: '2026-06-01T00:00:00Z', score: 3 }], first: 0, latest: 3, sinceFirst: 3, sincePrevious: 1 }]);
    expect(change.factor[0]).toMatchObject({ code: 'housing', first: -2, latest: 1, sinceFirst: 3, sincePrevious: 1 });
  });
  it('has no change with a single recording, and nothing with none', () => {
    expect(outcomeChange([rec('2026-01-01T00:00:00Z', 2, 0)]).goal[0]).toMatchObject({ sinceFirst: 0, sincePrevious: 0 });
    expect(outcomeChange([])).toEqual({ goal: [], factor: [], service: [], method: [] });
  });
  it('counts an item recorded only later from its own first recording', () => {
    const later: AvainRecording = { ...rec('2026-03-01T00:00:00Z', 1, 0), factor: [{ code: 'housing', score: 0 }, { code: 'income', score: 1 }] };
    const change = outcomeChange([rec('2026-01-01T00:00:00Z', 0, -1), later]);
    expect(change.factor.find((f) => f.code === 'income')).toMatchObject({ first: 1, latest: 1, sinceFirst: 0 });
  });
});

describe('clientOutcome and changeByServiceAndMethod', () => {
  it('needs two recordings of a goal', () => {
    expect(clientOutcome([rec('2026-01-01T00:00:00Z', 0, 0)])).toBeUndefined();
    expect(clientOutcome([rec('2026-01-01T00:00:00Z', 0, 0), rec('2026-02-01T00:00:00Z', 2, 0, ['housing-service'])])).toEqual({ goalChange: 2, services: ['income-support', 'housing-service'], methods: ['counselling'] });
  });
  it('hides a group of four and shows a group of five with its mean', () => {
    const five = [1, 2, 3, 1, 2].map((goalChange) => ({ goalChange, services: ['income-support'], methods: ['counselling'] }));
    const four = [1, 1, 1, 1].map((goalChange) => ({ goalChange, services: ['housing-service'], methods: ['counselling'] }));
    const { services, methods } = changeByServiceAndMethod([...five, ...four]);
    expect(services).toEqual([
      { code: 'housing-service', clients: null, meanChange: null },
      { code: 'income-support', clients: 5, meanChange: 1.8 },
    ]);
    expect(methods).toEqual([{ code: 'counselling', clients: 10, meanChange: 1.4 }]);
  });
  it('counts a client once in a group even if a service is listed twice', () => {
    const outcomes = Array.from({ length: 5 }, () => ({ goalChange: 1, services: ['a', 'a'], methods: [] }));
    expect(changeByServiceAndMethod(outcomes).services).toEqual([{ code: 'a', clients: 5, meanChange: 1 }]);
  });
});

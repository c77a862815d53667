import { describe, expect, it } from 'vitest';
import { DEFAULT_SELF_MONITORING_SETTINGS, selfMonitoringSettingsProblems } from './settings';
import { dangerLimitProblems } from './dangerBounds';

const withRule = (index: number, change: Record<string, unknown>) => ({
  ...DEFAULT_SELF_MONITORING_SETTINGS,
  danger: DEFAULT_SELF_MONITORING_SETTINGS.danger.map((r, i) => (i === index ? { ...r, ...change } : r)),
});
const indexOf = (quantity: string, direction: 'atLeast' | 'below') => DEFAULT_SELF_MONITORING_SETTINGS.danger.findIndex((r) => r.quantity === quantity && r[direction] !== undefined);

describe('danger limit bounds', () => {
  it('accepts the defaults, stricter limits and the bounds themselves', () => {
    expect(dangerLimitProblems(DEFAULT_SELF_MONITORING_SETTINGS.danger)).toEqual([]);
    expect(selfMonitoringSettingsProblems(withRule(indexOf('systolic', 'atLeast'), { atLeast: 220 }))).toEqual([]);
    expect(selfMonitoringSettingsProblems(withRule(indexOf('systolic', 'atLeast'), { atLeast: 160 }))).toEqual([]);
    expect(selfMonitoringSettingsProblems(withRule(indexOf('glucose', 'below'), { below: 3 }))).toEqual([]);
    expect(selfMonitoringSettingsProblems(withRule(indexOf('glucose', 'below'), { below: 4 }))).toEqual([]);
  });

  it.each([
    ['systolic', 'atLeast', 221, 'at most 220'],
    ['diastolic', 'atLeast', 135, 'at most 130'],
    ['systolic', 'below', 60, 'at least 70'],
    ['glucose', 'below', 2.4, 'at least 3'],
    ['glucose', 'atLeast', 30, 'at most 25'],
    ['pulse', 'below', 30, 'at least 40'],
    ['pulse', 'atLeast', 180, 'at most 150'],
  ] as const)('refuses a %s %s limit of %s, naming the field', (quantity, direction, limit, words) => {
    const i = indexOf(quantity, direction);
    const problems = selfMonitoringSettingsProblems(withRule(i, { [direction]: limit }));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^danger\\[${i}\\]\\.${direction}: .*${words}`))]);
  });

  it('refuses a limit outside what a meter can show', () => {
    expect(dangerLimitProblems([{ quantity: 'systolic', atLeast: 400 }])[0]).toMatch(/^danger\[0\]\.atLeast: a systolic limit between 50 and 300/);
  });

  it('refuses removing the rule of a dangerous kind: every such value would pass', () => {
    const without = { ...DEFAULT_SELF_MONITORING_SETTINGS, danger: DEFAULT_SELF_MONITORING_SETTINGS.danger.filter((r) => !(r.quantity === 'glucose' && r.below !== undefined)) };
    expect(selfMonitoringSettingsProblems(without)).toEqual([expect.stringMatching(/^danger: a rule for glucose below a limit is needed/)]);
  });
});

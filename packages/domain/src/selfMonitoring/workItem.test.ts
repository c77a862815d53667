import { describe, expect, it } from 'vitest';
import { overdueKinds, planWorkItem } from './workItem';
import { DEFAULT_SELF_MONITORING_SETTINGS as settings } from './settings';

const now = new Date('2026-03-01T10:00:00.000Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();

describe('one work item per client', () => {
  it('creates one with the deadline of its severity', () => {
    expect(planWorkItem(undefined, [{ severity: 'outside-target', observation: 'Observation/1' }], now, settings)).toEqual({ action: 'create', urgency: 'non-urgent', deadline: hours(72), observations: ['Observation/1'], reasons: ['outside-target'] });
    expect(planWorkItem(undefined, [{ severity: 'danger', observation: 'Observation/1' }], now, settings)).toMatchObject({ urgency: 'urgent', deadline: hours(8) });
    expect(planWorkItem(undefined, [{ severity: 'missing' }], now, settings)).toMatchObject({ urgency: 'non-urgent', deadline: hours(168), observations: [] });
  });

  it('adds several values to the one open item, never a second', () => {
    const first = planWorkItem(undefined, [{ severity: 'outside-target', observation: 'Observation/1' }], now, settings);
    const later = new Date(now.getTime() + 3_600_000);
    const second = planWorkItem(first, [{ severity: 'outside-target', observation: 'Observation/2' }], later, settings);
    expect(second).toMatchObject({ action: 'update', observations: ['Observation/1', 'Observation/2'], deadline: hours(72) });
    expect(planWorkItem(second, [{ severity: 'outside-target', observation: 'Observation/2' }], later, settings)?.observations).toEqual(['Observation/1', 'Observation/2']);
  });

  it('raises urgency and brings the deadline nearer for a dangerous value, never the other way', () => {
    const open = { urgency: 'non-urgent' as const, deadline: hours(72), observations: ['Observation/1'], reasons: ['outside-target' as const] };
    expect(planWorkItem(open, [{ severity: 'danger', observation: 'Observation/2' }], now, settings)).toMatchObject({ urgency: 'urgent', deadline: hours(8), reasons: ['outside-target', 'danger'] });
    const urgent = { urgency: 'urgent' as const, deadline: hours(8), observations: ['Observation/1'], reasons: ['danger' as const] };
    expect(planWorkItem(urgent, [{ severity: 'outside-target', observation: 'Observation/2' }], now, settings)).toMatchObject({ urgency: 'urgent', deadline: hours(8) });
    expect(planWorkItem(urgent, [{ severity: 'missing' }], now, settings)).toMatchObject({ urgency: 'urgent', deadline: hours(8) });
  });

  it('does nothing without findings', () => expect(planWorkItem(undefined, [], now, settings)).toBeUndefined());
});

describe('missing measurements', () => {
  const plans = [{ kind: 'blood-pressure' as const, everyDays: 7, start: '2026-02-01' }, { kind: 'weight' as const, start: '2026-01-01' }];
  it('is overdue when the latest measurement is older than expected', () => {
    expect(overdueKinds(plans, { 'blood-pressure': '2026-02-21T08:00:00Z' }, now)).toEqual(['blood-pressure']);
    expect(overdueKinds(plans, { 'blood-pressure': '2026-02-23T08:00:00Z' }, now)).toEqual([]);
  });
  it('counts from the plan’s start when nothing is measured yet, and ignores plans without a frequency', () => {
    expect(overdueKinds(plans, {}, now)).toEqual(['blood-pressure']);
    expect(overdueKinds([{ kind: 'blood-pressure', everyDays: 7, start: '2026-02-27' }], {}, now)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ageGroupOf } from './ageGroups';
import { ageOn } from '../calendarDate';
import { histogramQuantile, histogramQuantilePublishable } from './histogram';
import { indicatorById, INDICATORS, type IndicatorDefinition } from './indicatorCatalogue';
import { publishIndicator, type StratumCounts } from './stratifiedFigures';
import { median, percentile } from '../accessMeasures';
import { hiddenRanges, suppressSmallCounts } from '../smallNumbers';

describe('age groups', () => {
  it('counts whole years, a birthday on the day itself included', () => {
    expect(ageOn('2000-03-01', '2018-02-28')).toBe(17);
    expect(ageOn('2000-03-01', '2018-03-01')).toBe(18);
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
  });
  it('puts the boundaries in the upper band', () => {
    expect([0, 17, 18, 64, 65, 74, 75, 104].map(ageGroupOf)).toEqual(['0-17', '0-17', '18-64', '18-64', '65-74', '65-74', '75+', '75+']);
  });
});

describe('quantiles of a histogram', () => {
  it('agree with the median and nearest-rank percentile of the values', () => {
    const values = [0, 1, 1, 2, 3, 3, 3, 7, 9, 14, 30];
    const h = [...new Set(values)].map((value) => ({ value, n: values.filter((v) => v === value).length }));
    expect(histogramQuantile(h, 50)).toBe(median(values));
    expect(histogramQuantile(h, 90)).toBe(percentile(values, 90));
    const even = [{ value: 2, n: 1 }, { value: 5, n: 1 }];
    expect(histogramQuantile(even, 50)).toBe(3.5);
    expect(histogramQuantile([], 50)).toBeNull();
    expect(histogramQuantile([{ value: 4, n: 1 }], 90)).toBe(4);
  });
  it('publish a quantile only with five values at or below and at or above it', () => {
    const h = [{ value: 1, n: 5 }, { value: 9, n: 4 }];
    expect(histogramQuantilePublishable(h, histogramQuantile(h, 50), 5)).toBe(true); // median 1: 5 ≤, 9 ≥
    expect(histogramQuantilePublishable(h, histogramQuantile(h, 90), 5)).toBe(false); // p90 9: only 4 at or above
  });
});

const proportion: IndicatorDefinition = {
  id: 'test', theme: 'access', scoring: 'proportion', counts: 'contact', title: 't', description: 'd', improvement: 'increase',
  groups: [{ code: 'yes', description: 'y' }], stratifiers: ['unit', 'municipality'],
};
const row = (stratifier: StratumCounts['stratifier'], value: string, population: number, yes: number, professionals = 3): StratumCounts => ({ stratifier, value, population, numerators: { yes }, professionals });

describe('publishing an indicator with strata', () => {
  it('shows counts rounded to 5 and shares from the rounded counts', () => {
    const out = publishIndicator(proportion, [row(null, '', 40, 20), row('unit', 'A', 20, 10), row('unit', 'B', 20, 10), row('municipality', 'k', 40, 20)]);
    expect(out.total).toMatchObject({ hidden: false, population: 40, numerators: { yes: 20 }, scores: { yes: 0.5 } });
    expect(out.strata.unit?.map((s) => [s.value, s.population, s.scores.yes])).toEqual([['A', 20, 0.5], ['B', 20, 0.5]]);
  });

  it('hides a stratum under five and one more, so the total does not give it away', () => {
    // Units A (3 people), B (30), C (12): A is hidden; with only A hidden, 45 − 30 − 12 = 3 would reveal it.
    const rows = [row(null, '', 45, 20), row('unit', 'A', 3, 1), row('unit', 'B', 30, 14), row('unit', 'C', 12, 5), row('municipality', 'k', 45, 20)];
    const out = publishIndicator(proportion, rows);
    const unit = Object.fromEntries((out.strata.unit ?? []).map((s) => [s.value, s]));
    expect(unit.A).toMatchObject({ hidden: true, population: null, numerators: { yes: null }, scores: { yes: null } });
    expect(unit.C?.hidden).toBe(true); // the smallest shown one, as the complement
    expect(unit.B?.hidden).toBe(false);
    expect(out.total.population).toBe(45);
  });

  it('never lets a reader pin a hidden count from everything published', () => {
    const rows = [row(null, '', 47, 21), row('unit', 'A', 3, 1), row('unit', 'B', 30, 14), row('unit', 'C', 14, 6), row('municipality', 'k', 44, 20), row('municipality', 'l', 3, 1)];
    const definition = proportion;
    const out = publishIndicator(definition, rows, { roundingBase: 1 });
    const hiddenUnits = (out.strata.unit ?? []).filter((s) => s.hidden).map((s) => s.value);
    const hiddenMunicipalities = (out.strata.municipality ?? []).filter((s) => s.hidden).map((s) => s.value);
    expect(hiddenUnits.length).toBeGreaterThanOrEqual(2);
    // One municipality of two hidden: the other must be hidden too (or the total), else 47 − 44 = 3.
    expect(hiddenMunicipalities.length === 2 || out.total.population === null).toBe(true);
    // The shown numerators must not reveal a hidden one either.
    const counts: Record<string, number> = { total: 47, A: 3, B: 30, C: 14 };
    const hidden = suppressSmallCounts({ counts, breakdowns: [{ total: 'total', cells: ['A', 'B', 'C'] }] });
    for (const range of hiddenRanges({ counts, breakdowns: [{ total: 'total', cells: ['A', 'B', 'C'] }] }, hidden).values()) expect(range.max).toBeGreaterThanOrEqual(5);
  });

  it('hides a share whose numerator or rest is under five, keeping the count', () => {
    const out = publishIndicator(proportion, [row(null, '', 40, 3), row('unit', 'A', 20, 2), row('unit', 'B', 20, 1), row('municipality', 'k', 40, 3)]);
    expect(out.total).toMatchObject({ hidden: false, population: 40, scores: { yes: null } });
    const all = publishIndicator(proportion, [row(null, '', 40, 40), row('unit', 'A', 20, 20), row('unit', 'B', 20, 20), row('municipality', 'k', 40, 40)]);
    expect(all.total.scores.yes).toBeNull(); // everyone: the rest is 0, hidden, so 100 % is not shown
  });

  it('shows nothing of the handling of a stratum one professional did alone', () => {
    const handling = { ...proportion, handling: true };
    const out = publishIndicator(handling, [row(null, '', 40, 20, 3), row('unit', 'A', 20, 10, 1), row('unit', 'B', 20, 10, 2), row('municipality', 'k', 40, 20, 3)]);
    const a = out.strata.unit?.find((s) => s.value === 'A');
    expect(a).toMatchObject({ oneProfessional: true, population: 20, numerators: { yes: null }, scores: { yes: null } });
    expect(out.total.scores.yes).toBe(0.5);
  });

  it('publishes nothing for an empty period', () => {
    const out = publishIndicator(proportion, [row(null, '', 0, 0)]);
    expect(out.total).toMatchObject({ hidden: true, population: null, scores: { yes: null } });
    expect(out.strata.unit).toEqual([]);
  });

  it('gives a continuous measure its median and 90th percentile only where publishable', () => {
    const definition = indicatorById('time-to-visit') as IndicatorDefinition;
    const h = [{ value: 1, n: 4 }, { value: 3, n: 3 }, { value: 10, n: 3 }];
    const out = publishIndicator(definition, [
      { stratifier: null, value: '', population: 10, histogram: h },
      { stratifier: 'unit', value: 'A', population: 10, histogram: h },
      { stratifier: 'municipality', value: 'k', population: 10, histogram: h },
      { stratifier: 'age-group', value: '18-64', population: 10, histogram: h },
      { stratifier: 'profession', value: 'nurse', population: 10, histogram: h },
    ]);
    // Median of 1,1,1,1,3,3,3,10,10,10 = 3 (7 at or below, 6 at or above); p90 = 10 (only 3 at or above: hidden).
    expect(out.total.scores).toEqual({ median: 3, p90: null });
  });

  it('refuses strata that do not add up to the whole', () => {
    expect(() => publishIndicator(proportion, [row(null, '', 10, 5), row('unit', 'A', 9, 5)])).toThrow(RangeError);
  });

  it('lists indicators with unique ids and targets on their own groups', () => {
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
    for (const i of INDICATORS) if (i.target) expect(i.groups.map((g) => g.code)).toContain(i.target.group);
  });
});

describe('counts hidden for another reason than their size', () => {
  it('are protected by complements like small ones', () => {
    const table = { counts: { total: 40, a: 20, b: 20 }, breakdowns: [{ total: 'total', cells: ['a', 'b'] }], alsoHide: ['a'] };
    const hidden = suppressSmallCounts(table);
    expect([...hidden].sort()).toEqual(['a', 'b']); // b shown would give a away as 40 − 20
  });
});

import { describe, expect, it } from 'vitest';
import { clientContinuity } from '../continuity';
import { feedbackFigures } from '../feedback/feedbackResults';
import { DEFAULT_FEEDBACK_SURVEY } from '../feedback/feedbackSurvey';
import { histogramMean } from './histogram';
import { indicatorById, INDICATORS } from './indicatorCatalogue';
import { publishIndicator, type StratumCounts } from './stratifiedFigures';

const upc = indicatorById('usual-provider-continuity')!;
const ownTeam = indicatorById('own-team-visits')!;
const nps = indicatorById('net-promoter-score')!;

/** A stratum of per-client values: value → clients. */
const clients = (stratifier: StratumCounts['stratifier'], value: string, values: number[], professionals = 3): StratumCounts => {
  const h = new Map<number, number>();
  for (const v of values) h.set(v, (h.get(v) ?? 0) + 1);
  return { stratifier, value, population: values.length, histogram: [...h].map(([v, n]) => ({ value: v, n })), professionals };
};
const upcOf = (perProfessional: number[]) => clientContinuity(perProfessional)!.upc;

describe('the continuity and feedback Measures in the catalogue', () => {
  it('are on their themes with unique ids', () => {
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
    expect([upc, indicatorById('continuity-of-care-index'), ownTeam].map((i) => i?.theme)).toEqual(['continuity', 'continuity', 'continuity']);
    expect(nps.theme).toBe('experience');
  });
});

describe('a mean of per-client values (UPC, COCI)', () => {
  it('is the mean over the clients, two decimals, as the continuity table gives it', () => {
    // Six clients 3 + 1 visits (UPC 0.75), one 1 + 1 + 1 (1/3), one 3 (1): mean 5.8333 / 8.
    const values = [...Array(6).fill(upcOf([3, 1])), upcOf([1, 1, 1]), upcOf([3])];
    expect(histogramMean([{ value: 0.75, n: 2 }, { value: 0.25, n: 2 }])).toBe(0.5);
    const out = publishIndicator(upc, [clients(null, '', values), clients('unit', 'A', values), clients('municipality', '272', values), clients('age-group', '18-64', values), clients('profession', 'physician', values)]);
    expect(out.total).toMatchObject({ hidden: false, population: 10, scores: { mean: 0.73 } });
    expect(out.strata.unit?.[0]?.scores.mean).toBe(0.73);
  });

  it('hides a stratum under five clients and its complement, and shows no mean over fewer than five', () => {
    const a = Array(8).fill(0.75);
    const b = [1, 1];
    const c = Array(6).fill(0.5);
    const all = [...a, ...b, ...c];
    const out = publishIndicator(upc, [clients(null, '', all), clients('unit', 'A', a), clients('unit', 'B', b), clients('unit', 'C', c), clients('profession', 'x', all)]);
    const unit = Object.fromEntries((out.strata.unit ?? []).map((s) => [s.value, s]));
    expect(unit.B).toMatchObject({ hidden: true, population: null, scores: { mean: null } });
    expect(unit.C).toMatchObject({ hidden: true, scores: { mean: null } });
    expect(unit.A).toMatchObject({ hidden: false, population: 10, scores: { mean: 0.75 } });
    expect(out.total.scores.mean).toBe(Math.round(((8 * 0.75 + 2 + 3) / 16) * 100) / 100);
    // Four clients: nothing at all.
    expect(publishIndicator(upc, [clients(null, '', [1, 1, 0.5, 0.5])]).total).toMatchObject({ hidden: true, scores: { mean: null } });
  });

  it('marks, but shows, a stratum where everyone met one professional', () => {
    const values = Array(6).fill(1);
    const out = publishIndicator(upc, [clients(null, '', values, 1), clients('unit', 'A', values, 1)]);
    expect(out.total).toMatchObject({ hidden: false, oneProfessional: true, scores: { mean: 1 } });
    expect(publishIndicator(upc, [clients(null, '', values, 2)]).total.oneProfessional).toBeUndefined();
  });

  it('the own-team share is a proportion of visits with its rest protected', () => {
    const row = (stratifier: StratumCounts['stratifier'], value: string, population: number, own: number): StratumCounts => ({ stratifier, value, population, numerators: { 'own-team': own }, professionals: 3 });
    const out = publishIndicator(ownTeam, [row(null, '', 43, 31), row('unit', 'A', 27, 21), row('unit', 'B', 4, 4), row('unit', 'C', 12, 6)]);
    expect(out.total).toMatchObject({ population: 45, numerators: { 'own-team': 30 }, scores: { 'own-team': 0.67 } });
    const unit = Object.fromEntries((out.strata.unit ?? []).map((s) => [s.value, s]));
    expect(unit.B?.hidden).toBe(true);
    expect(unit.C?.hidden).toBe(true);
    // A's 6 visits without the own team (5) beside the whole's 12 (10) would leave the hidden
    // units' rest at 1–9 after rounding, possibly under five: A's rest is hidden, so its own
    // count (population − rest) and share are too; its population is shown.
    expect(unit.A).toMatchObject({ hidden: false, population: 25, numerators: { 'own-team': null }, scores: { 'own-team': null } });
    // Without B nothing needs hiding: 21 of 27 → 20 of 25.
    const big = publishIndicator(ownTeam, [row(null, '', 39, 27), row('unit', 'A', 27, 21), row('unit', 'C', 12, 6)]);
    expect(big.strata.unit?.find((s) => s.value === 'A')).toMatchObject({ population: 25, numerators: { 'own-team': 20 }, scores: { 'own-team': 0.8 } });
  });
});

describe('NPS as a Measure', () => {
  const answers = (values: number[]) => values.map((recommend) => ({ recommend, statements: {} }));
  const stratum = (stratifier: StratumCounts['stratifier'], value: string, values: number[]): StratumCounts => ({
    stratifier, value, population: values.length,
    numerators: { promoter: values.filter((v) => v >= 9).length, passive: values.filter((v) => v === 7 || v === 8).length, detractor: values.filter((v) => v <= 6).length },
  });

  it('is scored from the rounded groups exactly as the feedback results page scores it', () => {
    const a = [...Array(12).fill(10), ...Array(5).fill(8), ...Array(5).fill(3)];
    const out = publishIndicator(nps, [stratum(null, '', a), stratum('unit', 'A', a), stratum('profession', 'physician', a)]);
    const page = feedbackFigures(DEFAULT_FEEDBACK_SURVEY, answers(a));
    // 12, 5, 5 of 22 → 10, 5, 5 of 20: (10 − 5) / 20 = 25 (the unrounded 32 is not published).
    expect(page.nps).toBe(25);
    expect(out.total).toMatchObject({ population: page.answers, numerators: { promoter: 10, passive: 5, detractor: 5, nps: null }, scores: { nps: 25, promoter: 0.5 } });
  });

  it('shows no NPS when a group is hidden, nor a hidden unit', () => {
    const a = [...Array(12).fill(9), ...Array(5).fill(7), ...Array(2).fill(0)];
    const out = publishIndicator(nps, [stratum(null, '', a), stratum('unit', 'A', a)]);
    expect(out.total.scores.nps).toBeNull();
    expect(feedbackFigures(DEFAULT_FEEDBACK_SURVEY, answers(a)).nps).toBeNull();
    expect(publishIndicator(nps, [stratum(null, '', [10, 10, 9])]).total).toMatchObject({ hidden: true, scores: { nps: null } });
  });
});

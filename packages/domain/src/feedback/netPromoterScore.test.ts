import { describe, expect, it } from 'vitest';
import { netPromoterScore, npsCounts, npsGroup } from './netPromoterScore';

describe('net promoter score', () => {
  it('groups 0–6 as detractors, 7–8 as passives, 9–10 as promoters', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
    for (const bad of [-1, 11, 7.5, Number.NaN]) expect(() => npsGroup(bad)).toThrow(RangeError);
  });

  it('is 100 when everyone is a promoter and −100 when everyone is a detractor', () => {
    expect(netPromoterScore(npsCounts([9, 10, 10, 9, 10]))).toBe(100);
    expect(netPromoterScore(npsCounts([0, 3, 6, 5, 1, 2]))).toBe(-100);
    expect(netPromoterScore(npsCounts([7, 8, 8]))).toBe(0);
  });

  it('on mixed answers is % promoters − % detractors, to a whole number', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: 50 − 20 = 30.
    expect(netPromoterScore(npsCounts([10, 9, 9, 10, 9, 7, 8, 8, 4, 6]))).toBe(30);
    // 1 promoter, 1 passive, 1 detractor: 0; 2 promoters and 1 detractor of 3: 33.
    expect(netPromoterScore(npsCounts([10, 7, 0]))).toBe(0);
    expect(netPromoterScore(npsCounts([10, 10, 0]))).toBe(33);
    expect(netPromoterScore({ promoters: 1, passives: 0, detractors: 2 })).toBe(-33);
  });

  it('has no value without answers and refuses impossible counts', () => {
    expect(netPromoterScore({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
    expect(() => netPromoterScore({ promoters: -1, passives: 0, detractors: 2 })).toThrow(RangeError);
  });
});

/**
 * Net Promoter Score as Finnish providers report it (DOMAIN.md §5): answers 9–10 are promoters,
 * 7–8 passives, 0–6 detractors; NPS = % promoters − % detractors, from −100 to +100.
 */
export type NpsGroup = 'promoter' | 'passive' | 'detractor';

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** The group of one 0–10 answer. Throws a RangeError for anything else. */
export function npsGroup(score: number): NpsGroup {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`a recommendation is a whole number 0–10, got ${score}`);
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** Counts of each group among 0–10 answers. */
export function npsCounts(scores: readonly number[]): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) {
    const group = npsGroup(score);
    if (group === 'promoter') counts.promoters++;
    else if (group === 'passive') counts.passives++;
    else counts.detractors++;
  }
  return counts;
}

/** NPS to a whole number (−100…100); null with no answers. */
export function netPromoterScore(counts: NpsCounts): number | null {
  for (const n of [counts.promoters, counts.passives, counts.detractors]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`counts must be non-negative integers, got ${n}`);
  }
  const total = counts.promoters + counts.passives + counts.detractors;
  if (total === 0) return null;
  // + 0 turns a −0 into 0.
  return Math.round(((counts.promoters - counts.detractors) / total) * 100) + 0;
}

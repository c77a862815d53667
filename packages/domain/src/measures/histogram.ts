/**
 * Quantiles of a distribution given as a histogram (value → how many), as the database returns
 * it: a region's year of waits is a few hundred rows of (days, n), not a million values (pure).
 */
export type Histogram = ReadonlyArray<{ value: number; n: number }>;

/** Total count of a histogram. */
export function histogramCount(h: Histogram): number {
  return h.reduce((s, b) => s + b.n, 0);
}

function ordered(h: Histogram): Array<{ value: number; n: number }> {
  const merged = new Map<number, number>();
  for (const { value, n } of h) {
    if (!Number.isFinite(value) || !Number.isSafeInteger(n) || n < 0) throw new RangeError(`invalid histogram bin ${value}: ${n}`);
    merged.set(value, (merged.get(value) ?? 0) + n);
  }
  return [...merged].map(([value, n]) => ({ value, n })).sort((a, b) => a.value - b.value);
}

/** The value at 1-based rank `rank` in ascending order. */
function valueAtRank(bins: Array<{ value: number; n: number }>, rank: number): number {
  let seen = 0;
  for (const b of bins) {
    seen += b.n;
    if (seen >= rank) return b.value;
  }
  throw new RangeError('rank beyond the histogram');
}

/**
 * The p-th percentile by the nearest-rank method (as `percentile` in accessMeasures.ts: the
 * value at rank ⌈p/100 · n⌉), except p = 50, which is the median (mean of the two middle values
 * for an even count), as `median` there. Null for an empty histogram.
 */
export function histogramQuantile(h: Histogram, p: number): number | null {
  if (!Number.isFinite(p) || p <= 0 || p > 100) throw new RangeError(`p must be in (0, 100], got ${p}`);
  const bins = ordered(h);
  const n = histogramCount(bins);
  if (n === 0) return null;
  if (p === 50) {
    const lower = valueAtRank(bins, Math.floor((n + 1) / 2));
    const upper = valueAtRank(bins, Math.floor(n / 2) + 1);
    return (lower + upper) / 2;
  }
  return valueAtRank(bins, Math.ceil((p / 100) * n));
}

/**
 * Whether quantile `q` may be shown: at least `limit` values at or below it and at least
 * `limit` at or above it (rule 5 of smallNumbers.ts), so it describes a group, not one person.
 */
export function histogramQuantilePublishable(h: Histogram, q: number | null, limit: number): boolean {
  if (q === null || !Number.isFinite(q)) return false;
  let below = 0;
  let above = 0;
  for (const b of h) {
    if (b.value <= q) below += b.n;
    if (b.value >= q) above += b.n;
  }
  return below >= limit && above >= limit;
}

/** The mean of a histogram's values (each weighted by its count); NaN for an empty one. */
export function histogramMean(h: Histogram): number {
  const bins = ordered(h);
  const n = histogramCount(bins);
  return bins.reduce((s, b) => s + b.value * b.n, 0) / n;
}

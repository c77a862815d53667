/**
 * A seeded pseudo-random source for the synthetic region (mulberry32: 32 bits of state, fast,
 * good enough for simulation; not for secrets). The same seed gives the same sequence on every
 * machine, so `npm run generate -- --seed 1` makes the same region every time.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform whole number in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One key of `weights`, drawn in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** Exponentially distributed with the given mean (waiting times). */
  exponential(mean: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    weighted(weights) {
      const entries = Object.entries(weights) as Array<[never, number]>;
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [key, w] of entries) {
        x -= w;
        if (x < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
  };
}

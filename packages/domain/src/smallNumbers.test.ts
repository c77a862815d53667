import { describe, expect, it } from 'vitest';
import {
  hiddenRanges,
  publishCounts,
  publishedShare,
  quantileIsPublishable,
  quantileOfCountsIsPublishable,
  recoverableCells,
  ROUNDING_BASE,
  roundCount,
  SMALL_NUMBER_LIMIT,
  suppressSmallCounts,
  type CountTable,
} from './smallNumbers';

const LIMIT = SMALL_NUMBER_LIMIT;

// ---------------------------------------------------------------------------------------------
// Two checkers written independently of the module, used on every table below.
// ---------------------------------------------------------------------------------------------

/** Equations `total − Σ cells = 0` as coefficient maps. */
function equations(table: CountTable): Array<Map<string, number>> {
  return table.breakdowns.map((b) => {
    const eq = new Map<string, number>([[b.total, 1]]);
    for (const c of b.cells) eq.set(c, (eq.get(c) ?? 0) - 1);
    return eq;
  });
}

/**
 * Subtraction attack: tries every linear combination of the breakdown equations with
 * coefficients −2…2 and reports the hidden keys that end up alone (the combination then
 * gives their value from published numbers only). Unpublished keys count as known.
 */
function bySubtraction(table: CountTable, hidden: ReadonlySet<string>): string[] {
  const eqs = equations(table);
  const unknown = (key: string) => hidden.has(key) && !(table.unpublished ?? []).includes(key);
  const found = new Set<string>();
  const coefficients = new Array<number>(eqs.length).fill(0);
  const visit = (i: number): void => {
    if (i === eqs.length) {
      const combined = new Map<string, number>();
      eqs.forEach((eq, j) => {
        for (const [key, a] of eq) if (unknown(key)) combined.set(key, (combined.get(key) ?? 0) + a * (coefficients[j] as number));
      });
      const alone = [...combined].filter(([, a]) => a !== 0);
      if (alone.length === 1) found.add((alone[0] as [string, number])[0]);
      return;
    }
    for (const c of [-2, -1, 0, 1, 2]) {
      coefficients[i] = c;
      visit(i + 1);
    }
  };
  if (eqs.length <= 6) visit(0);
  return [...found].sort();
}

/**
 * What a reader can tell about each hidden count from the published ones, with the exact
 * values of the published counts (worse than the rounded ones they really get), the equations,
 * and that counts are whole and non-negative: the smallest and the largest possible value.
 * Interval propagation with branching; `cap` bounds counts that nothing else bounds.
 */
function feasibleRanges(table: CountTable, hidden: ReadonlySet<string>, cap: number): Map<string, [number, number]> {
  const known = (key: string) => !hidden.has(key) || (table.unpublished ?? []).includes(key);
  const vars = [...hidden].filter((k) => !known(k));
  const eqs = equations(table).map((eq) => {
    let constant = 0;
    const terms: Array<[string, number]> = [];
    for (const [key, a] of eq) {
      if (known(key)) constant -= a * (table.counts[key] as number);
      else terms.push([key, a]);
    }
    return { terms, constant }; // Σ a·x = constant
  });
  type Box = Map<string, [number, number]>;
  const propagate = (box: Box): boolean => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const { terms, constant } of eqs) {
        for (const [key, a] of terms) {
          let lo = constant;
          let hi = constant;
          for (const [other, b] of terms) {
            if (other === key) continue;
            const [l, h] = box.get(other) as [number, number];
            lo -= b > 0 ? b * h : b * l;
            hi -= b > 0 ? b * l : b * h;
          }
          const [l0, h0] = box.get(key) as [number, number];
          const [nl, nh] = a > 0 ? [Math.ceil(lo / a), Math.floor(hi / a)] : [Math.ceil(hi / a), Math.floor(lo / a)];
          const l1 = Math.max(l0, nl);
          const h1 = Math.min(h0, nh);
          if (l1 > h1) return false;
          if (l1 !== l0 || h1 !== h0) {
            box.set(key, [l1, h1]);
            changed = true;
          }
        }
        if (terms.length === 0 && constant !== 0) return false;
      }
    }
    return true;
  };
  const feasible = (box: Box): boolean => {
    if (!propagate(box)) return false;
    const open = vars.find((k) => {
      const [l, h] = box.get(k) as [number, number];
      return l < h;
    });
    if (open === undefined) return true;
    const [l, h] = box.get(open) as [number, number];
    const mid = Math.floor((l + h) / 2);
    return feasible(new Map(box).set(open, [l, mid])) || feasible(new Map(box).set(open, [mid + 1, h]));
  };
  const start: Box = new Map(vars.map((k) => [k, [0, cap] as [number, number]]));
  const ranges = new Map<string, [number, number]>();
  for (const k of vars) {
    const base = new Map(start);
    propagate(base);
    const [l, h] = base.get(k) as [number, number];
    let lo = l;
    while (lo <= h && !feasible(new Map(base).set(k, [lo, lo]))) lo++;
    let hi = h;
    while (hi >= lo && !feasible(new Map(base).set(k, [hi, hi]))) hi--;
    ranges.set(k, [lo, hi]);
  }
  return ranges;
}

/** The guarantees every suppressed table must meet. */
function expectSafe(table: CountTable, hidden: ReadonlySet<string>, limit = LIMIT): void {
  for (const [key, n] of Object.entries(table.counts)) {
    if (!(table.unpublished ?? []).includes(key) && n < limit) expect(hidden.has(key), `${key} = ${n} is hidden`).toBe(true);
  }
  expect(bySubtraction(table, hidden), 'nothing recovered by subtraction').toEqual([]);
  expect(recoverableCells(table, hidden), 'nothing recovered by any linear combination').toEqual([]);
  const cap = 2 * Math.max(0, ...Object.values(table.counts)) + limit;
  for (const [key, [lo, hi]] of feasibleRanges(table, hidden, cap)) {
    expect(lo, `${key} is not pinned down`).toBeLessThan(hi);
    expect(hi, `${key} could be ${limit} or more, so it is not shown to be a small group`).toBeGreaterThanOrEqual(limit);
    expect(lo <= table.counts[key]! && table.counts[key]! <= hi, `${key} true value within its range`).toBe(true);
  }
}

/** One breakdown: total = a + b + …; cells named c0, c1, …. */
function flat(values: number[]): CountTable {
  const counts: Record<string, number> = { total: values.reduce((s, v) => s + v, 0) };
  values.forEach((v, i) => (counts[`c${i}`] = v));
  return { counts, breakdowns: [{ total: 'total', cells: values.map((_, i) => `c${i}`) }] };
}

const hiddenOf = (table: CountTable) => [...suppressSmallCounts(table)].sort();

// A small seeded generator, so a failing case can be reproduced.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shape {
  /** Categories per dimension; a dimension may leave records uncategorised (an unpublished residual). */
  dims: Array<{ categories: number; residual: boolean; weights: number[] }>;
  /** Dimension 0, category 0 has a sub-breakdown (like outcomes of completed contacts). */
  nested: { categories: number; residual: boolean; weights: number[] } | null;
}
type Rec = { cats: Array<number | null>; sub: number | null };

function randomShape(r: () => number): Shape {
  const dim = () => {
    const categories = 1 + Math.floor(r() * 5);
    // Skewed weights make small cells common.
    return { categories, residual: r() < 0.3, weights: Array.from({ length: categories }, () => r() ** 3 + 0.01) };
  };
  return { dims: Array.from({ length: 1 + Math.floor(r() * 3) }, dim), nested: r() < 0.6 ? dim() : null };
}

function pick(r: () => number, weights: number[], residual: boolean): number | null {
  if (residual && r() < 0.1) return null;
  let x = r() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i] as number) < 0) return i;
  return weights.length - 1;
}

function randomRecord(r: () => number, shape: Shape): Rec {
  const cats = shape.dims.map((d) => pick(r, d.weights, d.residual));
  const sub = shape.nested && cats[0] === 0 ? pick(r, shape.nested.weights, shape.nested.residual) : null;
  return { cats, sub };
}

/** The table of counts of a set of records, as Ovi builds its figures. */
function tableOf(shape: Shape, records: Rec[]): CountTable {
  const counts: Record<string, number> = { all: records.length };
  const breakdowns: CountTable['breakdowns'][number][] = [];
  const unpublished: string[] = [];
  shape.dims.forEach((d, i) => {
    const cells = Array.from({ length: d.categories }, (_, c) => `d${i}:${c}`);
    for (let c = 0; c < d.categories; c++) counts[`d${i}:${c}`] = records.filter((x) => x.cats[i] === c).length;
    if (d.residual) {
      counts[`d${i}:-`] = records.filter((x) => x.cats[i] === null).length;
      cells.push(`d${i}:-`);
      unpublished.push(`d${i}:-`);
    }
    breakdowns.push({ total: 'all', cells });
  });
  if (shape.nested) {
    const n = shape.nested;
    const inside = records.filter((x) => x.cats[0] === 0);
    const cells = Array.from({ length: n.categories }, (_, c) => `n:${c}`);
    for (let c = 0; c < n.categories; c++) counts[`n:${c}`] = inside.filter((x) => x.sub === c).length;
    if (n.residual) {
      counts['n:-'] = inside.filter((x) => x.sub === null).length;
      cells.push('n:-');
      unpublished.push('n:-');
    }
    breakdowns.push({ total: 'd0:0', cells });
  }
  return { counts, breakdowns, unpublished };
}

// ---------------------------------------------------------------------------------------------

describe('roundCount: conventional rounding to the nearest 5', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 5],
    [5, 5],
    [7, 5],
    [8, 10],
    [12, 10],
    [13, 15],
    [1234, 1235],
  ])('%i → %i', (n, rounded) => expect(roundCount(n)).toBe(rounded));
  it('rounds to another base and leaves counts alone with base 1', () => {
    expect(roundCount(14, 10)).toBe(10);
    expect(roundCount(15, 10)).toBe(20);
    expect(roundCount(13, 1)).toBe(13);
  });
  it('is never more than 2 away, monotone, and a multiple of 5', () => {
    for (let n = 0; n <= 1000; n++) {
      expect(Math.abs(roundCount(n) - n)).toBeLessThanOrEqual(2);
      expect(roundCount(n) % ROUNDING_BASE).toBe(0);
      expect(roundCount(n + 1)).toBeGreaterThanOrEqual(roundCount(n));
    }
  });
  it('hides a change of one: one more never moves the figure by one, and moves it at all only across a boundary (1 time in 5)', () => {
    let moved = 0;
    for (let n = LIMIT; n < 1005; n++) {
      const step = roundCount(n + 1) - roundCount(n);
      expect([0, ROUNDING_BASE]).toContain(step);
      if (step !== 0) {
        moved++;
        expect(n % 5).toBe(2); // 7 → 8, 12 → 13, …
        // The same step comes from 1–5 more as well, from a count with the same figure before:
        // a reader cannot tell one contact from several.
        for (let k = 1; k <= 5; k++) {
          const from = [0, 1, 2, 3, 4].map((d) => n - d).find((m) => roundCount(m) === roundCount(n) && roundCount(m + k) === roundCount(n + 1));
          expect(from, `a step of ${k}`).toBeDefined();
        }
      }
    }
    expect(moved).toBe(200);
  });
  it('rejects what is not a count', () => {
    expect(() => roundCount(-1)).toThrow(RangeError);
    expect(() => roundCount(1.5)).toThrow(RangeError);
    expect(() => roundCount(5, 0)).toThrow(RangeError);
  });
});

describe('primary suppression', () => {
  it('hides 1–4 and 0 too (a hidden count could be any of 0–4), shows 5', () => {
    const table = flat([0, 1, 2, 3, 4, 5, 50]);
    const { counts } = publishCounts(table);
    for (const c of ['c0', 'c1', 'c2', 'c3', 'c4']) expect(counts[c]).toBeNull();
    expect(counts.c6).toBe(50);
    expectSafe(table, suppressSmallCounts(table));
  });
  it('never shows a count under the limit, and shows only multiples of 5', () => {
    const r = rng(7);
    for (let i = 0; i < 200; i++) {
      const shape = randomShape(r);
      const table = tableOf(shape, Array.from({ length: Math.floor(r() * 60) }, () => randomRecord(r, shape)));
      for (const [key, v] of Object.entries(publishCounts(table).counts)) {
        if (v === null) continue;
        expect(table.counts[key]).toBeGreaterThanOrEqual(LIMIT);
        expect(v % 5).toBe(0);
        expect(v).toBe(roundCount(table.counts[key]!));
      }
    }
  });
});

describe('complementary suppression', () => {
  it('hides the next smallest cell when one cell of a published total is hidden', () => {
    // total 35 − 20 − 12 would give the 3.
    expect(hiddenOf(flat([3, 12, 20]))).toEqual(['c0', 'c1']);
    expectSafe(flat([3, 12, 20]), suppressSmallCounts(flat([3, 12, 20])));
  });
  it('hides more until the hidden cells together are at least 5: two small cells are not enough', () => {
    // c0 + c1 = 3 would show two small groups; the next smallest (9) is hidden too.
    expect(hiddenOf(flat([1, 2, 9, 30]))).toEqual(['c0', 'c1', 'c2']);
    expect(hiddenOf(flat([2, 3, 9, 30]))).toEqual(['c0', 'c1']); // 2 + 3 = 5: cannot be told apart
  });
  it('hides a zero beside a small cell, and the zero with a partner when it is alone', () => {
    expect(hiddenOf(flat([0, 7, 30]))).toEqual(['c0', 'c1']);
    // Two zeros would add up to 0, i.e. both known: the 30 goes too, the total stays.
    expect(hiddenOf(flat([0, 0, 30]))).toEqual(['c0', 'c1', 'c2']);
    expectSafe(flat([0, 0, 30]), suppressSmallCounts(flat([0, 0, 30])));
  });
  it('picks the first listed of equal cells', () => expect(hiddenOf(flat([4, 8, 8, 8]))).toEqual(['c0', 'c1']));
  it('needs nothing when no cell is small', () => expect(hiddenOf(flat([5, 6, 100]))).toEqual([]));
  it('a single cell equals its total: both shown or both hidden', () => {
    expect(hiddenOf(flat([4]))).toEqual(['c0', 'total']);
    expect(hiddenOf(flat([9]))).toEqual([]);
  });
  it('all cells small: all hidden; a total of 5 or more may stay, as the cells cannot be told apart', () => {
    expect(hiddenOf(flat([1, 2, 3]))).toEqual(['c0', 'c1', 'c2']);
    expectSafe(flat([1, 2, 3]), suppressSmallCounts(flat([1, 2, 3])));
  });
  it('a small total is hidden with all its cells', () => {
    expect(hiddenOf(flat([1, 2]))).toEqual(['c0', 'c1', 'total']);
    expect(hiddenOf(flat([0, 0]))).toEqual(['c0', 'c1', 'total']);
    expect(hiddenOf({ counts: { total: 0 }, breakdowns: [] })).toEqual(['total']);
  });
  it('a nested total of 5 or more may stay when all its cells are hidden', () => {
    const table: CountTable = {
      counts: { contacts: 40, open: 33, completed: 7, solved: 1, booked: 6 },
      breakdowns: [
        { total: 'contacts', cells: ['open', 'completed'] },
        { total: 'completed', cells: ['solved', 'booked'] },
      ],
    };
    const hidden = suppressSmallCounts(table);
    expect([...hidden].sort()).toEqual(['booked', 'solved']);
    expectSafe(table, hidden);
  });
  it('a hidden total forced by its parent hides one of its cells', () => {
    // open 3 is small, so completed (12) is hidden beside it; completed = 6 + 6 would give it back.
    const table: CountTable = {
      counts: { contacts: 15, open: 3, completed: 12, solved: 6, booked: 6 },
      breakdowns: [
        { total: 'contacts', cells: ['open', 'completed'] },
        { total: 'completed', cells: ['solved', 'booked'] },
      ],
    };
    const hidden = suppressSmallCounts(table);
    expect([...hidden].sort()).toEqual(['completed', 'open', 'solved']);
    expectSafe(table, hidden);
  });
  it('two breakdowns of the same total are protected each on its own', () => {
    const table: CountTable = {
      counts: { all: 30, a: 2, b: 28, x: 10, y: 20 },
      breakdowns: [
        { total: 'all', cells: ['a', 'b'] },
        { total: 'all', cells: ['x', 'y'] },
      ],
    };
    expect(hiddenOf(table)).toEqual(['a', 'b']);
    expectSafe(table, suppressSmallCounts(table));
  });
  it('an unpublished residual never protects a hidden cell (a reader is assumed to know it)', () => {
    const table: CountTable = {
      counts: { all: 20, phone: 3, web: 15, none: 2 },
      breakdowns: [{ total: 'all', cells: ['phone', 'web', 'none'] }],
      unpublished: ['none'],
    };
    expect(hiddenOf(table)).toEqual(['phone', 'web']);
    expect(publishCounts(table).counts).toEqual({ all: 20, phone: null, web: null });
    expectSafe(table, suppressSmallCounts(table));
    // When only the residual is left beside the hidden cell, the total goes.
    const residualOnly: CountTable = { counts: { all: 9, phone: 3, none: 6 }, breakdowns: [{ total: 'all', cells: ['phone', 'none'] }], unpublished: ['none'] };
    expect(hiddenOf(residualOnly)).toEqual(['all', 'phone']);
  });
  it('takes a smaller limit', () => {
    expect([...suppressSmallCounts(flat([2, 3, 20]), { limit: 3 })].sort()).toEqual(['c0', 'c1']);
  });
  it('rejects tables that do not add up or are not counts', () => {
    expect(() => suppressSmallCounts({ counts: { t: 5, a: 2, b: 2 }, breakdowns: [{ total: 't', cells: ['a', 'b'] }] })).toThrow('add up to 4');
    expect(() => suppressSmallCounts({ counts: { t: 5, a: -1 }, breakdowns: [] })).toThrow(RangeError);
    expect(() => suppressSmallCounts({ counts: { t: 5, a: 2.5 }, breakdowns: [] })).toThrow(RangeError);
    expect(() => suppressSmallCounts({ counts: { t: 5 }, breakdowns: [{ total: 't', cells: ['nope'] }] })).toThrow('has no count');
    expect(() => suppressSmallCounts({ counts: { t: 5 }, breakdowns: [{ total: 't', cells: [] }] })).toThrow('no cells');
    expect(() => suppressSmallCounts({ counts: { t: 4, a: 2 }, breakdowns: [{ total: 't', cells: ['a', 'a'] }] })).toThrow('twice');
    expect(() => suppressSmallCounts({ counts: { t: 5 }, breakdowns: [], unpublished: ['x'] })).toThrow('has no count');
    expect(() => suppressSmallCounts(flat([5]), { limit: 0 })).toThrow(RangeError);
  });
});

describe('the audit: what a reader can bound, not only subtract', () => {
  it('gives each hidden count the range a reader can work out', () => {
    const table = flat([3, 12, 20]);
    expect(hiddenRanges(table, suppressSmallCounts(table))).toEqual(
      new Map([
        ['c0', { min: 0, max: 15 }],
        ['c1', { min: 0, max: 15 }],
      ]),
    );
    // A published cell below a hidden total bounds it from below: completed ≥ 6.
    const nested: CountTable = {
      counts: { contacts: 15, open: 3, completed: 12, solved: 6, booked: 6 },
      breakdowns: [
        { total: 'contacts', cells: ['open', 'completed'] },
        { total: 'completed', cells: ['solved', 'booked'] },
      ],
    };
    expect(hiddenRanges(nested, new Set(['open', 'completed', 'solved'])).get('completed')).toEqual({ min: 6, max: 15 });
  });
  it('a hidden total bounded from below by a published cell and from above by its parent is caught', () => {
    // open 3 is hidden beside completed 12. If only booked (0) were hidden below it,
    // completed ≥ solved = 12 would give open ≤ 3, a small group shown: the hidden cells of a
    // hidden total must add up to 5 or more too, so solved goes.
    const table: CountTable = {
      counts: { contacts: 15, open: 3, completed: 12, solved: 12, booked: 0 },
      breakdowns: [
        { total: 'contacts', cells: ['open', 'completed'] },
        { total: 'completed', cells: ['solved', 'booked'] },
      ],
    };
    expect([...suppressSmallCounts(table)].sort()).toEqual(['booked', 'completed', 'open', 'solved']);
    expectSafe(table, suppressSmallCounts(table));
  });
  it('an unpublished residual under a hidden total: the audit hides more where the rules stop', () => {
    // n:0 (4) is hidden under d0:0, whose only other cell is the residual n:− (2, assumed known):
    // d0:0 ∈ [2, 6] leaves n:0 ≤ 4, a small group. The audit hides d0:2 to open the range.
    const table: CountTable = {
      counts: { all: 12, 'd0:0': 6, 'd0:1': 0, 'd0:2': 6, 'd0:3': 0, 'd0:4': 0, 'd1:0': 8, 'd1:1': 1, 'd1:2': 3, 'n:0': 4, 'n:-': 2 },
      breakdowns: [
        { total: 'all', cells: ['d0:0', 'd0:1', 'd0:2', 'd0:3', 'd0:4'] },
        { total: 'all', cells: ['d1:0', 'd1:1', 'd1:2'] },
        { total: 'd0:0', cells: ['n:0', 'n:-'] },
      ],
      unpublished: ['n:-'],
    };
    const hidden = suppressSmallCounts(table);
    expect(hidden.has('d0:2')).toBe(true);
    expectSafe(table, hidden);
  });
  it('agrees with the independent checker on random tables', () => {
    const r = rng(4242);
    for (let i = 0; i < 150; i++) {
      const shape = randomShape(r);
      const table = tableOf(shape, Array.from({ length: Math.floor(r() * 30) }, () => randomRecord(r, shape)));
      const hidden = suppressSmallCounts(table);
      const cap = 2 * Math.max(0, ...Object.values(table.counts)) + LIMIT;
      const mine = feasibleRanges(table, hidden, cap);
      expect(new Map([...hiddenRanges(table, hidden)].map(([k, v]) => [k, [v.min, v.max]]))).toEqual(mine);
    }
  });
});

describe('the checkers catch what suppression of small cells alone leaves open', () => {
  it('total − the visible cells gives the hidden one', () => {
    const table = flat([3, 12, 20]);
    const naive = new Set(['c0']);
    expect(bySubtraction(table, naive)).toEqual(['c0']);
    expect(recoverableCells(table, naive)).toEqual(['c0']);
  });
  it('a chain of totals gives a hidden cell two levels away', () => {
    // contacts and the outcomes are shown; open = contacts − (solved + booked).
    const table: CountTable = {
      counts: { contacts: 30, open: 3, completed: 27, solved: 20, booked: 7 },
      breakdowns: [
        { total: 'contacts', cells: ['open', 'completed'] },
        { total: 'completed', cells: ['solved', 'booked'] },
      ],
    };
    const hidden = new Set(['open', 'completed']);
    expect(recoverableCells(table, hidden)).toEqual(['open', 'completed']);
    expect(bySubtraction(table, hidden)).toEqual(['completed', 'open']);
  });
  it('two hidden cells whose difference and sum are known are both recovered', () => {
    // a + b = 10 (from one total) and a − b = 4 (from another) would give a = 7, b = 3.
    const table: CountTable = {
      counts: { t1: 15, a: 7, b: 3, c: 5, d: 4 },
      breakdowns: [
        { total: 't1', cells: ['a', 'b', 'c'] },
        { total: 'a', cells: ['b', 'd'] }, // a = b + d, d known
      ],
    };
    expect(recoverableCells(table, new Set(['a', 'b']))).toEqual(['a', 'b']);
  });
  it('random tables: small-only suppression leaks often; the module never does', () => {
    const r = rng(2024);
    let leaksWithoutComplement = 0;
    for (let i = 0; i < 300; i++) {
      const shape = randomShape(r);
      const table = tableOf(shape, Array.from({ length: Math.floor(r() * 50) }, () => randomRecord(r, shape)));
      const naive = new Set(Object.keys(table.counts).filter((k) => !(table.unpublished ?? []).includes(k) && table.counts[k]! < LIMIT));
      if (recoverableCells(table, naive).length > 0) leaksWithoutComplement++;
      expect(bySubtraction(table, naive)).toEqual(recoverableCells(table, naive).sort());
    }
    expect(leaksWithoutComplement).toBeGreaterThan(50);
  });
});

describe('property: no hidden count can be worked out from any published figure', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('500 random tables (seed %i)', (seed) => {
    const r = rng(seed);
    for (let i = 0; i < 500; i++) {
      const shape = randomShape(r);
      const table = tableOf(shape, Array.from({ length: Math.floor(r() * (i % 3 === 0 ? 12 : 45)) }, () => randomRecord(r, shape)));
      expectSafe(table, suppressSmallCounts(table));
    }
  });
  it('is deterministic: the same counts give the same figures', () => {
    const r = rng(99);
    const shape = randomShape(r);
    const records = Array.from({ length: 30 }, () => randomRecord(r, shape));
    expect(publishCounts(tableOf(shape, records))).toEqual(publishCounts(tableOf(shape, [...records].reverse())));
  });
});

describe('property: between two reads, one more record is not seen as one', () => {
  it('no published count ever moves by less than 5, and most moves of one are not seen at all', () => {
    const r = rng(31);
    let reads = 0;
    let unchangedCells = 0;
    let changedCells = 0;
    for (let i = 0; i < 2000; i++) {
      const shape = randomShape(r);
      const records = Array.from({ length: 5 + Math.floor(r() * 80) }, () => randomRecord(r, shape));
      const before = publishCounts(tableOf(shape, records)).counts;
      const after = publishCounts(tableOf(shape, [...records, randomRecord(r, shape)])).counts;
      reads++;
      for (const key of Object.keys(before)) {
        const b = before[key];
        const a = after[key];
        if (b === null || b === undefined || a === null || a === undefined) continue;
        expect(Math.abs(a - b) % 5, key).toBe(0);
        if (a === b) unchangedCells++;
        else changedCells++;
      }
    }
    expect(reads).toBe(2000);
    // Only the counts the new record is in can move, and each of them only across a boundary.
    expect(unchangedCells).toBeGreaterThan(5 * changedCells);
  });
  it('a record added to a count away from a rounding boundary leaves every figure as it was', () => {
    // all 31 → 32, web 21 → 22, phone 10 stays: 30, 20, 10 before and after.
    const before: CountTable = { counts: { all: 31, web: 21, phone: 10 }, breakdowns: [{ total: 'all', cells: ['web', 'phone'] }] };
    const after: CountTable = { counts: { all: 32, web: 22, phone: 10 }, breakdowns: [{ total: 'all', cells: ['web', 'phone'] }] };
    expect(publishCounts(after).counts).toEqual(publishCounts(before).counts);
    expect(publishCounts(after).counts).toEqual({ all: 30, web: 20, phone: 10 });
  });
});

describe('publishedShare', () => {
  it('is computed from published counts to whole per cent', () => {
    expect(publishedShare(15, 20)).toBe(0.75);
    expect(publishedShare(10, 15)).toBe(0.67);
    expect(publishedShare(5, 5)).toBe(1);
  });
  it('is hidden when a part is hidden or the denominator is under the limit', () => {
    expect(publishedShare(null, 20)).toBeNull();
    expect(publishedShare(5, null)).toBeNull();
    expect(publishedShare(0, 0)).toBeNull();
    expect(publishedShare(0, 4)).toBeNull();
  });
  it('is capped at 1 when rounded parts add up to more than their rounded whole', () => expect(publishedShare(20, 15)).toBe(1));
  it('moves with one more record only when a rounded count does', () => {
    // 12 of 17 → 13 of 18: 10/15 and 15/20 — the step is that of the rounded counts.
    expect(publishedShare(roundCount(11), roundCount(16))).toBe(publishedShare(roundCount(12), roundCount(17)));
  });
  it('rejects nonsense', () => expect(() => publishedShare(-5, 10)).toThrow(RangeError));
});

describe('quantileIsPublishable', () => {
  it('needs the limit of values on each side', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileIsPublishable(ten, 5)).toBe(true); // 5 at or below, 6 at or above
    expect(quantileIsPublishable(ten, 6)).toBe(true);
    expect(quantileIsPublishable(ten, 9)).toBe(false); // the 90th percentile of ten is two people's
    expect(quantileIsPublishable([3, 3, 3, 3, 3], 3)).toBe(true);
    expect(quantileIsPublishable([1, 2, 3, 4], 2)).toBe(false);
    expect(quantileIsPublishable([], null)).toBe(false);
    expect(quantileIsPublishable(ten, 9, { limit: 2 })).toBe(true);
  });
});

describe('quantileOfCountsIsPublishable: the same rule over counted values', () => {
  it('agrees with quantileIsPublishable on the values written out, for random histograms, quantiles and limits', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 2_000; run++) {
      const counts = Array.from({ length: 1 + Math.floor(next() * 8) }, () => ({ value: Math.floor(next() * 20), n: Math.floor(next() * 8) }));
      const values = counts.flatMap((c) => Array.from({ length: c.n }, () => c.value));
      for (const q of [null, Number.NaN, 0, 3, 7.5, 10, 19, 25])
        for (const limit of [1, 3, 5, 10])
          expect(quantileOfCountsIsPublishable(counts, q, { limit }), JSON.stringify({ counts, q, limit })).toBe(quantileIsPublishable(values, q, { limit }));
    }
  });
});

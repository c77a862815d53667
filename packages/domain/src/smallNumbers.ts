/**
 * Figures that cannot be taken apart: statistical disclosure control for published counts (pure).
 *
 * The client-data act (703/2023) and Ovi's brief: a figure never reveals a group of fewer than
 * five people. Hiding each small count on its own is not enough — a hidden count can be
 * recovered by subtracting the visible ones from a published total, and a figure that changes
 * by one between two reads reveals the one contact that came in between. The rules here:
 *
 * 1. **Primary suppression.** A count below the limit (5) is hidden — and that includes **0**.
 *    A true zero reveals no one by itself, but if zeros were shown a hidden count would be
 *    known to be 1–4, i.e. "someone is there", and a zero beside a total reveals that the whole
 *    group shares one attribute. Hiding 0 too is the safe choice: a hidden count is then any
 *    of 0–4 (or a larger count hidden by rule 2), and what is shown is always at least 5.
 * 2. **Complementary suppression.** Counts are tied together by breakdowns
 *    (`total = cell₁ + … + cellₙ`). For each breakdown whose total is published, the hidden
 *    cells must be at least two, and together at least the limit, so that neither one hidden
 *    cell nor the hidden group as a whole can be worked out or bounded below five by
 *    subtraction; otherwise the smallest published cell (by its rounded count, ties: the one
 *    listed first, so the choice moves only when a shown figure would) is hidden too, or,
 *    when no cell is left to hide, the total. A hidden total needs at least one hidden
 *    cell (else it is the sum of its published cells), and its hidden cells together at least
 *    the limit (else its published cells bound it from below too tightly). This repeats over
 *    all breakdowns until nothing changes. Then an **audit** takes the reader's view: every
 *    published count known exactly (better than the rounded figures they get), the unpublished
 *    ones too, all breakdowns at once, counts whole and non-negative. Every hidden count must
 *    still have more than one possible value and a possible value of at least the limit, so no
 *    one can tell its value or that it is a small group ({@link hiddenRanges}); where one
 *    fails, the smallest published cell next to it is hidden and the whole repeats. No linear
 *    combination of breakdowns ({@link recoverableCells}) can then give a hidden count either.
 * 3. **Rounding.** Every published count is rounded to the nearest multiple of 5 (conventional
 *    rounding, a standard disclosure-control method). A published figure therefore moves in
 *    steps of 5, never by one: one more contact changes nothing in four cases out of five, and
 *    when it carries a count over a rounding boundary the step of 5 looks the same as a
 *    change of several contacts. Rounded cells need not add up to their rounded total.
 *    Suppression is decided on the true counts; rounding is applied only to what is shown.
 *    What no deterministic rule can do: when one contact does carry its category's count over
 *    a boundary (or over the limit), a reader who knows that exactly that one contact came in
 *    between two reads can tell its category from which figure stepped. Rounding makes this
 *    the exception (one in five), not the rule; reads far apart blur it further.
 * 4. **Shares** are computed only from published (rounded) counts, with a published
 *    denominator of at least the limit, and given to whole per cent. A share reveals its
 *    numerator and its complement, so both must be published cells of a breakdown of the
 *    denominator (see {@link publishedShare}).
 * 5. **Quantiles** (e.g. the median waiting time) are shown only when at least the limit of
 *    values lie at or below and at or above them ({@link quantileIsPublishable}): a 90th
 *    percentile of five waits is the longest wait, i.e. one person's.
 *
 * Counts that are not published at all but are needed to make a breakdown add up (e.g.
 * "no channel recorded") are declared `unpublished`: they are never shown, but for safety
 * they are assumed known to a reader (the worst case), so they never protect a hidden cell.
 */

/** Groups smaller than this are never shown. */
export const SMALL_NUMBER_LIMIT = 5;
/** Published counts are rounded to the nearest multiple of this. */
export const ROUNDING_BASE = 5;

/** `counts[total] = Σ counts[cells]`. */
export interface Breakdown {
  total: string;
  cells: readonly string[];
}

/** Named counts and the breakdowns that tie them together. */
export interface CountTable {
  counts: Readonly<Record<string, number>>;
  breakdowns: readonly Breakdown[];
  /** Keys never published but assumed known to a reader (residual cells). */
  unpublished?: readonly string[];
  /**
   * Keys hidden for another reason than their size (e.g. one professional's work, decision
   * 009), and protected like small ones: complements are hidden so they cannot be worked out.
   */
  alsoHide?: readonly string[];
}

export interface DisclosureOptions {
  /** Default {@link SMALL_NUMBER_LIMIT}. */
  limit?: number;
  /** Default {@link ROUNDING_BASE}; 1 = no rounding. */
  roundingBase?: number;
}

export interface PublishedCounts {
  /** Every published key: its rounded count, or null when hidden. Unpublished keys are absent. */
  counts: Record<string, number | null>;
  /** The hidden keys (primary and complementary). */
  hidden: ReadonlySet<string>;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function checkTable(table: CountTable): void {
  for (const [key, n] of Object.entries(table.counts)) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`count ${key} must be a non-negative integer, got ${n}`);
  }
  const has = (key: string) => Object.prototype.hasOwnProperty.call(table.counts, key);
  for (const key of table.unpublished ?? []) if (!has(key)) throw new RangeError(`unpublished key ${key} has no count`);
  for (const b of table.breakdowns) {
    if (!has(b.total)) throw new RangeError(`breakdown total ${b.total} has no count`);
    if (b.cells.length === 0) throw new RangeError(`breakdown of ${b.total} has no cells`);
    const seen = new Set<string>([b.total]);
    let sum = 0;
    for (const cell of b.cells) {
      if (!has(cell)) throw new RangeError(`cell ${cell} of ${b.total} has no count`);
      if (seen.has(cell)) throw new RangeError(`breakdown of ${b.total} lists ${cell} twice or as its own cell`);
      seen.add(cell);
      sum += table.counts[cell] as number;
    }
    if (sum !== table.counts[b.total]) throw new RangeError(`cells of ${b.total} add up to ${sum}, not ${table.counts[b.total]}`);
  }
}

/**
 * The keys to hide: primary (counts under the limit, 0 included) and complementary (rule 2 of
 * the module comment). Unpublished keys are never in the result. Deterministic.
 * Throws a RangeError for negative or fractional counts or breakdowns that do not add up.
 */
export function suppressSmallCounts(table: CountTable, options: DisclosureOptions = {}): Set<string> {
  const limit = positiveInteger(options.limit ?? SMALL_NUMBER_LIMIT, 'limit');
  checkTable(table);
  const counts = table.counts;
  const unpublished = new Set(table.unpublished ?? []);
  const forced = new Set(table.alsoHide ?? []);
  const hidden = new Set(Object.keys(counts).filter((key) => !unpublished.has(key) && ((counts[key] as number) < limit || forced.has(key))));
  const hideable = (key: string) => !unpublished.has(key) && !hidden.has(key);
  // "Smallest" by the rounded count as it would be shown, ties in listing order: then which
  // cell is chosen changes only when a shown figure would change, not with every contact.
  const base = positiveInteger(options.roundingBase ?? ROUNDING_BASE, 'roundingBase');
  const size = (key: string) => roundCount(counts[key] as number, base);
  /** Hides the smallest published cell of `b` (ties: first listed), else its total; false if neither can be hidden. */
  const hideNext = (b: Breakdown): boolean => {
    let best: string | undefined;
    for (const cell of b.cells) if (hideable(cell) && (best === undefined || size(cell) < size(best))) best = cell;
    const key = best ?? (hideable(b.total) ? b.total : undefined);
    if (key === undefined) return false;
    hidden.add(key);
    return true;
  };
  /** Rule 2 for one breakdown; true when it hid something. */
  const enforce = (b: Breakdown): boolean => {
    const hiddenCells = b.cells.filter((cell) => hidden.has(cell));
    const totalHidden = hidden.has(b.total);
    if (!totalHidden && hiddenCells.length === 0) return false;
    const hiddenSum = hiddenCells.reduce((s, cell) => s + (counts[cell] as number), 0);
    if (hiddenCells.length >= (totalHidden ? 1 : 2) && hiddenSum >= limit) return false;
    return hideNext(b);
  };
  for (;;) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const b of table.breakdowns) while (enforce(b)) changed = true;
    }
    // The audit: what a reader can work out from every published count (exactly, as if not
    // rounded), all breakdowns together and counts being whole and non-negative. Each hidden
    // count must keep more than one possible value and a possible value of at least the limit;
    // otherwise the smallest published cell next to it is hidden too.
    const unsafe = unsafeHidden(table, hidden, limit);
    if (unsafe.length === 0) return hidden;
    const next = nextToHide(table.breakdowns, unsafe, hidden, hideable, size);
    // Nothing left to hide anywhere near: only the unpublished counts, which no reader is given, pin it down.
    if (next === undefined) return hidden;
    hidden.add(next);
  }
}

/**
 * The smallest published cell in the breakdowns around `keys` (ties: first listed), else a
 * published total there; if everything there is hidden, the search moves one step further out
 * along the hidden counts those breakdowns share.
 */
function nextToHide(
  breakdowns: readonly Breakdown[],
  keys: readonly string[],
  hidden: ReadonlySet<string>,
  hideable: (key: string) => boolean,
  size: (key: string) => number,
): string | undefined {
  const reached = new Set(keys);
  const used = new Set<Breakdown>();
  for (;;) {
    const around = breakdowns.filter((b) => !used.has(b) && (reached.has(b.total) || b.cells.some((cell) => reached.has(cell))));
    if (around.length === 0) return undefined;
    let best: string | undefined;
    for (const b of around) for (const cell of b.cells) if (hideable(cell) && (best === undefined || size(cell) < size(best))) best = cell;
    best ??= around.map((b) => b.total).find(hideable);
    if (best !== undefined) return best;
    for (const b of around) {
      used.add(b);
      for (const key of [b.total, ...b.cells]) if (hidden.has(key)) reached.add(key);
    }
  }
}

/** The hidden keys a reader could pin to one value or show to be under the limit (or that the search could not clear). */
function unsafeHidden(table: CountTable, hidden: ReadonlySet<string>, limit: number): string[] {
  const system = readerSystem(table, hidden, limit);
  return system.unknowns.filter((key, i) => {
    const truth = table.counts[key] as number;
    const another = system.feasible(i, 0, truth - 1) === true || system.feasible(i, truth + 1, system.cap) === true;
    return !another || system.feasible(i, limit, system.cap) !== true;
  });
}

/** The smallest and the largest value a reader can find for a hidden count. */
export interface HiddenRange {
  min: number;
  max: number;
}

/**
 * For each hidden key, the range of values it can take given every published count (exactly),
 * the unpublished ones (assumed known), all breakdowns together, and that counts are whole and
 * non-negative: what the best-informed reader can work out. A key bounded by nothing published
 * gets a `max` of twice the largest count plus the limit (i.e. "large").
 */
export function hiddenRanges(table: CountTable, hidden: ReadonlySet<string>, options: DisclosureOptions = {}): Map<string, HiddenRange> {
  const limit = positiveInteger(options.limit ?? SMALL_NUMBER_LIMIT, 'limit');
  checkTable(table);
  const system = readerSystem(table, hidden, limit);
  const ranges = new Map<string, HiddenRange>();
  system.unknowns.forEach((key, i) => {
    // Bisection on "some solution has x ≤ m" (monotone in m), and likewise for the maximum.
    let lo = 0;
    let hi = system.cap;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (system.feasible(i, 0, mid) === false) lo = mid + 1;
      else hi = mid;
    }
    const min = lo;
    hi = system.cap;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (system.feasible(i, mid, system.cap) === false) hi = mid - 1;
      else lo = mid;
    }
    ranges.set(key, { min, max: hi });
  });
  return ranges;
}

type Box = Array<[number, number]>;

/**
 * The equations a reader holds, over the hidden keys only: Σ a·x = c per breakdown. `feasible`
 * answers whether a whole, non-negative solution has x[i] in [from, to] (interval propagation
 * with bisection; 'unknown' if the search is too long, which callers treat as not safe).
 */
function readerSystem(table: CountTable, hidden: ReadonlySet<string>, limit: number) {
  const known = new Set(table.unpublished ?? []);
  const unknowns = [...hidden].filter((key) => Object.prototype.hasOwnProperty.call(table.counts, key) && !known.has(key));
  const index = new Map(unknowns.map((key, i) => [key, i]));
  const equations = table.breakdowns.map((b) => {
    const coefficients = new Map<number, number>();
    let constant = 0;
    const add = (key: string, a: number) => {
      const i = index.get(key);
      if (i === undefined) constant -= a * (table.counts[key] as number);
      else coefficients.set(i, (coefficients.get(i) ?? 0) + a);
    };
    add(b.total, 1);
    for (const cell of b.cells) add(cell, -1);
    return { terms: [...coefficients].filter(([, a]) => a !== 0), constant };
  });
  const cap = 2 * Math.max(0, ...Object.values(table.counts)) + limit;

  // The equations each unknown appears in, so that a narrowed box revisits only those.
  const touching: number[][] = unknowns.map(() => []);
  equations.forEach(({ terms }, e) => {
    for (const [i] of terms) (touching[i] as number[]).push(e);
  });
  /**
   * Narrows the box to the fixpoint of a·x_i = constant − Σ others over every equation (the
   * fixpoint does not depend on the order, so the search below sees the same boxes whatever
   * order the equations are visited in); false when some equation has no solution in it. An
   * equation's smallest and largest sums are taken once a visit, each term's bounds from them.
   */
  const propagate = (box: Box): boolean => {
    const queued = new Array<boolean>(equations.length).fill(true);
    const queue = equations.map((_, e) => e);
    while (queue.length > 0) {
      const e = queue.pop() as number;
      queued[e] = false;
      const { terms, constant } = equations[e] as (typeof equations)[number];
      if (terms.length === 0) {
        if (constant !== 0) return false;
        continue;
      }
      let least = 0;
      let most = 0;
      for (const [j, b] of terms) {
        const [l, h] = box[j] as [number, number];
        least += b > 0 ? b * l : b * h;
        most += b > 0 ? b * h : b * l;
      }
      for (const [i, a] of terms) {
        // a·x_i = constant − Σ others: bounds from the others' boxes (the sums without this term).
        const [l0, h0] = box[i] as [number, number];
        const low = constant - (most - (a > 0 ? a * h0 : a * l0));
        const high = constant - (least - (a > 0 ? a * l0 : a * h0));
        const l1 = Math.max(l0, a > 0 ? Math.ceil(low / a) : Math.ceil(high / a));
        const h1 = Math.min(h0, a > 0 ? Math.floor(high / a) : Math.floor(low / a));
        if (l1 > h1) return false;
        if (l1 !== l0 || h1 !== h0) {
          box[i] = [l1, h1];
          least += a > 0 ? a * (l1 - l0) : a * (h1 - h0);
          most += a > 0 ? a * (h1 - h0) : a * (l1 - l0);
          for (const other of touching[i] as number[]) {
            if (!queued[other]) {
              queued[other] = true;
              queue.push(other);
            }
          }
        }
      }
    }
    return true;
  };
  const feasible = (i: number, from: number, to: number): boolean | 'unknown' => {
    if (from > to) return false;
    let budget = 20_000;
    const search = (box: Box): boolean | 'unknown' => {
      if (--budget < 0) return 'unknown';
      if (!propagate(box)) return false;
      let open = -1;
      for (let j = 0; j < box.length; j++) {
        const [l, h] = box[j] as [number, number];
        if (l < h && (open < 0 || h - l < (box[open] as [number, number])[1] - (box[open] as [number, number])[0])) open = j;
      }
      if (open < 0) return true;
      const [l, h] = box[open] as [number, number];
      const mid = Math.floor((l + h) / 2);
      const left = box.map((r) => [...r] as [number, number]);
      left[open] = [l, mid];
      const first = search(left);
      if (first === true) return true;
      const right = box.map((r) => [...r] as [number, number]);
      right[open] = [mid + 1, h];
      const second = search(right);
      return second === true ? true : first === 'unknown' || second === 'unknown' ? 'unknown' : false;
    };
    const box: Box = unknowns.map(() => [0, cap]);
    box[i] = [Math.max(0, from), Math.min(cap, to)];
    return search(box);
  };
  return { unknowns, feasible, cap };
}

/** Conventional rounding to the nearest multiple of `base` (halves up); n is a non-negative integer. */
export function roundCount(n: number, base: number = ROUNDING_BASE): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`count must be a non-negative integer, got ${n}`);
  positiveInteger(base, 'roundingBase');
  return Math.floor((n + base / 2) / base) * base;
}

/** Suppresses (rules 1–2) and rounds (rule 3) a table; what a reader may see. */
export function publishCounts(table: CountTable, options: DisclosureOptions = {}): PublishedCounts {
  const hidden = suppressSmallCounts(table, options);
  const unpublished = new Set(table.unpublished ?? []);
  const counts: Record<string, number | null> = {};
  for (const [key, n] of Object.entries(table.counts)) {
    if (unpublished.has(key)) continue;
    counts[key] = hidden.has(key) ? null : roundCount(n, options.roundingBase ?? ROUNDING_BASE);
  }
  return { counts, hidden };
}

/**
 * A share (0–1, whole per cent) from published counts: null when either is hidden (null) or
 * the denominator is under the limit. The numerator should be a published cell (or a sum of
 * published cells) of a breakdown of the denominator whose other cells are suppressed by the
 * same rules, so the share reveals nothing the counts do not. Capped at 1: independently
 * rounded parts may add up to a little more than their rounded whole.
 */
export function publishedShare(numerator: number | null, denominator: number | null, options: DisclosureOptions = {}): number | null {
  const limit = positiveInteger(options.limit ?? SMALL_NUMBER_LIMIT, 'limit');
  if (numerator === null || denominator === null || denominator < limit) return null;
  if (!Number.isFinite(numerator) || numerator < 0 || !Number.isFinite(denominator)) throw new RangeError('share of invalid counts');
  return Math.min(1, Math.round((numerator / denominator) * 100) / 100);
}

/**
 * Whether a quantile `q` of `values` may be shown: at least `limit` values at or below it and
 * at least `limit` at or above it, so it describes a group, not one person (a high percentile
 * of a few values is simply the largest one).
 */
export function quantileIsPublishable(values: readonly number[], q: number | null, options: DisclosureOptions = {}): boolean {
  const limit = positiveInteger(options.limit ?? SMALL_NUMBER_LIMIT, 'limit');
  if (q === null || !Number.isFinite(q)) return false;
  return values.filter((v) => v <= q).length >= limit && values.filter((v) => v >= q).length >= limit;
}

/** {@link quantileIsPublishable} over counted values (each `value` `n` times; `accessMeasures.ts`). */
export function quantileOfCountsIsPublishable(counts: ReadonlyArray<{ value: number; n: number }>, q: number | null, options: DisclosureOptions = {}): boolean {
  const limit = positiveInteger(options.limit ?? SMALL_NUMBER_LIMIT, 'limit');
  if (q === null || !Number.isFinite(q)) return false;
  const atOrBelow = counts.reduce((sum, c) => (c.value <= q ? sum + c.n : sum), 0);
  const atOrAbove = counts.reduce((sum, c) => (c.value >= q ? sum + c.n : sum), 0);
  return atOrBelow >= limit && atOrAbove >= limit;
}

// ---- the check: can a hidden count be worked out from what is published? ----

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function normalise(row: number[]): number[] {
  const g = row.reduce((acc, v) => gcd(acc, v), 0);
  if (g <= 1) return row;
  return row.map((v) => v / g);
}

/**
 * The hidden keys whose exact value follows from the published counts: those for which some
 * linear combination of the breakdown equations has that key as its only hidden term. The
 * published counts and the unpublished (assumed known) ones are constants; the equations are
 * reduced to reduced row echelon form over the hidden keys with exact integer arithmetic, and
 * a hidden key is recoverable exactly when a reduced row has it as its only non-zero entry.
 */
export function recoverableCells(table: CountTable, hidden: ReadonlySet<string>): string[] {
  const known = new Set(table.unpublished ?? []);
  const unknowns = [...hidden].filter((key) => Object.prototype.hasOwnProperty.call(table.counts, key) && !known.has(key));
  const column = new Map(unknowns.map((key, i) => [key, i]));
  const rows: number[][] = table.breakdowns.map((b) => {
    const row = new Array<number>(unknowns.length).fill(0);
    const add = (key: string, coefficient: number) => {
      const c = column.get(key);
      if (c !== undefined) row[c] = (row[c] as number) + coefficient;
    };
    add(b.total, 1);
    for (const cell of b.cells) add(cell, -1);
    return row;
  });
  // Gauss–Jordan elimination without fractions: row := p·row − f·pivotRow, then divide by the gcd.
  let rank = 0;
  for (let c = 0; c < unknowns.length && rank < rows.length; c++) {
    const pivotIndex = rows.findIndex((row, i) => i >= rank && row[c] !== 0);
    if (pivotIndex < 0) continue;
    [rows[rank], rows[pivotIndex]] = [rows[pivotIndex] as number[], rows[rank] as number[]];
    const pivot = rows[rank] as number[];
    const p = pivot[c] as number;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number[];
      const f = row[c] as number;
      if (i === rank || f === 0) continue;
      const next = normalise(row.map((v, j) => p * v - f * (pivot[j] as number)));
      if (next.some((v) => !Number.isSafeInteger(v))) throw new RangeError('table too large for the exact check');
      rows[i] = next;
    }
    rank++;
  }
  const found = new Set<string>();
  for (const row of rows.slice(0, rank)) {
    const nonZero = row.flatMap((v, j) => (v !== 0 ? [j] : []));
    if (nonZero.length === 1) found.add(unknowns[nonZero[0] as number] as string);
  }
  return unknowns.filter((key) => found.has(key));
}

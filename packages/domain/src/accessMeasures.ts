/**
 * Access indicators (pure).
 *
 * T3 ("kolmas vapaa aika"): for one professional, the days from the measuring day to the day
 * of the third free non-urgent slot in the booking calendar; for a unit, the median of the
 * professionals' T3 per profession. Days are Helsinki dates: a slot later on the measuring
 * day counts 0. Only slots starting at or after the measuring moment count. With fewer than
 * three free slots (the unit would have to use a queue book) T3 is `capDays`, 182 by THL's
 * convention, and a longer T3 is also recorded as `capDays`.
 *
 * Waiting times to realised visits are in `visitWaits.ts` (decision 018), which uses the
 * quantiles here.
 *
 * T3 is a figure about free times in professionals' calendars; it holds no client data.
 */
import { calendarDaysBetween, workingDaysBetween } from './calendarSpan';
import { toHelsinkiDate } from './helsinkiTime';

export interface T3Options {
  /** Default 'calendar-days'. 'working-days' counts working days after the measuring day. */
  unit?: 'calendar-days' | 'working-days';
  /** Default 182. */
  capDays?: number;
}

export const T3_CAP_DAYS = 182;

function sorted(values: number[]): number[] {
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('values must be finite numbers');
  return [...values].sort((a, b) => a - b);
}

/** The median; the mean of the two middle values for an even count; null when empty. */
export function median(values: number[]): number | null {
  const s = sorted(values);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest value such that
 * at least p % of the values are at or below it, i.e. the value at rank ⌈p/100 · n⌉ in
 * ascending order. Always one of the values, never interpolated; null when empty.
 */
export function percentile(values: number[], p: number): number | null {
  if (!Number.isFinite(p) || p <= 0 || p > 100) throw new RangeError(`p must be in (0, 100], got ${p}`);
  const s = sorted(values);
  if (s.length === 0) return null;
  return s[Math.ceil((p / 100) * s.length) - 1] as number;
}

/** A value and how many times it occurs: a histogram's bar, as the database counts them. */
export interface CountedValue {
  value: number;
  n: number;
}

/**
 * {@link percentile} of the values that `counts` stand for (each `value` `n` times), without
 * writing them out: a year's waits are a few hundred counted values, not 600 000 numbers to sort.
 */
export function percentileOfCounts(counts: readonly CountedValue[], p: number): number | null {
  if (!Number.isFinite(p) || p <= 0 || p > 100) throw new RangeError(`p must be in (0, 100], got ${p}`);
  for (const c of counts) {
    if (!Number.isFinite(c.value)) throw new RangeError('values must be finite numbers');
    if (!Number.isSafeInteger(c.n) || c.n < 0) throw new RangeError(`counts must be whole numbers ≥ 0, got ${c.n}`);
  }
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  if (total === 0) return null;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const c of [...counts].sort((a, b) => a.value - b.value)) {
    seen += c.n;
    if (seen >= rank) return c.value;
  }
  return null;
}

function requireDate(d: Date, name: string): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}

/** T3 of one professional; `freeSlotStarts` are the starts of free non-urgent slots. */
export function thirdNextAvailable(freeSlotStarts: Date[], measuredAt: Date, options: T3Options = {}): number {
  const cap = options.capDays ?? T3_CAP_DAYS;
  if (!Number.isInteger(cap) || cap < 0) throw new RangeError(`capDays must be a non-negative integer, got ${cap}`);
  const now = requireDate(measuredAt, 'measuredAt');
  const upcoming = freeSlotStarts.map((d) => requireDate(d, 'a slot start')).filter((ms) => ms >= now).sort((a, b) => a - b);
  const third = upcoming[2];
  if (third === undefined) return cap;
  const from = toHelsinkiDate(measuredAt);
  const to = toHelsinkiDate(new Date(third));
  const days = options.unit === 'working-days' ? workingDaysBetween(from, to) : calendarDaysBetween(from, to);
  return Math.min(days, cap);
}

export interface ProfessionT3 {
  profession: string;
  /** Median of the professionals' T3 (may end in .5 for an even count). */
  t3: number;
  professionals: number;
  /**
   * Of them, those with fewer than three free times within the cap (none at all included):
   * counted at the cap, as THL counts a unit that must use a queue book, and said so, because a
   * fully booked profession must not look fast.
   */
  atCap: number;
}

/**
 * T3 of a unit per profession, sorted by profession. Every professional given counts, also
 * one with no free time at all (an empty list): that one counts at the cap.
 */
export function t3ForUnit(
  perProfessional: Array<{ practitioner: string; profession: string; freeSlotStarts: Date[] }>,
  measuredAt: Date,
  options?: T3Options,
): ProfessionT3[] {
  const cap = options?.capDays ?? T3_CAP_DAYS;
  const groups = new Map<string, number[]>();
  for (const p of perProfessional) {
    const list = groups.get(p.profession) ?? [];
    list.push(thirdNextAvailable(p.freeSlotStarts, measuredAt, options));
    groups.set(p.profession, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([profession, values]) => ({ profession, t3: median(values) ?? 0, professionals: values.length, atCap: values.filter((v) => v >= cap).length }));
}

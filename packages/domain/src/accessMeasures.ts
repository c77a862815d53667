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
 * Waiting times: whole Helsinki calendar days from the date the wait is counted from (THL
 * counts from the care-need assessment) to the appointment date. `waitingTimeStats` gives the
 * exact figures; `publishedWaitingTimes` gives what may be shown to managers (small numbers
 * hidden, counts rounded, quantiles only of groups: `smallNumbers.ts`).
 *
 * T3 is a figure about free times in professionals' calendars; it holds no client data.
 */
import { calendarDaysBetween, workingDaysBetween } from './calendarSpan';
import { toHelsinkiDate } from './helsinkiTime';
import { publishCounts, publishedShare, quantileIsPublishable, type DisclosureOptions } from './smallNumbers';

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

export interface WaitingTimeStats {
  count: number;
  medianDays: number | null;
  /** Nearest-rank 90th percentile. */
  p90Days: number | null;
  /** Share (0–1) of appointments at or before their deadline. */
  withinDeadlineShare: number | null;
}

export interface AppointmentWait {
  contactAt: Date;
  appointmentAt: Date;
  deadline: Date;
}

function waitDays(waits: readonly AppointmentWait[]): number[] {
  return waits.map((w, i) => {
    const contact = requireDate(w.contactAt, `waits[${i}].contactAt`);
    const appointment = requireDate(w.appointmentAt, `waits[${i}].appointmentAt`);
    requireDate(w.deadline, `waits[${i}].deadline`);
    if (appointment < contact) throw new RangeError(`waits[${i}]: appointmentAt is before contactAt`);
    return calendarDaysBetween(toHelsinkiDate(w.contactAt), toHelsinkiDate(w.appointmentAt));
  });
}

const withinDeadline = (waits: readonly AppointmentWait[]) => waits.filter((w) => w.appointmentAt.getTime() <= w.deadline.getTime()).length;

/** Exact figures, for computation, not for publishing. Throws a RangeError for an invalid Date or an appointment before its contact. */
export function waitingTimeStats(waits: AppointmentWait[]): WaitingTimeStats {
  const days = waitDays(waits);
  return {
    count: waits.length,
    medianDays: median(days),
    p90Days: percentile(days, 90),
    withinDeadlineShare: waits.length === 0 ? null : withinDeadline(waits) / waits.length,
  };
}

/** Waiting-time figures as they may be published; null = hidden. */
export interface PublishedWaitingTimes {
  /** Number of waits, rounded to 5; null under 5. */
  count: number | null;
  medianDays: number | null;
  p90Days: number | null;
  withinDeadlineShare: number | null;
}

/**
 * Waiting-time figures that single out no one (rules in `smallNumbers.ts`): the count of
 * waits is hidden under the limit and otherwise rounded to 5; the share kept within the
 * deadline is shown only when both the waits kept and the waits missed are at least the
 * limit (either one would otherwise be the small group), computed from the rounded counts;
 * the median and the 90th percentile are shown only when at least the limit of waits lie at
 * or below and at or above them, so neither is one person's wait (with fewer than 5 waits
 * nothing is shown). The median here is the 50th percentile by nearest rank, like the 90th:
 * always a whole day that several waits share, so one more wait moves it only when the wait at
 * the middle rank changes, never by the half day an averaged median would show.
 */
export function publishedWaitingTimes(waits: AppointmentWait[], options: DisclosureOptions = {}): PublishedWaitingTimes {
  const days = waitDays(waits);
  const within = withinDeadline(waits);
  const { counts } = publishCounts(
    { counts: { waits: waits.length, within, late: waits.length - within }, breakdowns: [{ total: 'waits', cells: ['within', 'late'] }] },
    options,
  );
  const quantile = (q: number | null) => (counts.waits !== null && quantileIsPublishable(days, q, options) ? q : null);
  return {
    count: counts.waits ?? null,
    medianDays: quantile(percentile(days, 50)),
    p90Days: quantile(percentile(days, 90)),
    withinDeadlineShare: publishedShare(counts.within ?? null, counts.waits ?? null, options),
  };
}

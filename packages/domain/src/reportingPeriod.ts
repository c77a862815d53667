/**
 * The period a manager's figures cover (pure).
 *
 * A period is a closed range of Helsinki calendar dates, `from` … `to` ('YYYY-MM-DD'), both days
 * whole: it covers the instants from 00:00 Helsinki time on `from` up to (not including) 00:00
 * on the day after `to` — 23 or 25 hours on the days the clocks change, never a UTC day.
 *
 * The presets are the ones a manager reaches for on a Monday morning. Weeks start on Monday
 * (Finnish usage, ISO 8601). "This …" periods end today: the figures so far, not a future
 * with no data in it. "Last 3 months" is the three whole calendar months before this one, so
 * it compares like with like (a partly gone month would look quiet).
 */
import { addCalendarDays, addCalendarMonths, dayOfWeek, isCalendarDate, parseCalendarDate, formatCalendarDate } from './calendarDate';
import { calendarDaysBetween } from './calendarSpan';
import { helsinkiTime, toHelsinkiDate } from './helsinkiTime';

export const PERIOD_PRESETS = ['this-week', 'last-week', 'this-month', 'last-month', 'last-3-months', 'this-year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The preset used when a manager has not chosen one. */
export const DEFAULT_PERIOD_PRESET: PeriodPreset = 'this-month';

/**
 * The longest period, in days (both ends counted): a leap year and a day. Longer ranges are
 * refused rather than cut: a figure must cover what its label says. A year is also what one
 * request is measured to answer quickly at a region's size.
 */
export const MAX_PERIOD_DAYS = 367;

/** The earliest date a period may start on (nothing in Ovi is older). */
export const EARLIEST_PERIOD_DATE = '2000-01-01';

export interface ReportingPeriod {
  /** First day, 'YYYY-MM-DD' (Helsinki). */
  from: string;
  /** Last day, 'YYYY-MM-DD' (Helsinki), inclusive. */
  to: string;
}

export function isPeriodPreset(value: unknown): value is PeriodPreset {
  return typeof value === 'string' && (PERIOD_PRESETS as readonly string[]).includes(value);
}

/** Monday of the ISO week `date` falls in. */
export function mondayOf(date: string): string {
  return addCalendarDays(date, -((dayOfWeek(date) + 6) % 7));
}

function firstOfMonth(date: string): string {
  const { year, month } = parseCalendarDate(date);
  return formatCalendarDate({ year, month, day: 1 });
}

function lastOfMonth(date: string): string {
  return addCalendarDays(addCalendarMonths(firstOfMonth(date), 1), -1);
}

/** The dates of a preset on Helsinki date `today`. */
export function presetPeriod(preset: PeriodPreset, today: string): ReportingPeriod {
  parseCalendarDate(today);
  switch (preset) {
    case 'this-week':
      return { from: mondayOf(today), to: today };
    case 'last-week': {
      const monday = addCalendarDays(mondayOf(today), -7);
      return { from: monday, to: addCalendarDays(monday, 6) };
    }
    case 'this-month':
      return { from: firstOfMonth(today), to: today };
    case 'last-month': {
      const first = addCalendarMonths(firstOfMonth(today), -1);
      return { from: first, to: lastOfMonth(first) };
    }
    case 'last-3-months':
      return { from: addCalendarMonths(firstOfMonth(today), -3), to: addCalendarDays(firstOfMonth(today), -1) };
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** The preset's dates at instant `now` (Helsinki date). */
export function presetPeriodAt(preset: PeriodPreset, now: Date): ReportingPeriod {
  return presetPeriod(preset, toHelsinkiDate(now));
}

/** Days in the period, both ends counted. */
export function periodDays(period: ReportingPeriod): number {
  return calendarDaysBetween(period.from, period.to) + 1;
}

/** Why a from–to pair is not a period (plain English, for an OperationOutcome), or undefined when it is one. */
export function periodProblem(from: unknown, to: unknown): string | undefined {
  if (!isCalendarDate(from)) return `'from' must be a date written YYYY-MM-DD`;
  if (!isCalendarDate(to)) return `'to' must be a date written YYYY-MM-DD`;
  if (from < EARLIEST_PERIOD_DATE) return `'from' must be ${EARLIEST_PERIOD_DATE} or later`;
  if (from > to) return `'from' (${from}) is after 'to' (${to})`;
  if (periodDays({ from, to }) > MAX_PERIOD_DAYS) return `a period may be at most ${MAX_PERIOD_DAYS} days long`;
  return undefined;
}

/** The instants the period covers: `start` inclusive, `end` exclusive (Helsinki midnights). */
export function periodInstants(period: ReportingPeriod): { start: Date; end: Date } {
  return { start: helsinkiTime(period.from, 0), end: helsinkiTime(addCalendarDays(period.to, 1), 0) };
}

/**
 * The stretch of equal length just before, to compare with: for a period starting on the first
 * of a month, the same dates as many months earlier as the period touches (November → October
 * whole, 1.–15.12. → 1.–15.11., 1.1.–15.6. → 1.7.–15.12. of the year before), so months are
 * compared with months and not with 30 days of them; for any other period, the same number
 * of days just before it.
 */
export function previousPeriod(period: ReportingPeriod): ReportingPeriod {
  const a = parseCalendarDate(period.from);
  if (a.day === 1) {
    const b = parseCalendarDate(period.to);
    const months = (b.year - a.year) * 12 + (b.month - a.month) + 1;
    const from = addCalendarMonths(period.from, -months);
    // Whole months end on the last day of the earlier month (31.10., not 30.10.).
    const to = lastOfMonth(period.to) === period.to ? addCalendarDays(period.from, -1) : addCalendarMonths(period.to, -months);
    return { from, to };
  }
  const days = periodDays(period);
  return { from: addCalendarDays(period.from, -days), to: addCalendarDays(period.from, -1) };
}

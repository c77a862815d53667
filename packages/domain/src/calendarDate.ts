/**
 * Plain calendar dates ('YYYY-MM-DD') without a time of day or a time zone.
 * All arithmetic runs on UTC midnights, so it never meets a DST change.
 */

export interface CalendarDateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date written as 'YYYY-MM-DD' (e.g. '2025-02-29' is false). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

/** Splits a 'YYYY-MM-DD' date; throws a RangeError for anything else. */
export function parseCalendarDate(date: string): CalendarDateParts {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function formatCalendarDate({ year, month, day }: CalendarDateParts): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function toUtcMs(date: string): number {
  const { year, month, day } = parseCalendarDate(date);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return formatCalendarDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function requireInteger(value: number, name: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function addCalendarDays(date: string, days: number): string {
  requireInteger(days, 'days');
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Adds months; a day missing from the target month becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addCalendarMonths(date: string, months: number): string {
  requireInteger(months, 'months');
  const { year, month, day } = parseCalendarDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatCalendarDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/**
 * Age in completed years on `date`. Someone born on 29 February becomes a year older on
 * 1 March in common years (the day after 28 February), the usual reading of "completed years".
 */
export function ageOn(birthDate: string, date: string): number {
  const birth = parseCalendarDate(birthDate);
  const on = parseCalendarDate(date);
  if (date < birthDate) throw new RangeError(`Date ${date} is before the birth date ${birthDate}`);
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

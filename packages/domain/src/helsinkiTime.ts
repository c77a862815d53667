/**
 * Conversions between instants and Helsinki wall-clock time (Europe/Helsinki: EET, UTC+2,
 * and EEST, UTC+3, from the last Sunday of March 03:00 to the last Sunday of October 04:00).
 */
import { formatCalendarDate, parseCalendarDate } from './calendarDate';

export const HELSINKI_TIME_ZONE = 'Europe/Helsinki';

const HOUR_MS = 3_600_000;

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: HELSINKI_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function requireValid(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

/** Helsinki wall-clock fields of an instant, seconds precision. */
function wallClock(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** Offset of Helsinki from UTC at an instant, in milliseconds (2 h or 3 h), from the time zone data. */
function measuredOffsetAt(ms: number): number {
  const w = wallClock(ms);
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSeconds;
}

const offsetsByHour = new Map<number, number>();

/**
 * Offset of Helsinki from UTC at an instant. The offset changes on whole UTC hours, so it is
 * remembered per hour (reading the time zone data cost ~6 µs, and a work queue asks per row);
 * an hour whose two ends differ is never remembered.
 */
function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const known = offsetsByHour.get(hour);
  if (known !== undefined) return known;
  const offset = measuredOffsetAt(ms);
  if (measuredOffsetAt(hour * HOUR_MS) === offset && measuredOffsetAt((hour + 1) * HOUR_MS - 1000) === offset) {
    if (offsetsByHour.size >= 100_000) offsetsByHour.clear();
    offsetsByHour.set(hour, offset);
  }
  return offset;
}

/** 'YYYY-MM-DD' of the Helsinki calendar day the instant falls on. */
export function toHelsinkiDate(instant: Date): string {
  const local = new Date(requireValid(instant) + offsetAt(instant.getTime()));
  return formatCalendarDate({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() });
}

/**
 * The instant of a Helsinki wall-clock time. When the clocks go back (a time occurs twice),
 * the earlier instant is returned; a time skipped when the clocks go forward moves one hour on.
 */
function helsinkiWallTime(date: string, hour: number, minute: number, second: number, ms: number): Date {
  const { year, month, day } = parseCalendarDate(date);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const before = offsetAt(asUtc - 12 * HOUR_MS);
  const after = offsetAt(asUtc + 12 * HOUR_MS);
  const valid = [asUtc - before, asUtc - after].filter((candidate) => asUtc - offsetAt(candidate) === candidate);
  return new Date(valid.length > 0 ? Math.min(...valid) : asUtc - before);
}

/** That Helsinki local time on that date, as an instant. */
export function helsinkiTime(date: string, hour: number, minute = 0): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be an integer 0–23, got ${hour}`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`minute must be an integer 0–59, got ${minute}`);
  }
  return helsinkiWallTime(date, hour, minute, 0, 0);
}

/** 23:59:59.999 Helsinki time on that date. */
export function helsinkiEndOfDay(date: string): Date {
  return helsinkiWallTime(date, 23, 59, 59, 999);
}

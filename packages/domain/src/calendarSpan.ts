/** Distances between Helsinki calendar dates ('YYYY-MM-DD'), counted on UTC midnights. */
import { addCalendarDays, parseCalendarDate } from './calendarDate';
import { isWorkingDay } from './finnishCalendar';

const DAY_MS = 86_400_000;

function utcMs(date: string): number {
  const { year, month, day } = parseCalendarDate(date);
  return Date.UTC(year, month - 1, day);
}

/** Calendar days from `from` to `to`: 0 for the same date, negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/**
 * Working days (isWorkingDay: Monday–Friday, not a public holiday or de-facto closed day)
 * after `from` up to and including `to`; 0 when `to` is not after `from`.
 */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day)) count += 1;
  }
  return count;
}

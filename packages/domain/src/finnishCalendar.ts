/**
 * Finnish working days. Public holidays come from the `date-holidays` library (country FI,
 * type "public"); days that are not holidays by law but on which public services are closed
 * in practice are listed below as data. Every "day" here is a Helsinki calendar date.
 */
import Holidays from 'date-holidays';
import { addCalendarDays, dayOfWeek, parseCalendarDate } from './calendarDate';
import type { LocalizedText } from './types';

export * from './calendarDate';
export * from './helsinkiTime';

export interface ClosedDayRule {
  /** A rule in date-holidays syntax, e.g. '12-24' or 'friday after 06-19'. */
  rule: string;
  name: LocalizedText;
}

/** De-facto closed days: not public holidays by law, but clinics and offices are shut. */
export const DE_FACTO_CLOSED_DAYS: readonly ClosedDayRule[] = [
  { rule: 'friday after 06-19', name: { fi: 'Juhannusaatto', sv: 'Midsommarafton', en: 'Midsummer Eve' } },
  { rule: '12-24', name: { fi: 'Jouluaatto', sv: 'Julafton', en: 'Christmas Eve' } },
];

const holidays = new Holidays('FI', { types: ['public'] });
for (const closed of DE_FACTO_CLOSED_DAYS) {
  holidays.setHoliday(closed.rule, { name: { ...closed.name }, type: 'public' });
}

const byYear = new Map<number, ReadonlyMap<string, string>>();

/** Non-working days of a year other than weekends: date → Finnish name. */
export function closedDaysOfYear(year: number): ReadonlyMap<string, string> {
  let days = byYear.get(year);
  if (!days) {
    const map = new Map<string, string>();
    for (const holiday of holidays.getHolidays(year, 'fi')) {
      if (holiday.type === 'public') map.set(holiday.date.slice(0, 10), holiday.name);
    }
    days = map;
    byYear.set(year, days);
  }
  return days;
}

/** The Finnish name of the holiday or closed day on that date, if any. */
export function closedDayName(date: string): string | undefined {
  return closedDaysOfYear(parseCalendarDate(date).year).get(date);
}

/** Monday to Friday and neither a public holiday nor a de-facto closed day. */
export function isWorkingDay(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && closedDayName(date) === undefined;
}

function stepToWorkingDay(date: string, step: 1 | -1): string {
  let current = date;
  // The longest run of closed days in Finland is about five (Christmas); 30 is a safe bound.
  for (let i = 0; i < 30; i += 1) {
    if (isWorkingDay(current)) return current;
    current = addCalendarDays(current, step);
  }
  throw new Error(`No working day within 30 days of ${date}`);
}

export function previousWorkingDayOnOrBefore(date: string): string {
  return stepToWorkingDay(date, -1);
}

export function nextWorkingDayOnOrAfter(date: string): string {
  return stepToWorkingDay(date, 1);
}

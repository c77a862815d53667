/** Helsinki calendar days for the schedule: today, the week (Monday–Sunday), its number, the hour of a time. */
import { addCalendarDays, dayOfWeek, parseCalendarDate } from '@ovi/domain/src/calendarDate';
import { helsinkiEndOfDay, helsinkiTime, toHelsinkiDate } from '@ovi/domain/src/helsinkiTime';

export const todayInHelsinki = (): string => toHelsinkiDate(new Date());

/** 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): number => ((dayOfWeek(date) + 6) % 7) + 1;

export const mondayOf = (date: string): string => addCalendarDays(date, 1 - isoWeekday(date));

export const weekOf = (date: string): string[] => Array.from({ length: 7 }, (_, i) => addCalendarDays(mondayOf(date), i));

export const startOfDay = (date: string): Date => helsinkiTime(date, 0);
export const endOfDay = (date: string): Date => helsinkiEndOfDay(date);

/** The ISO week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekNumber(date: string): number {
  const thursday = addCalendarDays(date, 4 - isoWeekday(date));
  const { year, month, day } = parseCalendarDate(thursday);
  const dayOfYear = (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000;
  return Math.floor(dayOfYear / 7) + 1;
}

export const helsinkiDateOf = (iso: string | undefined): string | undefined => {
  const d = iso ? new Date(iso) : undefined;
  return d && !Number.isNaN(d.getTime()) ? toHelsinkiDate(d) : undefined;
};

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' });

/** The Helsinki hour (0–23) a time falls in. */
export const helsinkiHour = (iso: string | undefined): number | undefined => {
  const d = iso ? new Date(iso) : undefined;
  return d && !Number.isNaN(d.getTime()) ? Number(hourFormat.format(d)) : undefined;
};

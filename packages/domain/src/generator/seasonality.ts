/**
 * When contacts arrive: a winter peak and a summer dip over the months, a Monday peak and quiet
 * weekends over the weekdays, office hours over the day. Relative factors (1.0 is an average
 * month or weekday); an assumption after the shape of Avohilmo's monthly primary-care visit counts
 * (respiratory infections in winter, holidays in July) and the Monday peak every health station's
 * phone line knows (decision 029).
 */
import { isWorkingDay } from '../finnishCalendar';
import type { Random } from './random';

/** January … December. */
export const MONTH_FACTORS: readonly number[] = [1.18, 1.15, 1.08, 1.0, 0.95, 0.8, 0.62, 0.88, 1.05, 1.1, 1.12, 0.97];

/** Monday … Sunday (ISO order). Weekend contacts are web forms and messages. */
export const WEEKDAY_FACTORS: readonly number[] = [1.45, 1.12, 1.02, 1.0, 0.86, 0.2, 0.18];

/** Hours 0–23: how the day's contacts spread (phone lines open 8–16; forms any time). */
export const HOUR_FACTORS: readonly number[] = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2.0, 6.0, 7.5, 7.0, 6.0, 5.5, 5.5, 5.0, 4.0, 2.5, 1.5, 1.3, 1.3, 1.2, 1.0, 0.7, 0.4,
];

/** ISO weekday index (0 Monday … 6 Sunday) of a calendar date given as UTC midnight. */
export function isoWeekday(day: Date): number {
  return (day.getUTCDay() + 6) % 7;
}

/** Whether the stations are closed that day: a weekend or a Finnish public holiday. */
export function isClosedDay(day: Date): boolean {
  return !isWorkingDay(day.toISOString().slice(0, 10));
}

/** The relative demand of one calendar day (month factor × weekday factor; a holiday is like a Sunday). */
export function dayFactor(day: Date): number {
  const weekday = isoWeekday(day);
  const closedWeekday = weekday < 5 && isClosedDay(day);
  return (MONTH_FACTORS[day.getUTCMonth()] ?? 1) * (WEEKDAY_FACTORS[closedWeekday ? 6 : weekday] ?? 1);
}

/**
 * How many of `total` contacts fall on each of `days` (UTC-midnight calendar dates), in
 * proportion to each day's factor, rounded so that they add up to `total` exactly
 * (largest remainders).
 */
export function contactsPerDay(days: readonly Date[], total: number): number[] {
  const factors = days.map(dayFactor);
  const sum = factors.reduce((s, f) => s + f, 0);
  if (sum === 0 || total <= 0) return days.map(() => 0);
  const exact = factors.map((f) => (f / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return counts;
}

/** A minute of the day (0–1439) drawn by the hour factors; weekends spread evenly over waking hours. */
export function drawMinuteOfDay(random: Random, weekend: boolean): number {
  if (weekend) return (8 + random.int(14)) * 60 + random.int(60);
  const total = HOUR_FACTORS.reduce((s, f) => s + f, 0);
  let x = random.next() * total;
  for (let hour = 0; hour < 24; hour++) {
    x -= HOUR_FACTORS[hour]!;
    if (x < 0) return hour * 60 + random.int(60);
  }
  return 23 * 60 + random.int(60);
}

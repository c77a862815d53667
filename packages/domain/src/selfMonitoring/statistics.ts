import { toHelsinkiDate } from '../helsinkiTime';
import { parseCalendarDate, formatCalendarDate } from '../calendarDate';
import type { Measurement, Quantity } from './measures';

export type TimeOfDay = 'morning' | 'evening' | 'other';

const HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' });

/** Morning or evening as the resident said, else from the Helsinki clock (before 12, from 17). */
export function timeOfDay(m: Measurement): TimeOfDay {
  if (m.contexts.includes('morning')) return 'morning';
  if (m.contexts.includes('evening')) return 'evening';
  const hour = Number(HOUR.format(new Date(m.at)));
  return hour < 12 ? 'morning' : hour >= 17 ? 'evening' : 'other';
}

export interface Average {
  /** The group: a period's first day (YYYY-MM-DD) or a context. */
  group: string;
  mean: number;
  count: number;
}

function mean(values: number[]): number {
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

function averages(measurements: Measurement[], quantity: Quantity, groupOf: (m: Measurement) => string | undefined): Average[] {
  const groups = new Map<string, number[]>();
  for (const m of measurements) {
    const value = m.values[quantity];
    const group = groupOf(m);
    if (value === undefined || group === undefined) continue;
    groups.set(group, [...(groups.get(group) ?? []), value]);
  }
  return [...groups].map(([group, values]) => ({ group, mean: mean(values), count: values.length })).sort((a, b) => a.group.localeCompare(b.group));
}

/** The Monday (Helsinki) of the week an instant falls in, or the first of its month. */
export function periodStart(at: string, period: 'week' | 'month'): string {
  const { year, month, day } = parseCalendarDate(toHelsinkiDate(new Date(at)));
  if (period === 'month') return formatCalendarDate({ year, month, day: 1 });
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return formatCalendarDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** Mean of a quantity per week or month, oldest first. */
export const averagesByPeriod = (measurements: Measurement[], quantity: Quantity, period: 'week' | 'month'): Average[] =>
  averages(measurements, quantity, (m) => periodStart(m.at, period));

/** Mean of a quantity in the morning, in the evening and at other times (home blood pressure is read morning and evening). */
export const averagesByTimeOfDay = (measurements: Measurement[], quantity: Quantity): Average[] => averages(measurements, quantity, timeOfDay);

/** Mean of a quantity fasting, after a meal, before and after medication (a measurement may count in several). */
export function averagesByContext(measurements: Measurement[], quantity: Quantity): Average[] {
  const spread = measurements.flatMap((m) => m.contexts.filter((c) => c !== 'morning' && c !== 'evening').map((c) => ({ ...m, contexts: [c] })));
  return averages(spread, quantity, (m) => m.contexts[0]);
}

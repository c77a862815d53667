/**
 * The "Hyvä vastaanotto" view (issue 13, decision 028): per week and profession, the contacts
 * that needed a visit against the free and booked appointment times, and the queue at each
 * week's end. Counts of contacts are people: under 5 hidden, the rest rounded to 5
 * (`smallNumbers.ts`); no total across professions is given beside them, so nothing can be
 * subtracted out. Appointment times are not people and are shown as they are (they are in the
 * team schedule anyway).
 */
import { roundCount, SMALL_NUMBER_LIMIT, type PublishedWeek } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { weeklyDemandCapacity } from '../storage/indicatorCounts';
import type { IndicatorFilters, IndicatorPeriod } from './indicators';

export type { PublishedWeek } from '@ovi/domain';

const person = (n: number) => (n < SMALL_NUMBER_LIMIT ? null : roundCount(n));

export async function demandCapacity(db: SqlExecutor, period: IndicatorPeriod, filters: IndicatorFilters = {}): Promise<PublishedWeek[]> {
  const rows = await weeklyDemandCapacity(db, { start: new Date(period.start), end: new Date(period.end) }, filters);
  return rows.map((r) => ({ week: r.week, profession: r.profession, needVisit: person(r.needVisit), arrived: person(r.arrived), backlog: person(r.backlog), freeTimes: r.freeTimes, bookedTimes: r.bookedTimes }));
}

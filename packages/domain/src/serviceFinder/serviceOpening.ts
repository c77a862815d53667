/**
 * Whether a service is open now, from its FHIR `availableTime` and `notAvailable`. Hours are
 * Helsinki wall-clock times (as openingHours.ts reads them). A service open every day of the
 * week (a crisis line) stays open on public holidays; any other is closed on them, as offices are.
 */
import type { HealthcareServiceAvailableTime, HealthcareServiceNotAvailable } from '@medplum/fhirtypes';
import { isOpenAt, nextOpening, WEEKDAYS, type OpeningInterval, type QueueHours, type Weekday } from '../openingHours';
import { toHelsinkiDate } from '../helsinkiTime';

export interface OpeningState {
  /** No opening hours recorded: the card says to check by phone. */
  known: boolean;
  openNow: boolean;
  /** Open round the clock every day. */
  alwaysOpen: boolean;
  /** When it next opens (ISO instant), when closed now and within 60 days. */
  nextOpening?: string;
}

const hhmm = (time: string | undefined, fallback: string): string => (time && /^\d\d:\d\d/.test(time) ? time.slice(0, 5) : fallback);

/** The weekly hours as openingHours.ts reads them. */
export function serviceHours(available: readonly HealthcareServiceAvailableTime[], notAvailable: readonly HealthcareServiceNotAvailable[] = []): QueueHours {
  const weekly: Partial<Record<Weekday, OpeningInterval[]>> = {};
  for (const slot of available) {
    const interval = slot.allDay ? { from: '00:00', to: '24:00' } : { from: hhmm(slot.availableStartTime, '00:00'), to: hhmm(slot.availableEndTime, '24:00') };
    // An end of 00:00 means midnight at the end of the day.
    if (interval.to === '00:00') interval.to = '24:00';
    for (const day of slot.daysOfWeek ?? []) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) continue;
      (weekly[day as Weekday] ??= []).push(interval);
    }
  }
  const everyDay = WEEKDAYS.every((d) => (weekly[d]?.length ?? 0) > 0);
  return {
    id: 'service',
    label: { fi: '', sv: '', en: '' },
    weekly,
    closedOnPublicHolidays: !everyDay,
    closedDates: closedDates(notAvailable),
  };
}

/** Whole Helsinki days a service is closed (`notAvailable.during`), at most a year of them. */
function closedDates(notAvailable: readonly HealthcareServiceNotAvailable[]): string[] {
  const dates: string[] = [];
  for (const n of notAvailable) {
    const start = n.during?.start ? Date.parse(n.during.start) : NaN;
    const end = n.during?.end ? Date.parse(n.during.end) : NaN;
    if (Number.isNaN(start) || Number.isNaN(end) || end < start) continue;
    for (let t = start, i = 0; t <= end && i < 366; t += 86_400_000, i += 1) dates.push(toHelsinkiDate(new Date(t)));
  }
  return dates;
}

export function openingState(available: readonly HealthcareServiceAvailableTime[] | undefined, notAvailable: readonly HealthcareServiceNotAvailable[] | undefined, at: Date): OpeningState {
  if (!available || available.length === 0) return { known: false, openNow: false, alwaysOpen: false };
  const hours = serviceHours(available, notAvailable ?? []);
  const alwaysOpen = WEEKDAYS.every((d) => hours.weekly[d]?.some((i) => i.from === '00:00' && i.to === '24:00')) && (hours.closedDates ?? []).length === 0;
  const openNow = isOpenAt(hours, at);
  const next = openNow ? undefined : nextOpening(hours, at);
  return { known: true, openNow, alwaysOpen, ...(next ? { nextOpening: next.toISOString() } : {}) };
}

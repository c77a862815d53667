/**
 * When a queue has people reading it. A contact that arrives while its queue is closed, and
 * whose deadline comes before the queue opens, must tell the resident where else to turn:
 * nobody will read it in time. Hours are Helsinki wall-clock times, so a change of daylight
 * saving time moves the instants, not the hours.
 */
import { addCalendarDays, dayOfWeek } from './calendarDate';
import { closedDayName } from './finnishCalendar';
import { helsinkiTime, toHelsinkiDate } from './helsinkiTime';
import type { LocalizedText } from './types';
import {
  checkArray,
  checkBoolean,
  checkCalendarDate,
  checkInteger,
  checkLocalizedText,
  checkObject,
  checkString,
  checkUniqueIds,
  isRecord,
  pathOf,
} from './validation';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Monday first, as a Finnish week is written. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** 'HH:MM' Helsinki time, `from` < `to`; `to` may be '24:00' for a queue open until midnight. */
export interface OpeningInterval {
  from: string;
  to: string;
}

export interface QueueHours {
  id: string;
  label: LocalizedText;
  weekly: Partial<Record<Weekday, OpeningInterval[]>>;
  /**
   * Closed on Finnish public holidays and on the days finnishCalendar treats as closed in
   * practice (Midsummer Eve, Christmas Eve).
   */
  closedOnPublicHolidays: boolean;
  /** Further closed days, 'YYYY-MM-DD' (e.g. a training day). */
  closedDates?: string[];
  /** The services whose contacts this queue reads; a service not listed goes to 'guidance'. */
  services?: string[];
}

export interface ServiceHoursConfig {
  version: number;
  /** Must contain a queue with id 'guidance': the one door every contact can reach. */
  queues: QueueHours[];
}

export const GUIDANCE_QUEUE_ID = 'guidance';

const MINUTES_PER_DAY = 24 * 60;
const DAY_MS = 86_400_000;
/** How far nextOpening looks: longer than any Finnish holiday run, short enough to be cheap. */
const NEXT_OPENING_HORIZON_DAYS = 60;
/** nobodyBefore looks at most this far; a queue closed for a year counts as closed. */
const NOBODY_BEFORE_HORIZON_DAYS = 366;

const only = (from: string, to: string): OpeningInterval[] => [{ from, to }];
const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });

/**
 * Demo hours of the demo region (plausible office hours, not taken from the seeds): client
 * guidance on weekdays 8–16 as the law's "office hours" are usually read (HE 74/2022), and a
 * few service queues with their own hours.
 */
export const defaultServiceHours: ServiceHoursConfig = {
  version: 1,
  queues: [
    {
      id: GUIDANCE_QUEUE_ID,
      label: t('Asiakasohjaus', 'Klienthandledning', 'Client guidance'),
      weekly: {
        mon: only('08:00', '16:00'),
        tue: only('08:00', '16:00'),
        wed: only('08:00', '16:00'),
        thu: only('08:00', '16:00'),
        fri: only('08:00', '16:00'),
      },
      closedOnPublicHolidays: true,
    },
    {
      id: 'social-services',
      label: t('Sosiaalipalvelujen neuvonta', 'Socialservicens rådgivning', 'Social services advice'),
      weekly: {
        mon: only('09:00', '15:00'),
        tue: only('09:00', '15:00'),
        wed: only('09:00', '15:00'),
        thu: only('09:00', '15:00'),
        fri: only('09:00', '15:00'),
      },
      closedOnPublicHolidays: true,
      services: ['social-services'],
    },
    {
      id: 'family-centre',
      label: t('Perhekeskuksen neuvonta', 'Familjecentrets rådgivning', 'Family centre advice'),
      weekly: {
        mon: only('08:00', '16:00'),
        tue: only('08:00', '16:00'),
        wed: only('08:00', '16:00'),
        // One evening a week for working parents.
        thu: [
          { from: '08:00', to: '12:00' },
          { from: '14:00', to: '18:00' },
        ],
        fri: only('08:00', '14:00'),
      },
      closedOnPublicHolidays: true,
      services: ['family-centre'],
    },
    {
      id: 'oral-health',
      label: t('Suun terveydenhuollon ajanvaraus', 'Tidsbeställning för munhälsovård', 'Dental care bookings'),
      weekly: {
        mon: only('07:30', '15:00'),
        tue: only('07:30', '15:00'),
        wed: only('07:30', '15:00'),
        thu: only('07:30', '15:00'),
        fri: only('07:30', '14:00'),
      },
      closedOnPublicHolidays: true,
      services: ['oral-health'],
    },
  ],
};

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of 'HH:MM'; '24:00' (as an end only) is 1440. */
function minutesOf(time: string, isEnd: boolean): number | undefined {
  if (isEnd && time === '24:00') return MINUTES_PER_DAY;
  const match = TIME_PATTERN.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The instant of a minute of a Helsinki day; 1440 is the next midnight. */
function instantOf(date: string, minutes: number): Date {
  if (minutes >= MINUTES_PER_DAY) return helsinkiTime(addCalendarDays(date, 1), 0, 0);
  return helsinkiTime(date, Math.floor(minutes / 60), minutes % 60);
}

function weekdayOf(date: string): Weekday {
  // dayOfWeek: 0 = Sunday … 6 = Saturday.
  return WEEKDAYS[(dayOfWeek(date) + 6) % 7]!;
}

function isClosedDay(hours: QueueHours, date: string): boolean {
  if (hours.closedDates?.includes(date)) return true;
  return hours.closedOnPublicHolidays && closedDayName(date) !== undefined;
}

/** The day's opening periods as instants, in time order (half-open: start ≤ t < end). */
function periodsOn(hours: QueueHours, date: string): { start: Date; end: Date }[] {
  if (isClosedDay(hours, date)) return [];
  const periods: { start: Date; end: Date }[] = [];
  for (const interval of hours.weekly[weekdayOf(date)] ?? []) {
    const from = minutesOf(interval.from, false);
    const to = minutesOf(interval.to, true);
    if (from === undefined || to === undefined || from >= to) continue;
    periods.push({ start: instantOf(date, from), end: instantOf(date, to) });
  }
  return periods.sort((a, b) => a.start.getTime() - b.start.getTime());
}

function requireValid(at: Date, name: string): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}

/** When the queue closes for the last time on a Helsinki date; undefined on a day it is not open. */
export function closingOn(hours: QueueHours, date: string): Date | undefined {
  return periodsOn(hours, date).at(-1)?.end;
}

export function isOpenAt(hours: QueueHours, at: Date): boolean {
  const ms = requireValid(at, 'at');
  return periodsOn(hours, toHelsinkiDate(at)).some((p) => p.start.getTime() <= ms && ms < p.end.getTime());
}

/** The first moment from `at` on when the queue is open, if it comes within `horizonMs`. */
function firstOpening(hours: QueueHours, at: Date, horizonMs: number): Date | undefined {
  const ms = requireValid(at, 'at');
  const firstDate = toHelsinkiDate(at);
  const days = Math.ceil(horizonMs / DAY_MS) + 1;
  for (let offset = 0; offset <= days; offset += 1) {
    for (const { start, end } of periodsOn(hours, addCalendarDays(firstDate, offset))) {
      if (end.getTime() <= ms) continue;
      const opening = Math.max(start.getTime(), ms);
      return opening - ms <= horizonMs ? new Date(opening) : undefined;
    }
  }
  return undefined;
}

/** `at` itself when open; otherwise when the queue next opens, looking at most 60 days ahead. */
export function nextOpening(hours: QueueHours, at: Date): Date | undefined {
  return firstOpening(hours, at, NEXT_OPENING_HORIZON_DAYS * DAY_MS);
}

/**
 * The queue that reads a service's contacts: the first queue listing the service, else the
 * guidance queue. Throws only for a configuration without a guidance queue, which
 * validateServiceHours refuses.
 */
export function queueFor(config: ServiceHoursConfig, service: string): QueueHours {
  const listing = config.queues.find((q) => q.services?.includes(service));
  if (listing) return listing;
  const guidance = config.queues.find((q) => q.id === GUIDANCE_QUEUE_ID);
  if (!guidance) throw new Error(`Service hours (version ${config.version}) have no "${GUIDANCE_QUEUE_ID}" queue`);
  return guidance;
}

/**
 * True when the queue is closed at `at` and does not open before `due`: nobody reads the
 * contact in time, so the resident must be told where else to turn. Looks at most a year
 * ahead.
 */
export function nobodyBefore(hours: QueueHours, at: Date, due: Date): boolean {
  const atMs = requireValid(at, 'at');
  const dueMs = requireValid(due, 'due');
  if (isOpenAt(hours, at)) return false;
  if (dueMs <= atMs) return true;
  const horizon = Math.min(dueMs - atMs, NOBODY_BEFORE_HORIZON_DAYS * DAY_MS);
  const opening = firstOpening(hours, at, horizon);
  return opening === undefined || opening.getTime() >= dueMs;
}

// ---------------------------------------------------------------------------------------
// Validation of service hours received as JSON (e.g. an admin PUT).

const CONFIG_KEYS = ['version', 'queues'] as const;
const QUEUE_KEYS = ['id', 'label', 'weekly', 'closedOnPublicHolidays', 'closedDates', 'services'] as const;

interface Span {
  path: string;
  from: number;
  to: number;
  text: string;
}

function checkInterval(value: unknown, path: string, errors: string[]): Span | undefined {
  if (!checkObject(value, path, ['from', 'to'], errors)) return undefined;
  const from = typeof value.from === 'string' ? minutesOf(value.from, false) : undefined;
  const to = typeof value.to === 'string' ? minutesOf(value.to, true) : undefined;
  if (from === undefined) {
    errors.push(`${pathOf(path, 'from')}: must be a time HH:MM between 00:00 and 23:59, got ${JSON.stringify(value.from) ?? 'missing'}`);
  }
  if (to === undefined) {
    errors.push(`${pathOf(path, 'to')}: must be a time HH:MM between 00:01 and 24:00, got ${JSON.stringify(value.to) ?? 'missing'}`);
  }
  if (from === undefined || to === undefined) return undefined;
  if (from >= to) {
    errors.push(`${path}: from (${String(value.from)}) must be before to (${String(value.to)})`);
    return undefined;
  }
  return { path, from, to, text: `${String(value.from)}–${String(value.to)}` };
}

function checkWeekly(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, WEEKDAYS, errors)) return;
  for (const day of WEEKDAYS) {
    const dayPath = pathOf(path, day);
    const intervals = value[day];
    if (intervals === undefined || !checkArray(intervals, dayPath, errors)) continue;
    const spans = intervals
      .map((interval, index) => checkInterval(interval, pathOf(dayPath, index), errors))
      .filter((span) => span !== undefined);
    // Overlapping intervals are refused: they are a typo more often than a meaning.
    for (const [i, a] of spans.entries()) {
      for (const b of spans.slice(i + 1)) {
        if (a.from < b.to && b.from < a.to) errors.push(`${b.path}: overlaps ${a.path} (${a.text} and ${b.text})`);
      }
    }
  }
}

function checkQueue(value: unknown, path: string, errors: string[], servedBy: Map<string, string>): void {
  if (!checkObject(value, path, QUEUE_KEYS, errors)) return;
  checkString(value.id, pathOf(path, 'id'), errors);
  checkLocalizedText(value.label, pathOf(path, 'label'), errors);
  checkWeekly(value.weekly, pathOf(path, 'weekly'), errors);
  checkBoolean(value.closedOnPublicHolidays, pathOf(path, 'closedOnPublicHolidays'), errors);
  if (value.closedDates !== undefined && checkArray(value.closedDates, pathOf(path, 'closedDates'), errors)) {
    value.closedDates.forEach((date, index) => checkCalendarDate(date, pathOf(pathOf(path, 'closedDates'), index), errors));
  }
  if (value.services !== undefined && checkArray(value.services, pathOf(path, 'services'), errors)) {
    value.services.forEach((service, index) => {
      const servicePath = pathOf(pathOf(path, 'services'), index);
      if (!checkString(service, servicePath, errors)) return;
      // One service, one queue: otherwise which queue reads a contact would depend on order.
      const first = servedBy.get(service);
      if (first !== undefined) errors.push(`${servicePath}: service "${service}" is already listed by ${first}`);
      else servedBy.set(service, path);
    });
  }
}

export function validateServiceHours(value: unknown): { config?: ServiceHoursConfig; errors: string[] } {
  const errors: string[] = [];
  if (!checkObject(value, '', CONFIG_KEYS, errors)) return { errors };
  checkInteger(value.version, 'version', errors, { min: 1 });
  if (checkArray(value.queues, 'queues', errors)) {
    const servedBy = new Map<string, string>();
    value.queues.forEach((queue, index) => checkQueue(queue, pathOf('queues', index), errors, servedBy));
    const ids = value.queues.map((queue) => (isRecord(queue) ? queue.id : undefined));
    checkUniqueIds(ids, 'queues', errors);
    if (!ids.includes(GUIDANCE_QUEUE_ID)) errors.push(`queues: must contain a queue with id "${GUIDANCE_QUEUE_ID}"`);
  }
  if (errors.length > 0) return { errors };
  return { config: structuredClone(value) as unknown as ServiceHoursConfig, errors };
}


/**
 * The wait list for an earlier time (docs/decisions/007-wait-list-offers.md): who fits a freed
 * time, when an offer expires, and which times each waiting client is offered. Everyone who
 * fits is offered the time at once; the first to accept gets it (the booking's Slot lock
 * decides). Pure: no I/O.
 */
import { changeableUntil, residentMayChange } from './bookingSafety';
import { toHelsinkiDate } from './helsinkiTime';
import { dayOfWeek } from './calendarDate';

export { WAIT_LIST_EXTENSION } from './waitListCodes';

const HOUR_MS = 3_600_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** When a client can come: Helsinki wall-clock times of day ("09:00") and weekdays (Mon–Fri) only. */
export interface WaitWindow {
  notBefore?: string;
  notAfter?: string;
  weekdaysOnly?: boolean;
}

/** What a visit is, for telling whether another time is the same kind of visit. */
export interface VisitKind {
  visitType: string;
  /** Profession code of the schedule (Appointment.specialty). */
  profession?: string;
  /** `Location/<id>`: the unit. */
  location?: string;
}

/** One client waiting for an earlier time than their booked visit. */
export interface WaitingClient extends VisitKind {
  /** `Appointment/<id>` of the booked visit. */
  appointment: string;
  /** When the booked visit starts. */
  currentStart: Date;
  joinedAt: Date;
  window: WaitWindow;
}

/** A time that became free (cancelled, moved away from, or newly opened). */
export interface FreedTime extends VisitKind {
  slot: string;
  start: Date;
  end: Date;
}

export interface WaitListRules {
  /** How long an offer stays open. */
  offerHours: number;
  /** The residents' notice: no time starting within it is offered, and no visit within it is moved. */
  noticeHours: number;
  /** At most this many times offered to one client from one freeing (a new template opens many). */
  maxOffersEach: number;
}

export const defaultWaitListRules: Pick<WaitListRules, 'offerHours' | 'maxOffersEach'> = { offerHours: 3, maxOffersEach: 3 };

/** Checks a window as a client sent it; `errors` say what is wrong in plain words. */
export function validateWaitWindow(value: unknown): { window?: WaitWindow; errors: string[] } {
  if (value === undefined || value === null) return { window: {}, errors: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { errors: ['the window must be an object'] };
  const input = value as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(input)) if (!['notBefore', 'notAfter', 'weekdaysOnly'].includes(key)) errors.push(`unknown field ${key.slice(0, 40)}`);
  const window: WaitWindow = {};
  for (const key of ['notBefore', 'notAfter'] as const) {
    const v = input[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || !TIME_OF_DAY.test(v)) errors.push(`${key} must be a time of day such as 09:00`);
    else window[key] = v;
  }
  if (input.weekdaysOnly !== undefined && typeof input.weekdaysOnly !== 'boolean') errors.push('weekdaysOnly must be true or false');
  else if (input.weekdaysOnly === true) window.weekdaysOnly = true;
  if (window.notBefore && window.notAfter && window.notBefore >= window.notAfter) errors.push('notBefore must be earlier than notAfter');
  return errors.length > 0 ? { errors } : { window, errors };
}

const clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "HH:MM" of the instant on the Helsinki wall clock. */
export function helsinkiClock(instant: Date): string {
  const parts = Object.fromEntries(clockFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.hour ?? '00'}:${parts.minute ?? '00'}`;
}

/** Whether the Helsinki calendar day of the instant is Saturday or Sunday. */
function onWeekend(instant: Date): boolean {
  const weekday = dayOfWeek(toHelsinkiDate(instant));
  return weekday === 0 || weekday === 6;
}

/** Whether the whole time [start, end) lies within the client's window. */
export function withinWindow(window: WaitWindow, start: Date, end: Date): boolean {
  if (window.weekdaysOnly && onWeekend(start)) return false;
  if (window.notBefore && helsinkiClock(start) < window.notBefore) return false;
  // A visit ending exactly at notAfter fits; the end's clock is compared on the start's day.
  if (window.notAfter && (helsinkiClock(end) > window.notAfter || toHelsinkiDate(end) !== toHelsinkiDate(start))) return false;
  return true;
}

/**
 * When an offer of `time` made at `now` stops being open: after `offerHours`, and never later
 * than the moment the time enters the notice (a resident could no longer move into it).
 * Undefined: the time is not offered at all (past, or already inside the notice).
 */
export function offerExpiry(time: Pick<FreedTime, 'start'>, now: Date, rules: Pick<WaitListRules, 'offerHours' | 'noticeHours'>): Date | undefined {
  const lastChance = time.start.getTime() - Math.max(0, rules.noticeHours) * HOUR_MS;
  const expires = Math.min(now.getTime() + Math.max(0, rules.offerHours) * HOUR_MS, lastChance);
  return expires > now.getTime() ? new Date(expires) : undefined;
}

/** Why a waiting client is not offered a time (undefined: they fit). */
export type NoFit = 'other-kind' | 'not-earlier' | 'outside-window' | 'visit-in-notice' | 'time-in-notice';

export function whyNotOffered(client: WaitingClient, time: FreedTime, now: Date, rules: Pick<WaitListRules, 'offerHours' | 'noticeHours'>): NoFit | undefined {
  if (client.visitType !== time.visitType) return 'other-kind';
  // A visit without a profession or unit on record only fits times without one either.
  if ((client.profession ?? '') !== (time.profession ?? '') || (client.location ?? '') !== (time.location ?? '')) return 'other-kind';
  if (time.start.getTime() >= client.currentStart.getTime()) return 'not-earlier';
  if (!withinWindow(client.window, time.start, time.end)) return 'outside-window';
  // Moving needs the booked visit to be outside the notice too (as $move asks of residents).
  if (!residentMayChange(client.currentStart, rules.noticeHours, now)) return 'visit-in-notice';
  if (!offerExpiry(time, now, rules)) return 'time-in-notice';
  return undefined;
}

/** An offer also ends when the client's own visit enters the notice (it could no longer be moved). */
function expiryFor(client: WaitingClient, time: FreedTime, now: Date, rules: Pick<WaitListRules, 'offerHours' | 'noticeHours'>): Date {
  const offer = offerExpiry(time, now, rules)?.getTime() ?? now.getTime();
  return new Date(Math.min(offer, changeableUntil(client.currentStart, rules.noticeHours).getTime()));
}

export interface PlannedOffer {
  appointment: string;
  slot: string;
  expiresAt: Date;
}

/**
 * The offers one freeing makes: every waiting client is offered each freed time that fits,
 * the earliest first and at most `maxOffersEach` of them; clients in the order they joined
 * (the order the e-mails go out). Times already offered to a client are left out.
 */
export function planOffers(clients: WaitingClient[], times: FreedTime[], now: Date, rules: WaitListRules, alreadyOffered: ReadonlySet<string> = new Set()): PlannedOffer[] {
  const earliest = [...times].sort((a, b) => a.start.getTime() - b.start.getTime() || a.slot.localeCompare(b.slot));
  const inJoinOrder = [...clients].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.appointment.localeCompare(b.appointment));
  return inJoinOrder.flatMap((client) =>
    earliest
      .filter((time) => !alreadyOffered.has(`${client.appointment} ${time.slot}`) && whyNotOffered(client, time, now, rules) === undefined)
      .slice(0, Math.max(0, rules.maxOffersEach))
      .map((time) => ({ appointment: client.appointment, slot: time.slot, expiresAt: expiryFor(client, time, now, rules) })),
  );
}

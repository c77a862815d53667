/**
 * The help button (Apu-nappi): a resident without logging in asks to be called back. What the
 * request must contain, the region's settings, and when the call-back is promised by: the
 * configured working days after the request (the Finnish working-day calendar, holidays and
 * the de-facto closed days not counted), at the close of the queue's opening hours on that
 * day, so the promise names a time someone is there to keep it.
 */
import { addWorkingDays } from '../careGuarantee';
import { addCalendarDays } from '../calendarDate';
import { helsinkiEndOfDay, toHelsinkiDate } from '../helsinkiTime';
import { closingOn, type QueueHours } from '../openingHours';
import type { Urgency } from '../types';
import { finnishPhoneNumber, phoneProblemText } from './finnishPhone';

export const BEST_TIMES = ['any', 'morning', 'afternoon', 'evening'] as const;
export type BestTime = (typeof BEST_TIMES)[number];

/** Services a help request may ask for; the family centre is the help button's own. */
export const HELP_SERVICES = ['family-centre', 'social-services', 'primary-care'] as const;
export type HelpService = (typeof HELP_SERVICES)[number];

export const MAX_HELP_NAME = 200;
export const MAX_HELP_MESSAGE = 2000;

export interface HelpRequest {
  name: string;
  /** +358… */
  phone: string;
  message: string;
  bestTime: BestTime;
  service: HelpService;
  /** The signed form token (issue time), checked by the server. */
  formToken: string;
  /** The honeypot: a hidden field a person never fills in. */
  website: string;
}

export interface HelpRequestSettings {
  /** Working days within which the call-back is promised (1 = by the close of the next working day's hours). */
  callbackWorkingDays: number;
  /** Requests accepted per client address per hour (every server process counts together). */
  maxPerAddressPerHour: number;
  /** A form sent sooner than this after it was opened is a bot's. */
  minFillSeconds: number;
}

export const defaultHelpRequestSettings: HelpRequestSettings = { callbackWorkingDays: 1, maxPerAddressPerHour: 5, minFillSeconds: 3 };

const LIMITS: Record<keyof HelpRequestSettings, [number, number]> = {
  callbackWorkingDays: [1, 5],
  maxPerAddressPerHour: [1, 1000],
  minFillSeconds: [0, 120],
};

export interface FieldIssue {
  field: string;
  message: string;
}

const FIELDS = ['name', 'phone', 'message', 'bestTime', 'service', 'formToken', 'website'];

/** The request when every field is right, else each problem by field. */
export function parseHelpRequest(body: unknown): { request?: HelpRequest; issues: FieldIssue[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { issues: [{ field: '', message: 'The body must be a JSON object' }] };
  const b = body as Record<string, unknown>;
  const issues: FieldIssue[] = Object.keys(b)
    .filter((k) => !FIELDS.includes(k))
    .map((k) => ({ field: k.slice(0, 40), message: `Unknown field '${k.slice(0, 40)}' (known: ${FIELDS.join(', ')})` }));
  const text = (field: string, max: number, required: boolean): string => {
    const v = b[field];
    if (v === undefined && !required) return '';
    if (typeof v !== 'string' || (required && v.trim() === '')) {
      issues.push({ field, message: `${field} is required text` });
      return '';
    }
    if (v.trim().length > max) issues.push({ field, message: `${field} is longer than ${max} characters` });
    return v.trim();
  };
  const name = text('name', MAX_HELP_NAME, true);
  const message = text('message', MAX_HELP_MESSAGE, true);
  const formToken = text('formToken', 1000, true);
  const website = typeof b.website === 'string' ? b.website : b.website === undefined ? '' : String(b.website);
  const phone = finnishPhoneNumber(b.phone);
  if (!phone.ok) issues.push({ field: 'phone', message: phoneProblemText(phone.problem) });
  const bestTime = b.bestTime ?? 'any';
  if (!(BEST_TIMES as readonly unknown[]).includes(bestTime)) issues.push({ field: 'bestTime', message: `bestTime must be one of ${BEST_TIMES.join(', ')}` });
  const service = b.service ?? 'family-centre';
  if (!(HELP_SERVICES as readonly unknown[]).includes(service)) issues.push({ field: 'service', message: `service must be one of ${HELP_SERVICES.join(', ')}` });
  if (issues.length > 0 || !phone.ok) return { issues };
  return { request: { name, phone: phone.e164, message, bestTime: bestTime as BestTime, service: service as HelpService, formToken, website }, issues };
}

/**
 * When the professional calls back by. A request the danger-word scan raised (urgent,
 * emergent) is called back the same day the queue is open (the resident is told the emergency
 * numbers at once as well); any other on the configured working day after the request. The
 * promise is the queue's closing time on that day; a day the queue is closed moves it to the
 * next day it is open.
 */
export function callbackBy(at: Date, urgency: Urgency, hours: QueueHours, settings: Pick<HelpRequestSettings, 'callbackWorkingDays'>): Date {
  const soon = urgency === 'emergent' || urgency === 'urgent';
  let day = addWorkingDays(toHelsinkiDate(at), soon ? 0 : settings.callbackWorkingDays);
  for (let i = 0; i < 60; i += 1, day = addCalendarDays(day, 1)) {
    const closing = closingOn(hours, day);
    if (closing && closing.getTime() > at.getTime()) return closing;
  }
  // A queue that is never open: the end of the working day, never later than promised.
  return helsinkiEndOfDay(addWorkingDays(toHelsinkiDate(at), soon ? 0 : settings.callbackWorkingDays));
}

/** The settings when valid, else the problems in plain words. */
export function validateHelpRequestSettings(value: unknown): { settings?: HelpRequestSettings; errors: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { errors: ['The help-request settings must be an object'] };
  const record = value as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(record)) if (!(key in LIMITS)) errors.push(`Unknown setting '${key.slice(0, 40)}'`);
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    const v = record[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) errors.push(`${key} must be a whole number from ${min} to ${max}`);
  }
  return errors.length > 0 ? { errors } : { settings: { callbackWorkingDays: record.callbackWorkingDays as number, maxPerAddressPerHour: record.maxPerAddressPerHour as number, minFillSeconds: record.minFillSeconds as number }, errors };
}

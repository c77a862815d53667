/**
 * When a message must be answered. A message is a contact like any other (HE 74/2022 names
 * messages among the ways to reach the centre), so it gets a deadline in working days from
 * configuration, counted on the same Finnish working-day calendar as the care guarantee
 * (weekends, public holidays and the de-facto closed days do not count).
 */
import { addWorkingDays } from '../careGuarantee';
import { helsinkiEndOfDay, toHelsinkiDate } from '../helsinkiTime';
import type { Urgency } from '../types';

export interface MessageSettings {
  /** Working days to answer a non-urgent message, counted from the day after it arrived. */
  replyWorkingDays: number;
}

export const defaultMessageSettings: MessageSettings = { replyWorkingDays: 2 };

/** The most a region may promise to wait: longer than this is not a message service. */
export const MAX_REPLY_WORKING_DAYS = 10;

/**
 * The end of the day by which the message is answered: the configured working days after the
 * day it arrived; an urgent or emergent one (raised by danger words) the same working day.
 */
export function messageDeadline(arrivedAt: Date, urgency: Urgency, settings: MessageSettings): Date {
  const day = toHelsinkiDate(arrivedAt);
  const count = urgency === 'emergent' || urgency === 'urgent' ? 0 : settings.replyWorkingDays;
  return helsinkiEndOfDay(addWorkingDays(day, count));
}

/** The settings when valid, else the problems in plain words. */
export function validateMessageSettings(value: unknown): { settings?: MessageSettings; errors: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { errors: ['The message settings must be an object'] };
  const record = value as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(record)) if (key !== 'replyWorkingDays') errors.push(`Unknown setting '${key.slice(0, 40)}'`);
  const days = record.replyWorkingDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_REPLY_WORKING_DAYS) {
    errors.push(`replyWorkingDays must be a whole number from 1 to ${MAX_REPLY_WORKING_DAYS}`);
  }
  return errors.length > 0 ? { errors } : { settings: { replyWorkingDays: days as number }, errors };
}

/**
 * What a synthetic contact is: its channel, urgency, outcome, the profession a visit goes to,
 * and what becomes of a booked visit. Shares are assumptions for a Finnish health station of
 * the 2020s (decision 029): most contacts by phone, a growing digital share (lower among the
 * oldest), about one in seven urgent, a third to a half of contacts booked to a visit, about
 * one visit in twelve cancelled and one in twenty-five not come to.
 */
import type { Channel, GuidanceOutcome, Profession, Urgency } from '../types';
import type { Random } from './random';

/** The channels a generated contact arrives through (the server's `Channel` codes). */
export type GeneratedChannel = Extract<Channel, 'web-form' | 'phone' | 'walk-in' | 'chat' | 'message' | 'help-button'>;

// The help button's call-back request (no login) is a small share: about one contact in a hundred.
const CHANNEL_MIX: Record<'young' | 'adult' | 'old', Record<GeneratedChannel, number>> = {
  young: { phone: 42, 'web-form': 35, chat: 10, message: 8, 'walk-in': 4, 'help-button': 1 },
  adult: { phone: 50, 'web-form': 29, chat: 7, message: 6, 'walk-in': 7, 'help-button': 1 },
  old: { phone: 73, 'web-form': 9, chat: 1, message: 4, 'walk-in': 12, 'help-button': 1 },
};

/** A contact's channel by the resident's age (a child's contact is the parent's: adult's mix). */
export function drawChannel(random: Random, age: number): GeneratedChannel {
  const group = age >= 18 && age < 35 ? 'young' : age >= 75 ? 'old' : 'adult';
  return random.weighted(CHANNEL_MIX[group]);
}

/** Channels where the resident writes (a form, a chat, a message) rather than talks. */
export const DIGITAL_CHANNELS: readonly GeneratedChannel[] = ['web-form', 'chat', 'message'];

const URGENCY_MIX: Record<Urgency, number> = { emergent: 1.5, urgent: 14, 'non-urgent': 62, 'self-care': 22.5 };

/** A contact's urgency as the professional assessed it; the oldest are more often urgent. */
export function drawUrgency(random: Random, age: number): Urgency {
  if (age >= 75 && random.chance(0.06)) return 'urgent';
  return random.weighted(URGENCY_MIX);
}

const OUTCOME_MIX: Record<Urgency, Partial<Record<GuidanceOutcome, number>>> = {
  emergent: { emergency: 88, booked: 12 },
  urgent: { booked: 68, solved: 20, routed: 12 },
  'non-urgent': { booked: 42, solved: 28, routed: 16, 'self-care': 14 },
  'self-care': { 'self-care': 72, solved: 28 },
};

/** How client guidance closed the contact, given its urgency. */
export function drawOutcome(random: Random, urgency: Urgency): GuidanceOutcome {
  return random.weighted(OUTCOME_MIX[urgency] as Record<GuidanceOutcome, number>);
}

/** The professions a generated visit goes to. */
export type VisitProfession = Extract<Profession, 'physician' | 'nurse' | 'physiotherapist' | 'psychiatric-nurse' | 'social-instructor' | 'public-health-nurse'>;

/** The profession of the visit a contact is booked or routed to, by age (children to the family centre's nurse). */
export function drawVisitProfession(random: Random, age: number): VisitProfession {
  if (age < 7 && random.chance(0.6)) return 'public-health-nurse';
  const mix: Record<VisitProfession, number> =
    age >= 65
      ? { physician: 46, nurse: 42, physiotherapist: 8, 'psychiatric-nurse': 2, 'social-instructor': 2, 'public-health-nurse': 0 }
      : { physician: 38, nurse: 36, physiotherapist: 11, 'psychiatric-nurse': 9, 'social-instructor': 6, 'public-health-nurse': 0 };
  return random.weighted(mix);
}

/** What becomes of a booked visit that has taken place (or was due to). */
export type VisitFate = 'fulfilled' | 'cancelled' | 'noshow';

export function drawVisitFate(random: Random): VisitFate {
  return random.weighted({ fulfilled: 88, cancelled: 8, noshow: 4 });
}

/**
 * Whole days from the need assessment to the visit: the same or next day when urgent, else
 * exponential with a mean that grows with the month's demand (a busy winter means longer
 * waits), capped at 90 days.
 */
export function drawWaitDays(random: Random, urgency: Urgency, demandFactor: number): number {
  if (urgency === 'emergent') return 0;
  if (urgency === 'urgent') return random.chance(0.7) ? 0 : 1;
  return Math.min(90, Math.floor(random.exponential(7 * demandFactor)));
}

/**
 * Minutes from the contact to a professional's assessment: urgent ones within the hour,
 * others mostly the same working day (Terveydenhuoltolaki 51 §), some the next.
 */
export function drawAssessmentMinutes(random: Random, urgency: Urgency): number {
  if (urgency === 'emergent') return 1 + random.int(10);
  if (urgency === 'urgent') return 5 + random.int(55);
  return random.chance(0.9) ? 10 + random.int(240) : 60 * (16 + random.int(8));
}

/**
 * The Hilmo contact type (yhteystapa) of a channel, as the server records it on intake
 * (R52 for a call, R56 for a form or message; DOMAIN.md §8): a visit in person is R10, a chat
 * is real-time remote contact (R52).
 */
export const HILMO_CONTACT_MODE: Record<GeneratedChannel, { code: 'R10' | 'R52' | 'R56'; display: string }> = {
  'walk-in': { code: 'R10', display: 'Asiakkaan käynti vastaanotolla' },
  phone: { code: 'R52', display: 'Reaaliaikainen etäasiointi' },
  chat: { code: 'R52', display: 'Reaaliaikainen etäasiointi' },
  'web-form': { code: 'R56', display: 'Etäasiointi ilman reaaliaikaista kontaktia' },
  message: { code: 'R56', display: 'Etäasiointi ilman reaaliaikaista kontaktia' },
  // The help button asks for a call back: the call is the contact, as the server records it.
  'help-button': { code: 'R52', display: 'Reaaliaikainen etäasiointi' },
};

/** On a weekend the phone lines and doors are closed: a contact then is written (a form or a message). */
export function weekendChannel(channel: GeneratedChannel, random: Random): GeneratedChannel {
  if (channel === 'phone' || channel === 'walk-in') return random.chance(0.8) ? 'web-form' : 'message';
  return channel;
}

/** A feedback answer's likelihood to recommend (0–10): most visits rated well, a tail of poor ones. */
export function drawRecommend(random: Random): number {
  return Number(random.weighted<string>({ 10: 30, 9: 24, 8: 17, 7: 10, 6: 6, 5: 5, 4: 2, 3: 2, 2: 1, 1: 1, 0: 2 }));
}

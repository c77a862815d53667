/**
 * The managers' indicators (issue 13, decision 028): what each one counts, in which theme of the
 * dashboard it is shown, how it is scored and stratified, and its target. Each becomes a FHIR
 * `Measure`; the counting itself is done in the database (server `measures/indicators.ts`).
 * Pure data: the web app and the server read the same list.
 */
import { CHANNELS } from '../types';
import { CONTINUITY_INDICATORS } from './continuityIndicators';
import { EXPERIENCE_INDICATORS } from './experienceIndicators';
import { SEGMENT_INDICATORS } from './segmentIndicators';

export const THEMES = ['access', 'demand', 'continuity', 'experience', 'equality'] as const;
export type Theme = (typeof THEMES)[number];

export const STRATIFIERS = ['unit', 'municipality', 'age-group', 'profession'] as const;
export type Stratifier = (typeof STRATIFIERS)[number];

/** Channels where the resident reached Ovi through the web app (the digital share's numerator). */
export const DIGITAL_CHANNELS = ['web-form', 'chat', 'message', 'help-button'] as const;

/**
 * The channels a client-guidance contact arrives through: every channel but a concern, which
 * arrives as a social-welfare notice (its own Task kind) and never as a contact. Listed as a
 * group, it would be a zero in every stratum, hidden as a small count, and its hidden zeros
 * would force other channels' counts (the region's chats) to be hidden with them.
 */
export const CONTACT_CHANNELS = CHANNELS.filter((c) => c !== 'concern');

export interface IndicatorGroup {
  /** Proportion: the numerator's name; continuous: 'median', 'pNN' or 'mean' (of per-client values). */
  code: string;
  description: string;
  /**
   * A net score instead of a numerator (NPS): 100 × (plus − minus) over the published groups'
   * rounded counts, shown only when every group is (decision 034).
   */
  net?: { plus: string; minus: string };
}

export interface IndicatorTarget {
  /** The score a group should reach: a share (0–1) or a quantity in `unit`. */
  value: number;
  /** Which group the target is about. */
  group: string;
  /** At least (`>=`) or at most (`<=`). */
  comparator: '>=' | '<=';
  /** Where the target comes from, in plain words. */
  source: string;
}

export interface IndicatorDefinition {
  id: string;
  theme: Theme;
  /** FHIR Measure scoring. */
  scoring: 'proportion' | 'continuous-variable' | 'cohort';
  title: string;
  /** The definition as a newcomer needs it: what is counted, from what, when. */
  description: string;
  /** What one counted unit is (people are counted: a contact, a visit, a client). */
  counts: 'contact' | 'visit' | 'client' | 'time' | 'answer';
  groups: IndicatorGroup[];
  /** The groups' numerators partition the population (every person in at most one group). */
  partition?: boolean;
  stratifiers: Stratifier[];
  /** UCUM unit of a continuous score ('1': a ratio such as a mean UPC). */
  unit?: 'h' | 'd' | '1';
  improvement: 'increase' | 'decrease';
  target?: IndicatorTarget;
  /** How contacts were handled: a stratum of one professional's work is not shown (decision 009). */
  handling?: boolean;
  /**
   * A stratum where everyone met one professional is shown but marked: its figure is 1 by
   * construction (continuity, decision 021), not hidden as a handling figure is.
   */
  markOneProfessional?: boolean;
}

const ALL: Stratifier[] = ['unit', 'municipality', 'age-group', 'profession'];
const QUANTILES: IndicatorGroup[] = [
  { code: 'median', description: 'Median' },
  { code: 'p90', description: '90th percentile (nearest rank)' },
];

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'contacts-by-channel', theme: 'access', scoring: 'proportion', counts: 'contact', partition: true, stratifiers: ALL, improvement: 'increase',
    title: 'Contacts by channel',
    description: 'Client-guidance contacts that arrived in the period (Task.authoredOn, Helsinki days), by the channel they came through; the share of each channel of all contacts.',
    groups: CONTACT_CHANNELS.map((c) => ({ code: c, description: `Contacts through ${c}` })),
  },
  {
    id: 'digital-share', theme: 'access', scoring: 'proportion', counts: 'contact', stratifiers: ALL, improvement: 'increase',
    title: 'Digital share of contacts',
    description: `Of the contacts that arrived in the period, the share that came through a digital channel (${DIGITAL_CHANNELS.join(', ')}).`,
    groups: [{ code: 'digital', description: 'Contacts through a digital channel' }],
  },
  {
    id: 'first-contact-resolution', theme: 'access', scoring: 'proportion', counts: 'contact', stratifiers: ALL, improvement: 'increase', handling: true,
    title: 'First-contact resolution',
    description: 'Of the contacts that arrived in the period and are closed, the share closed in client guidance without a visit, routing or emergency referral: outcome solved (answered or treated) or self-care. A contact that needed a booked visit or another professional was not resolved at the first contact.',
    groups: [{ code: 'resolved', description: 'Closed as solved or self-care' }],
  },
  {
    id: 'assessed-same-weekday', theme: 'access', scoring: 'proportion', counts: 'contact', stratifiers: ALL, improvement: 'increase', handling: true,
    title: 'Assessed the same weekday',
    description: 'Of the contacts that arrived in the period and have been assessed or whose assessment time has passed, the share a professional assessed by the assessment due time recorded at arrival: the same weekday, or the next weekday when the contact came after opening hours, on a weekend or a holiday (Terveydenhuoltolaki 51 §).',
    groups: [{ code: 'same-weekday', description: 'Assessed by the due time' }],
    target: { group: 'same-weekday', value: 1, comparator: '>=', source: 'Health Care Act 51 §' },
  },
  {
    id: 'time-to-assessment', theme: 'access', scoring: 'continuous-variable', counts: 'contact', stratifiers: ALL, improvement: 'decrease', handling: true, unit: 'h',
    title: 'Time from contact to need assessment',
    description: 'Hours (whole, rounded down) from the arrival of a contact to the recorded need assessment (or its closing, for contacts closed without a separate assessment), over the contacts that arrived in the period and have been assessed.',
    groups: QUANTILES,
  },
  {
    id: 'time-to-visit', theme: 'access', scoring: 'continuous-variable', counts: 'visit', stratifiers: ALL, improvement: 'decrease', unit: 'd',
    title: 'Time from contact to realised visit',
    description: "Calendar days (Helsinki) from the arrival of the contact a visit was booked for to the visit, over the visits realised in the period (Appointment fulfilled; cancelled and not-come visits left out). Unit: the visit's unit; profession: the visit's.",
    groups: QUANTILES,
    target: { group: 'p90', value: 7, comparator: '<=', source: "The region's 7-day promise" },
  },
  {
    id: 'within-legal-limit', theme: 'access', scoring: 'proportion', counts: 'visit', stratifiers: ALL, improvement: 'increase',
    title: "Visits within the law's limit",
    description: "Of the visits realised in the period whose contact was assessed and has the law's deadline recorded, the share that started by that deadline (decision 018).",
    groups: [{ code: 'within', description: 'Started by the deadline' }],
    target: { group: 'within', value: 1, comparator: '>=', source: 'Health Care Act 51 § (care guarantee)' },
  },
  {
    id: 'within-regional-limit', theme: 'access', scoring: 'proportion', counts: 'visit', stratifiers: ALL, improvement: 'increase',
    title: "Visits within the region's promise",
    description: "Of the visits realised in the period whose contact was assessed and has the region's deadline recorded (the 7-day promise), the share that started by that deadline (decision 018).",
    groups: [{ code: 'within', description: 'Started by the deadline' }],
    target: { group: 'within', value: 0.9, comparator: '>=', source: "The region's 7-day promise, kept for nine in ten" },
  },
  {
    id: 'visit-demand', theme: 'demand', scoring: 'proportion', counts: 'contact', stratifiers: ALL, improvement: 'decrease',
    title: 'Contacts that need a visit',
    description: 'Of the contacts that arrived in the period and are closed, the share closed with a booked visit or routed to a team or professional (outcome booked or routed): the demand for visit time.',
    groups: [{ code: 'needs-visit', description: 'Closed as booked or routed' }],
  },
  {
    id: 'booked-time-share', theme: 'demand', scoring: 'proportion', counts: 'time', stratifiers: ['unit', 'profession'], improvement: 'increase',
    title: 'Booked share of appointment time',
    description: 'Of the appointment times (slots, free or booked, frozen ones left out) starting in the period in active schedules, the share booked. Unit: the schedule\'s; profession: the schedule\'s.',
    groups: [{ code: 'booked', description: 'Booked times' }],
  },
  {
    id: 'self-monitoring-reach', theme: 'experience', scoring: 'proportion', counts: 'client', stratifiers: ['unit', 'municipality', 'age-group'], improvement: 'increase',
    title: 'Reach of home self-monitoring',
    description: 'Of the clients with an active home-measurement goal (a target with a measurement frequency; its status as it is now), the share who sent at least one measurement themselves in the period (a final Observation performed by the client, taken in the period). Unit: the client\'s own station; age on the period\'s last day.',
    groups: [{ code: 'measured', description: 'Sent a measurement in the period' }],
  },
  ...CONTINUITY_INDICATORS,
  ...EXPERIENCE_INDICATORS,
  ...SEGMENT_INDICATORS,
];

export function indicatorById(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((i) => i.id === id);
}

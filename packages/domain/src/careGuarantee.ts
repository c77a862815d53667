/**
 * Care-guarantee deadlines. The time limits are configuration (see defaultCareGuarantee.ts);
 * this module only applies them to a contact.
 *
 * A rule's limit is counted from a start date: the contact, or the assessment of need when
 * the law says so (Terveydenhuoltolaki 51 § counts from the assessment). Calendar limits end
 * on the last working day on or before the target date (staff work to the earlier day, never
 * past the limit); working-day limits count as Finnish law counts time limits: the start day
 * is not counted, and Saturdays, Sundays and public holidays are not working days.
 */
import { addCalendarDays, addCalendarMonths, ageOn } from './calendarDate';
import { isWorkingDay, nextWorkingDayOnOrAfter, previousWorkingDayOnOrBefore } from './finnishCalendar';
import { helsinkiEndOfDay, helsinkiTime, toHelsinkiDate } from './helsinkiTime';
import type { LocalizedText, Urgency } from './types';

export { validateCareGuaranteeConfig } from './validateCareGuarantee';

export type CareGuaranteeKind = 'legal' | 'regional';

/** What a limit is counted from. */
export type CareGuaranteeStart = 'contact' | 'assessment';

export interface CareGuaranteeLimit {
  /** Calendar days, added after `months`. */
  days?: number;
  /** Calendar months; a day missing from the target month becomes its last day. */
  months?: number;
  /** Working days after the start day (not combined with days or months). */
  workingDays?: number;
}

export interface CareGuaranteeRule {
  id: string;
  /** `legal`: a limit set by law; `regional`: the wellbeing services county's own promise. */
  kind: CareGuaranteeKind;
  service: string;
  urgency: Urgency;
  /** Age in completed years on the contact date, inclusive. */
  minAge?: number;
  maxAgeExclusive?: number;
  limit: CareGuaranteeLimit;
  /** Default 'contact'. */
  from?: CareGuaranteeStart;
  /**
   * Inclusive 'YYYY-MM-DD' dates between which the rule applies, judged on the start date
   * (contact or assessment, Helsinki). Lets a change in the law be entered before it takes
   * effect while contacts before it keep the old limit.
   */
  inForce?: { from?: string; until?: string };
  label: LocalizedText;
  source?: string;
}

export interface CareGuaranteeConfig {
  version: number;
  timeZone: 'Europe/Helsinki';
  /** Whole Helsinki hours, e.g. 8 and 16. */
  officeHours: { start: number; end: number };
  rules: CareGuaranteeRule[];
}

/** A rule named in words, so a professional sees why the deadline is what it is. */
export interface DeadlineBasis {
  ruleId: string;
  label: LocalizedText;
  source?: string;
}

/** No rule fitted the contact; the caller should log it so an administrator can add one. */
export interface CareGuaranteeGap {
  service: string;
  urgency: Urgency;
  age?: number;
}

export interface Deadlines {
  /** When the assessment of need must be done (same working day, by the end of office hours). */
  assessmentDue: Date;
  legal?: Date;
  regional?: Date;
  /** The deadline staff work to: the stricter of `legal` and `regional`. */
  workTo: Date;
  legalRuleId?: string;
  regionalRuleId?: string;
  /**
   * The rules behind the deadlines. In a gap the rule borrowed from another service stands
   * here under its own kind, while `legal`/`regional` stay empty: that service has no limit
   * of its own.
   */
  basis: { legal?: DeadlineBasis; regional?: DeadlineBasis };
  gap?: CareGuaranteeGap;
}

export interface DeadlineInput {
  contactAt: Date;
  /** When the assessment of need was made; without it the contact time stands in, since the assessment is due that day. */
  assessedAt?: Date;
  service: string;
  urgency: Urgency;
  /** 'YYYY-MM-DD'; without it every age-bound rule is a candidate and the earliest wins. */
  birthDate?: string;
  config: CareGuaranteeConfig;
}

/** Office hours end used when a configuration somehow lacks a usable one (validation prevents it). */
const DEFAULT_OFFICE_HOURS_END = 16;

function assessmentDueFor(contactAt: Date, officeHoursEnd: number): Date {
  const contactDate = toHelsinkiDate(contactAt);
  if (isWorkingDay(contactDate)) {
    const closing = helsinkiTime(contactDate, officeHoursEnd);
    if (contactAt.getTime() < closing.getTime()) return closing;
  }
  return helsinkiTime(nextWorkingDayOnOrAfter(addCalendarDays(contactDate, 1)), officeHoursEnd);
}

/**
 * The `count`th working day after `start` (the start day itself is not counted). With a
 * count of 0 nothing has been counted yet: the start day if it is a working day, else the next.
 */
export function addWorkingDays(start: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  let day = start;
  if (count === 0) return nextWorkingDayOnOrAfter(day);
  for (let counted = 0; counted < count; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** End of the day the rule's limit runs out, counted from `startDate`. */
export function ruleDeadline(startDate: string, rule: Pick<CareGuaranteeRule, 'limit'>): Date {
  const { days, months, workingDays } = rule.limit;
  if (workingDays !== undefined) return helsinkiEndOfDay(addWorkingDays(startDate, workingDays));
  const target = addCalendarDays(addCalendarMonths(startDate, months ?? 0), days ?? 0);
  return helsinkiEndOfDay(previousWorkingDayOnOrBefore(target));
}

function earlier(a: Date, b: Date): Date {
  return new Date(Math.min(a.getTime(), b.getTime()));
}

function ageFits(rule: CareGuaranteeRule, age: number | undefined): boolean {
  if (age === undefined) return true;
  return (rule.minAge === undefined || age >= rule.minAge) && (rule.maxAgeExclusive === undefined || age < rule.maxAgeExclusive);
}

/** Whether the rule is in force on `date` ('YYYY-MM-DD' strings compare in date order). */
export function ruleInForce(rule: Pick<CareGuaranteeRule, 'inForce'>, date: string): boolean {
  const { from, until } = rule.inForce ?? {};
  return (from === undefined || date >= from) && (until === undefined || date <= until);
}

interface Applied {
  rule: CareGuaranteeRule;
  deadline: Date;
}

/** The start dates a rule may count from: the contact date and the assessment date. */
interface StartDates {
  contact: string;
  assessment: string;
}

/**
 * The rule's deadline for this contact, or undefined when the rule does not apply (out of
 * force or of age) or cannot be computed. A broken rule is skipped rather than thrown, so a
 * bad configuration never stops a contact from getting a deadline.
 */
function apply(rule: CareGuaranteeRule, starts: StartDates, age: number | undefined): Applied | undefined {
  if (!ageFits(rule, age)) return undefined;
  const start = rule.from === 'assessment' ? starts.assessment : starts.contact;
  if (!ruleInForce(rule, start)) return undefined;
  try {
    return { rule, deadline: ruleDeadline(start, rule) };
  } catch {
    return undefined;
  }
}

function earliest(candidates: (Applied | undefined)[]): Applied | undefined {
  let best: Applied | undefined;
  for (const c of candidates) {
    if (c && (!best || c.deadline.getTime() < best.deadline.getTime())) best = c;
  }
  return best;
}

function basisOf(rule: CareGuaranteeRule): DeadlineBasis {
  return { ruleId: rule.id, label: { ...rule.label }, ...(rule.source !== undefined && { source: rule.source }) };
}

function officeHoursEnd(config: CareGuaranteeConfig): number {
  const end = config.officeHours?.end;
  return Number.isInteger(end) && end >= 1 && end <= 23 ? end : DEFAULT_OFFICE_HOURS_END;
}

export function computeDeadlines(input: DeadlineInput): Deadlines {
  const { contactAt, assessedAt, urgency, config } = input;
  if (Number.isNaN(contactAt.getTime())) throw new RangeError('contactAt is an invalid Date');
  if (assessedAt !== undefined && Number.isNaN(assessedAt.getTime())) throw new RangeError('assessedAt is an invalid Date');
  const assessmentDue = assessmentDueFor(contactAt, officeHoursEnd(config));
  const contactDate = toHelsinkiDate(contactAt);

  switch (urgency) {
    case 'emergent': {
      // Help is needed at once: every deadline, the assessment included, is the contact itself.
      const now = (): Date => new Date(contactAt.getTime());
      return { assessmentDue: now(), legal: now(), regional: now(), workTo: now(), basis: {} };
    }
    case 'urgent': {
      // Urgent care is due the same day even on a holiday, so the assessment cannot wait either.
      const workTo = helsinkiEndOfDay(contactDate);
      return { assessmentDue: earlier(assessmentDue, workTo), workTo, basis: {} };
    }
    case 'self-care':
      return { assessmentDue, workTo: new Date(assessmentDue.getTime()), basis: {} };
    case 'non-urgent':
      break;
    default:
      throw new RangeError(`Unknown urgency "${String(urgency)}"`);
  }

  const age = input.birthDate === undefined ? undefined : ageOn(input.birthDate, contactDate);
  const starts: StartDates = {
    contact: contactDate,
    assessment: assessedAt === undefined ? contactDate : toHelsinkiDate(assessedAt),
  };
  const rules = Array.isArray(config.rules) ? config.rules : [];
  const nonUrgent = rules.filter((rule) => rule.urgency === 'non-urgent');
  const ofKind = (kind: CareGuaranteeKind): Applied | undefined =>
    earliest(nonUrgent.filter((r) => r.kind === kind && r.service === input.service).map((r) => apply(r, starts, age)));

  const legal = ofKind('legal');
  const regional = ofKind('regional');
  const own = earliest([legal, regional]);
  if (own) {
    return {
      assessmentDue: earlier(assessmentDue, own.deadline),
      workTo: new Date(own.deadline.getTime()),
      ...(legal && { legal: legal.deadline, legalRuleId: legal.rule.id }),
      ...(regional && { regional: regional.deadline, regionalRuleId: regional.rule.id }),
      basis: {
        ...(legal && { legal: basisOf(legal.rule) }),
        ...(regional && { regional: basisOf(regional.rule) }),
      },
    };
  }

  // A gap in the configuration: no rule for this service fits. The contact still needs a
  // deadline, so the strictest non-urgent rule of any service that fits the age stands in
  // (the safe side). With no such rule at all the work is due with the assessment.
  const gap: CareGuaranteeGap = { service: input.service, urgency, ...(age !== undefined && { age }) };
  const borrowed = earliest(nonUrgent.map((r) => apply(r, starts, age)));
  if (!borrowed) return { assessmentDue, workTo: new Date(assessmentDue.getTime()), basis: {}, gap };
  return {
    assessmentDue: earlier(assessmentDue, borrowed.deadline),
    workTo: new Date(borrowed.deadline.getTime()),
    basis: { [borrowed.rule.kind]: basisOf(borrowed.rule) },
    gap,
  };
}

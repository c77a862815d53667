/**
 * Care-guarantee deadlines. The time limits are configuration (see defaultCareGuarantee.ts);
 * this module only applies them to a contact.
 */
import { addCalendarDays, addCalendarMonths, ageOn } from './calendarDate';
import { isWorkingDay, nextWorkingDayOnOrAfter, previousWorkingDayOnOrBefore } from './finnishCalendar';
import { helsinkiEndOfDay, helsinkiTime, toHelsinkiDate } from './helsinkiTime';
import type { LocalizedText, Urgency } from './types';

export { validateCareGuaranteeConfig } from './validateCareGuarantee';

export type CareGuaranteeKind = 'legal' | 'regional';

export interface CareGuaranteeRule {
  id: string;
  /** `legal`: a limit set by law; `regional`: the wellbeing services county's own promise. */
  kind: CareGuaranteeKind;
  service: string;
  urgency: Urgency;
  /** Age in completed years on the contact date, inclusive. */
  minAge?: number;
  maxAgeExclusive?: number;
  /** Counted in calendar days/months from the contact date; months first, then days. */
  limit: { days?: number; months?: number };
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

export interface Deadlines {
  /** When the assessment of need must be done (same working day, by the end of office hours). */
  assessmentDue: Date;
  legal?: Date;
  regional?: Date;
  /** The deadline staff work to: the stricter of `legal` and `regional`. */
  workTo: Date;
  legalRuleId?: string;
  regionalRuleId?: string;
}

export interface DeadlineInput {
  contactAt: Date;
  service: string;
  urgency: Urgency;
  /** 'YYYY-MM-DD'; without it every age-bound rule is a candidate and the earliest wins. */
  birthDate?: string;
  config: CareGuaranteeConfig;
}

function assessmentDueFor(contactAt: Date, officeHoursEnd: number): Date {
  const contactDate = toHelsinkiDate(contactAt);
  if (isWorkingDay(contactDate)) {
    const closing = helsinkiTime(contactDate, officeHoursEnd);
    if (contactAt.getTime() < closing.getTime()) return closing;
  }
  return helsinkiTime(nextWorkingDayOnOrAfter(addCalendarDays(contactDate, 1)), officeHoursEnd);
}

/** End of the last working day on or before contact date + limit. */
function ruleDeadline(contactDate: string, rule: CareGuaranteeRule): Date {
  const target = addCalendarDays(addCalendarMonths(contactDate, rule.limit.months ?? 0), rule.limit.days ?? 0);
  return helsinkiEndOfDay(previousWorkingDayOnOrBefore(target));
}

function earlier(a: Date, b: Date): Date {
  return new Date(Math.min(a.getTime(), b.getTime()));
}

function ageFits(rule: CareGuaranteeRule, age: number | undefined): boolean {
  if (age === undefined) return true;
  return (rule.minAge === undefined || age >= rule.minAge) && (rule.maxAgeExclusive === undefined || age < rule.maxAgeExclusive);
}

/** The earliest deadline among the rules of one kind that apply to this contact. */
function strictest(
  kind: CareGuaranteeKind,
  input: DeadlineInput,
  contactDate: string,
  age: number | undefined,
): { deadline: Date; ruleId: string } | undefined {
  let best: { deadline: Date; ruleId: string } | undefined;
  for (const rule of input.config.rules) {
    if (rule.kind !== kind || rule.service !== input.service || rule.urgency !== input.urgency) continue;
    if (!ageFits(rule, age)) continue;
    const deadline = ruleDeadline(contactDate, rule);
    if (!best || deadline.getTime() < best.deadline.getTime()) best = { deadline, ruleId: rule.id };
  }
  return best;
}

export function computeDeadlines(input: DeadlineInput): Deadlines {
  const { contactAt, urgency, config } = input;
  if (Number.isNaN(contactAt.getTime())) throw new RangeError('contactAt is an invalid Date');
  const assessmentDue = assessmentDueFor(contactAt, config.officeHours.end);
  const contactDate = toHelsinkiDate(contactAt);

  switch (urgency) {
    case 'emergent': {
      // Help is needed at once: every deadline, the assessment included, is the contact itself.
      const now = (): Date => new Date(contactAt.getTime());
      return { assessmentDue: now(), legal: now(), regional: now(), workTo: now() };
    }
    case 'urgent': {
      // Urgent care is due the same day even on a holiday, so the assessment cannot wait either.
      const workTo = helsinkiEndOfDay(contactDate);
      return { assessmentDue: earlier(assessmentDue, workTo), workTo };
    }
    case 'self-care':
      return { assessmentDue, workTo: new Date(assessmentDue.getTime()) };
    case 'non-urgent':
      break;
    default:
      throw new RangeError(`Unknown urgency "${String(urgency)}"`);
  }

  const age = input.birthDate === undefined ? undefined : ageOn(input.birthDate, contactDate);
  const legal = strictest('legal', input, contactDate, age);
  const regional = strictest('regional', input, contactDate, age);
  const candidates = [legal, regional].filter((d) => d !== undefined);
  const workTo = candidates.reduce<Date | undefined>(
    (min, d) => (min === undefined || d.deadline.getTime() < min.getTime() ? d.deadline : min),
    undefined,
  );
  if (!workTo) {
    throw new Error(
      `No care-guarantee rule for service "${input.service}", urgency "${urgency}", ` +
        `age ${age ?? 'unknown'} (config version ${config.version})`,
    );
  }
  return {
    assessmentDue: earlier(assessmentDue, workTo),
    workTo: new Date(workTo.getTime()),
    ...(legal && { legal: legal.deadline, legalRuleId: legal.ruleId }),
    ...(regional && { regional: regional.deadline, regionalRuleId: regional.ruleId }),
  };
}

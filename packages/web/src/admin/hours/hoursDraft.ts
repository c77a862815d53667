/**
 * The hours form's draft: each item's weekdays, holidays and closed days as the text the
 * administrator types, and back to the stored shape once every field reads (domain
 * `parseDayHours`, `parseClosedDates`). Problems are per field id, for the error summary and
 * the message under each field.
 */
import { closedDatesText, dayHoursText, parseClosedDates, parseDayHours, type HoursTextProblem } from '@ovi/domain';
import { WEEKDAYS, type HoursItem, type Weekday } from './openingHours.resource';

export interface ItemDraft {
  days: Record<Weekday, string>;
  closedOnPublicHolidays: boolean;
  closedDates: string;
}

export type DraftProblem = { fieldId: string; item: string; day?: Weekday } & ({ hours: HoursTextProblem } | { date: string });

export const dayFieldId = (prefix: string, item: string, day: Weekday) => `${prefix}-${item}-${day}`;
export const datesFieldId = (prefix: string, item: string) => `${prefix}-${item}-closed-dates`;

export function draftOf(item: HoursItem): ItemDraft {
  return {
    days: Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursText(item.weekly[d])])) as Record<Weekday, string>,
    closedOnPublicHolidays: item.closedOnPublicHolidays,
    closedDates: closedDatesText(item.closedDates),
  };
}

/** The items with the draft's hours, or the problems that stop it. */
export function applyDrafts(prefix: string, items: readonly HoursItem[], drafts: Readonly<Record<string, ItemDraft>>): { items?: HoursItem[]; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const result = items.map((item) => {
    const draft = drafts[item.id] ?? draftOf(item);
    const weekly: HoursItem['weekly'] = {};
    for (const day of WEEKDAYS) {
      const parsed = parseDayHours(draft.days[day]);
      if (!parsed.ok) problems.push({ fieldId: dayFieldId(prefix, item.id, day), item: item.id, day, hours: parsed.problem });
      else if (parsed.intervals.length > 0) weekly[day] = parsed.intervals;
    }
    const dates = parseClosedDates(draft.closedDates);
    if (!dates.ok) problems.push({ fieldId: datesFieldId(prefix, item.id), item: item.id, date: dates.part });
    const { closedDates: _old, ...kept } = item;
    return { ...kept, weekly, closedOnPublicHolidays: draft.closedOnPublicHolidays, ...(dates.ok && dates.dates.length > 0 ? { closedDates: dates.dates } : {}) };
  });
  return problems.length > 0 ? { problems } : { items: result, problems };
}

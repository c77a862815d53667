/**
 * Bookable slots from a weekly template, and reconciling them with the slots already stored.
 *
 * Closed days: a date with a Finnish public holiday or a de-facto closed day (Midsummer Eve,
 * Christmas Eve; `closedDayName` of finnishCalendar) gets no slots. Weekends are NOT closed
 * as such: a template block on Saturday or Sunday (a weekend clinic) is honoured, except on a
 * holiday (e.g. Easter Sunday, Independence Day falling on a Sunday).
 *
 * Times are Helsinki wall-clock times: 08:00 is 08:00 on both sides of a DST change. A block
 * is cut on the wall clock into consecutive visits; a remainder shorter than one visit is
 * dropped, and so is a slot whose real length differs from the visit's length because it
 * straddles the night-time clock change (only possible for blocks around 03:00–04:00).
 */
import { addCalendarDays, dayOfWeek } from './calendarDate';
import { closedDayName } from './finnishCalendar';
import { helsinkiTime } from './helsinkiTime';
import { parseClockTime, type ScheduleException, type VisitMode, type VisitType, type WeeklyTemplate } from './scheduleTemplate';

export interface GeneratedSlot {
  /** Deterministic: `${practitioner}|${start ISO instant}|${visitType}`. */
  key: string;
  practitioner: string;
  location?: string;
  start: Date;
  end: Date;
  visitType: string;
  modes: VisitMode[];
}

export interface SlotGenerationInput {
  template: WeeklyTemplate;
  visitTypes: VisitType[];
  /** Exceptions of other practitioners are ignored. */
  exceptions: ScheduleException[];
  /** Helsinki dates 'YYYY-MM-DD', both inclusive. */
  from: string;
  to: string;
}

export function slotKey(practitioner: string, start: Date, visitType: string): string {
  return `${practitioner}|${start.toISOString()}|${visitType}`;
}

function clockTime(value: string): number {
  const minutes = parseClockTime(value);
  if (minutes === undefined) throw new RangeError(`Not a time 'HH:MM': "${value}"`);
  return minutes;
}

const at = (date: string, minutes: number): Date => helsinkiTime(date, Math.floor(minutes / 60), minutes % 60);

/**
 * Slots of a (validated) template between `from` and `to`, in time order. Throws a
 * RangeError for a block whose visit type is not in `visitTypes`.
 */
export function generateSlots(input: SlotGenerationInput): GeneratedSlot[] {
  const { template, visitTypes } = input;
  const types = new Map(visitTypes.map((t) => [t.code, t]));
  const busy = input.exceptions
    .filter((e) => e.practitioner === template.practitioner)
    .map((e) => ({ start: Date.parse(e.start), end: Date.parse(e.end) }));
  if (busy.some((b) => Number.isNaN(b.start) || Number.isNaN(b.end))) {
    throw new RangeError('An exception has an invalid start or end');
  }
  const first = input.from > template.validFrom ? input.from : template.validFrom;
  const last = template.validTo !== undefined && template.validTo < input.to ? template.validTo : input.to;
  const slots = new Map<string, GeneratedSlot>();
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
    if (closedDayName(date) !== undefined) continue;
    const weekday = dayOfWeek(date) || 7;
    for (const block of template.blocks) {
      if (block.weekday !== weekday) continue;
      const type = types.get(block.visitType);
      if (!type) throw new RangeError(`Unknown visit type "${block.visitType}" in template ${template.id}`);
      const blockEnd = clockTime(block.end);
      for (let m = clockTime(block.start); m + type.minutes <= blockEnd; m += type.minutes) {
        const start = at(date, m);
        const end = at(date, m + type.minutes);
        if (end.getTime() - start.getTime() !== type.minutes * 60_000) continue;
        if (busy.some((b) => b.start < end.getTime() && start.getTime() < b.end)) continue;
        const key = slotKey(template.practitioner, start, block.visitType);
        slots.set(key, {
          key,
          practitioner: template.practitioner,
          ...(template.location !== undefined && { location: template.location }),
          start,
          end,
          visitType: block.visitType,
          modes: [...block.modes],
        });
      }
    }
  }
  return [...slots.values()].sort((a, b) => a.start.getTime() - b.start.getTime() || (a.key < b.key ? -1 : 1));
}

export interface ExistingSlot {
  key: string;
  booked: boolean;
  /** When given for a booked slot, new slots overlapping it are not created (no double booking). */
  start?: Date;
  end?: Date;
}

export interface SlotReconciliation {
  create: GeneratedSlot[];
  /** Keys of free existing slots that are no longer generated. */
  remove: string[];
  /** Keys of booked slots that are no longer generated: kept, never deleted. */
  keepBooked: string[];
  /** Keys of generated slots not created because they overlap a booked slot that is kept. */
  blocked: string[];
}

/**
 * What to change after a template edit. `existing` must be the stored slots of the same
 * practitioner within the same dates as `generated`; a booked slot is never removed.
 */
export function reconcileSlots(existing: ExistingSlot[], generated: GeneratedSlot[]): SlotReconciliation {
  const generatedKeys = new Set(generated.map((s) => s.key));
  const existingKeys = new Set(existing.map((s) => s.key));
  const gone = existing.filter((s) => !generatedKeys.has(s.key));
  const kept = gone.filter((s) => s.booked);
  const overlapsKept = (slot: GeneratedSlot): boolean =>
    kept.some((b) => b.start !== undefined && b.end !== undefined && b.start < slot.end && slot.start < b.end);
  const fresh = generated.filter((s) => !existingKeys.has(s.key));
  return {
    create: fresh.filter((s) => !overlapsKept(s)),
    remove: gone.filter((s) => !s.booked).map((s) => s.key),
    keepBooked: kept.map((s) => s.key),
    blocked: fresh.filter(overlapsKept).map((s) => s.key),
  };
}

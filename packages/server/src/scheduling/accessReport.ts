import type { Task } from '@medplum/fhirtypes';
import { T3_CAP_DAYS, TASK_CODES, figureScope, publishedWaitingTimes, t3ForUnit, type FigureScope, type PublishedWaitingTimes } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import { inputValue } from '../guidance/guidanceTask';
import type { SchedulingSettings } from './schedulingSettings';
import { loadCandidates } from './slotCandidates';
import { now as clockNow } from '../time/clock';

export interface AccessReport {
  measuredAt: string;
  /**
   * Per unit and profession. `scope` 'one-professional': the unit has one such professional,
   * so the figure is that person's T3, not a unit median; shown, labelled so (decision 009).
   */
  t3: Array<{ unit: string; unitName?: string; profession: string; t3Days: number; professionals: number; scope: FigureScope }>;
  /** Waits of the contacts that arrived in the window. */
  waiting: PublishedWaitingTimes;
}

/** The contacts whose waits are counted: those that arrived at or after `start` and before `end`. */
export interface WaitWindow {
  start: Date;
  end: Date;
}

/**
 * Access as managers see it: T3 per unit and profession (median over the unit's professionals
 * of the days to each one's third free non-urgent time) and contact → appointment waiting times.
 *
 * What is published (rules: packages/domain/src/smallNumbers.ts):
 * - waiting: of the contacts that arrived in the chosen window (the period's Helsinki days),
 *   those booked to an appointment; built from clients' contacts and bookings, so it singles out no one — the number
 *   of waits is hidden under 5 and otherwise rounded to 5; the share within the deadline is
 *   shown only when both the waits kept and those missed are at least 5, from rounded
 *   counts; the median and the 90th percentile only when at least 5 waits lie on each side of
 *   them (a high percentile of a few waits would be one person's wait).
 * - t3: counts free times in professionals' calendars, not clients; no client can be singled
 *   out from it, and each professional's free times are visible to staff in the schedule
 *   view anyway, so it is shown per unit and profession as THL measures it. It is measured
 *   now (free times from now on), whatever the period. A unit with one professional of a
 *   profession gets that person's T3: it is marked as such, not passed off as the unit's.
 */
export async function accessReport(store: ResourceStore, settings: SchedulingSettings, window: WaitWindow, now = clockNow()): Promise<AccessReport> {
  const nonUrgent = new Set((await settings.visitTypes()).filter((v) => v.nonUrgent).map((v) => v.code));
  const slots = (await loadCandidates(store, { from: now, to: new Date(now.getTime() + T3_CAP_DAYS * 86_400_000), count: 1_000_000 })).filter((s) =>
    nonUrgent.has(s.visitType),
  );
  const units = new Map<string, { name?: string; professionals: Map<string, { practitioner: string; profession: string; freeSlotStarts: Date[] }> }>();
  for (const slot of slots) {
    const unitKey = slot.location ?? 'unknown';
    const unit = units.get(unitKey) ?? { name: slot.owner.locationName, professionals: new Map() };
    const professional = unit.professionals.get(slot.practitioner) ?? { practitioner: slot.practitioner, profession: slot.profession, freeSlotStarts: [] };
    professional.freeSlotStarts.push(slot.start);
    unit.professionals.set(slot.practitioner, professional);
    units.set(unitKey, unit);
  }
  const t3 = [...units.entries()].flatMap(([unit, { name, professionals }]) =>
    t3ForUnit([...professionals.values()], now).map((p) => ({ unit, unitName: name, profession: p.profession, t3Days: p.t3, professionals: p.professionals, scope: figureScope(p.professionals) })),
  );
  return { measuredAt: now.toISOString(), t3, waiting: publishedWaitingTimes(await bookedWaits(store, window)) };
}

async function bookedWaits(store: ResourceStore, window: WaitWindow): Promise<Array<{ contactAt: Date; appointmentAt: Date; deadline: Date }>> {
  const tasks = await store.search({
    resourceType: 'Task',
    filters: [
      { code: 'code', kind: 'token', values: [TASK_CODES.clientGuidance] },
      { code: 'business-status', kind: 'token', values: ['booked'] },
      { code: 'authored-on', kind: 'date', values: [`ge${window.start.toISOString()}`] },
      { code: 'authored-on', kind: 'date', values: [`lt${window.end.toISOString()}`] },
    ],
    sort: [],
    count: 100_000,
    offset: 0,
  });
  return (tasks.resources as Task[]).flatMap((task) => {
    const start = task.output?.find((o) => o.type.coding?.[0]?.code === 'appointment-start')?.valueDateTime;
    const deadline = task.restriction?.period?.end ?? inputValue(task, 'legal-deadline')?.valueDateTime;
    if (!start || !task.authoredOn || !deadline) return [];
    return [{ contactAt: new Date(task.authoredOn), appointmentAt: new Date(start), deadline: new Date(deadline) }];
  });
}

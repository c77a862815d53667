import type { Task } from '@medplum/fhirtypes';
import { T3_CAP_DAYS, TASK_CODES, t3ForUnit, waitingTimeStats, type WaitingTimeStats } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import { SMALL_NUMBER_LIMIT } from '../guidance/guidanceStats';
import { inputValue } from '../guidance/guidanceTask';
import type { SchedulingSettings } from './schedulingSettings';
import { loadCandidates } from './slotCandidates';
import { now as clockNow } from '../time/clock';

export interface AccessReport {
  measuredAt: string;
  t3: Array<{ unit: string; unitName?: string; profession: string; t3Days: number; professionals: number }>;
  waiting: { count: number | null; medianDays: number | null; p90Days: number | null; withinDeadlineShare: number | null };
}

/**
 * Access as managers see it: T3 per unit and profession (median over the unit's professionals
 * of the days to each one's third free non-urgent time) and contact → appointment waiting times.
 */
export async function accessReport(store: ResourceStore, settings: SchedulingSettings, now = clockNow()): Promise<AccessReport> {
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
    t3ForUnit([...professionals.values()], now).map((p) => ({ unit, unitName: name, profession: p.profession, t3Days: p.t3, professionals: p.professionals })),
  );
  return { measuredAt: now.toISOString(), t3, waiting: suppressSmall(waitingTimeStats(await bookedWaits(store))) };
}

async function bookedWaits(store: ResourceStore): Promise<Array<{ contactAt: Date; appointmentAt: Date; deadline: Date }>> {
  const tasks = await store.search({
    resourceType: 'Task',
    filters: [
      { code: 'code', kind: 'token', values: [TASK_CODES.clientGuidance] },
      { code: 'business-status', kind: 'token', values: ['booked'] },
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

function suppressSmall(stats: WaitingTimeStats): AccessReport['waiting'] {
  if (stats.count < SMALL_NUMBER_LIMIT) return { count: null, medianDays: null, p90Days: null, withinDeadlineShare: null };
  return stats;
}

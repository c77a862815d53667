import type { Resource, Slot } from '@medplum/fhirtypes';
import { EXTENSIONS } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';

export interface AvailableSlot {
  slotId: string;
  scheduleId: string;
  start: Date;
  end: Date;
  visitType: string;
  modes: string[];
}

/**
 * Keeps `slot_availability` in step with Slot resources (called by ResourceStore in the same
 * transaction), so that free times are found from one narrow index instead of the generic one.
 */
export async function projectSlots(tx: SqlExecutor, resources: Resource[]): Promise<void> {
  const slots = resources.filter((r): r is Slot & { id: string } => r.resourceType === 'Slot' && !!r.id);
  if (slots.length === 0) return;
  await tx.query(
    `INSERT INTO slot_availability (slot_id, schedule_id, start_at, end_at, status, visit_type, modes)
     SELECT i, s, st, en, stat, vt, string_to_array(m, ',') FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::text[]) AS x(i, s, st, en, stat, vt, m)
     ON CONFLICT (slot_id) DO UPDATE SET schedule_id = EXCLUDED.schedule_id, start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at,
       status = EXCLUDED.status, visit_type = EXCLUDED.visit_type, modes = EXCLUDED.modes`,
    [
      slots.map((s) => s.id),
      slots.map((s) => s.schedule.reference?.replace('Schedule/', '') ?? ''),
      slots.map((s) => s.start),
      slots.map((s) => s.end),
      slots.map((s) => s.status),
      slots.map((s) => s.serviceType?.[0]?.coding?.[0]?.code ?? ''),
      slots.map((s) => (s.extension ?? []).filter((e) => e.url === EXTENSIONS.visitMode).map((e) => e.valueCode).join(',')),
    ],
  );
}

/** Free slots of the given schedules starting within [from, to], earliest first. */
export async function findFreeSlots(db: SqlExecutor, scheduleIds: string[], from: Date, to: Date | undefined, limit: number): Promise<AvailableSlot[]> {
  const r = await db.query<{ slot_id: string; schedule_id: string; start_at: Date | string; end_at: Date | string; visit_type: string; modes: string[] }>(
    `SELECT slot_id, schedule_id, start_at, end_at, visit_type, modes FROM slot_availability
      WHERE status = 'free' AND schedule_id = ANY($1::text[]) AND start_at >= $2 AND ($3::timestamptz IS NULL OR start_at <= $3)
      ORDER BY start_at, slot_id LIMIT $4`,
    [scheduleIds, from.toISOString(), to?.toISOString() ?? null, limit],
  );
  return r.rows.map((row) => ({
    slotId: row.slot_id,
    scheduleId: row.schedule_id,
    start: new Date(row.start_at),
    end: new Date(row.end_at),
    visitType: row.visit_type,
    modes: row.modes.filter(Boolean),
  }));
}

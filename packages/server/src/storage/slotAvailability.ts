import type { Location, Practitioner, Resource, Schedule, Slot } from '@medplum/fhirtypes';
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

/**
 * Ids of active Schedules, of one profession when `professionParam` names its parameter; a
 * separate statement text for each case, so that each keeps a plan of its own.
 */
export function activeScheduleIds(professionParam?: string): string {
  const active = (id: string) =>
    `EXISTS (SELECT 1 FROM search_token a WHERE a.resource_type = 'Schedule' AND a.resource_id = ${id} AND a.param = 'active' AND a.value = 'true')`;
  // From the profession's few schedules, each checked through its own index rows: joining the
  // two token lists instead made the planner compare every active schedule with every match.
  if (professionParam) {
    return `SELECT s.resource_id FROM search_token s WHERE s.resource_type = 'Schedule' AND s.param = 'specialty' AND s.value = ${professionParam} AND ${active('s.resource_id')}`;
  }
  return `SELECT r.id FROM resource r WHERE r.resource_type = 'Schedule' AND ${active('r.id')}`;
}

/** Which free slots to find: of one profession and/or of some practitioners, in a time window. */
export interface FreeSlotWindow {
  profession?: string;
  practitioners?: string[];
  from: Date;
  to?: Date;
  /** Only times after this one (in start, slot id order): the next page. */
  after?: { start: Date; slotId: string };
  limit: number;
}

/** Free slots of active schedules starting within [from, to], earliest first. */
export async function findFreeSlots(db: SqlExecutor, window: FreeSlotWindow): Promise<AvailableSlot[]> {
  const params: unknown[] = [window.from.toISOString(), window.to?.toISOString() ?? null, window.limit];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const ofProfession = window.profession === undefined ? undefined : bind(window.profession);
  const ofPractitioners = window.practitioners
    ? `AND schedule_id IN (SELECT x.resource_id FROM search_token x WHERE x.resource_type = 'Schedule' AND x.param = 'actor' AND x.value = ANY(${bind(window.practitioners)}::text[]))`
    : '';
  const after = window.after ? `AND (start_at, slot_id) > (${bind(window.after.start.toISOString())}::timestamptz, ${bind(window.after.slotId)})` : '';
  const r = await db.query<{ slot_id: string; schedule_id: string; start_at: Date | string; end_at: Date | string; visit_type: string; modes: string[] }>(
    `SELECT slot_id, schedule_id, start_at, end_at, visit_type, modes FROM slot_availability
      WHERE status = 'free' AND schedule_id IN (${activeScheduleIds(ofProfession)}) ${ofPractitioners} ${after}
        AND start_at >= $1 AND ($2::timestamptz IS NULL OR start_at <= $2)
      ORDER BY start_at, slot_id LIMIT $3`,
    params,
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

/** Active Schedules (of one profession) with their Practitioner and Location resources, in one statement. */
export interface ScheduleOffer {
  schedule: Schedule;
  practitioner?: Practitioner;
  location?: Location;
}

export async function findScheduleOffers(db: SqlExecutor, profession?: string): Promise<ScheduleOffer[]> {
  const r = await db.query<{ schedule: Schedule; practitioner: Practitioner | null; location: Location | null }>(
    `SELECT s.content AS schedule, p.content AS practitioner, l.content AS location FROM resource s
       LEFT JOIN resource p ON p.resource_type = 'Practitioner'
        AND p.id = (SELECT substring(a->>'reference' FROM '^Practitioner/(.+)$') FROM jsonb_array_elements(s.content->'actor') a WHERE a->>'reference' LIKE 'Practitioner/%' LIMIT 1)
       LEFT JOIN resource l ON l.resource_type = 'Location'
        AND l.id = (SELECT substring(a->>'reference' FROM '^Location/(.+)$') FROM jsonb_array_elements(s.content->'actor') a WHERE a->>'reference' LIKE 'Location/%' LIMIT 1)
      WHERE s.resource_type = 'Schedule' AND s.id IN (${activeScheduleIds(profession === undefined ? undefined : '$1')})`,
    profession === undefined ? [] : [profession],
  );
  return r.rows.map((row) => ({ schedule: row.schedule, ...(row.practitioner ? { practitioner: row.practitioner } : {}), ...(row.location ? { location: row.location } : {}) }));
}

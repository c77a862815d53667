/**
 * The reads behind the access measures (scheduling/accessReport.ts, decision 018), done in the
 * database so that a region's calendars and a year of its visits come back as a few rows.
 */
import type { WaitCell, WaitGroupProfessionals } from '@ovi/domain';
import { NO_ASSESSMENT } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { activeScheduleIds } from './slotAvailability';
import { figureQuery } from './figureSession';
import { countsOfWindow, foldRollupsSoon, wholeDays } from './figureRollups';

/** One professional's booking calendar for T3: up to the first three free times in the horizon. */
export interface T3Calendar {
  practitioner: string;
  profession: string;
  unit?: string;
  unitName?: string;
  /** At most three, earliest first; fewer (none) when the calendar is that full. */
  freeStarts: Date[];
}

/**
 * Every active schedule with non-urgent booking time (free or booked) starting in [from, to],
 * with its first three free non-urgent times there. A schedule whose every time is booked is
 * included with no free times (it counts at the cap); one with no such time at all in the
 * horizon (the professional does not take these visits, or is away) is not.
 */
export async function t3Calendars(db: SqlExecutor, window: { from: Date; to: Date; visitTypes: string[] }): Promise<T3Calendar[]> {
  const r = await db.query<{ practitioner: string | null; profession: string | null; unit: string | null; unit_name: string | null; free_starts: Array<Date | string> }>(
    `SELECT (SELECT a->>'reference' FROM jsonb_array_elements(s.content->'actor') a WHERE a->>'reference' LIKE 'Practitioner/%' LIMIT 1) AS practitioner,
            s.content #>> '{specialty,0,coding,0,code}' AS profession,
            (SELECT a->>'reference' FROM jsonb_array_elements(s.content->'actor') a WHERE a->>'reference' LIKE 'Location/%' LIMIT 1) AS unit,
            l.content ->> 'name' AS unit_name,
            ARRAY(SELECT f.start_at FROM slot_availability f
                   WHERE f.schedule_id = s.id AND f.status = 'free' AND f.visit_type = ANY($3::text[]) AND f.start_at >= $1 AND f.start_at <= $2
                   ORDER BY f.start_at LIMIT 3) AS free_starts
       FROM resource s
       LEFT JOIN resource l ON l.resource_type = 'Location'
        AND l.id = (SELECT substring(a->>'reference' FROM '^Location/(.+)$') FROM jsonb_array_elements(s.content->'actor') a WHERE a->>'reference' LIKE 'Location/%' LIMIT 1)
      WHERE s.resource_type = 'Schedule' AND s.id IN (${activeScheduleIds()})
        AND EXISTS (SELECT 1 FROM slot_availability b
                     WHERE b.schedule_id = s.id AND b.status IN ('free', 'busy') AND b.visit_type = ANY($3::text[]) AND b.start_at >= $1 AND b.start_at <= $2)`,
    [window.from.toISOString(), window.to.toISOString(), window.visitTypes],
  );
  return r.rows.flatMap((row) =>
    row.practitioner
      ? [
          {
            practitioner: row.practitioner,
            profession: row.profession ?? '',
            ...(row.unit ? { unit: row.unit } : {}),
            ...(row.unit_name ? { unitName: row.unit_name } : {}),
            freeStarts: (row.free_starts ?? []).map((d) => new Date(d)),
          },
        ]
      : [],
  );
}

/**
 * The realised visits (Appointment `fulfilled`) that started in [start, end), counted by unit,
 * profession, urgency, whole Helsinki days waited and whether each limit was kept — the cells
 * of `visitWaitCells` in `@ovi/domain/src/visitWaits.ts`, whose definition this follows — and
 * the distinct professionals of each group. The visit's contact is the Task it names in
 * `supportingInformation` (every booking for a contact records it: `$book` with `task`, and
 * `$resolve` booked); for routed work the contact's earlier assessment counts when it was
 * earlier (`basedOn`), so routing never restarts the clock.
 *
 * Read from the figure facts (visit_fact with its contact's values: migrations 041 and 042,
 * decisions 033 and 036): a region's year of visits is a scan of short rows, not of the stored
 * documents, and no join.
 */
/** A cell (n) or a group's distinct professionals (professionals), as both reads answer them. */
type WaitRow = { unit: string; profession: string; urgency: string; days: number | null; within_legal: boolean | null; within_regional: boolean | null; n: number | null; professionals: number | null };

export async function realisedVisitWaits(db: SqlExecutor, window: { start: Date; end: Date }, live = false): Promise<{ cells: WaitCell[]; professionals: WaitGroupProfessionals[] }> {
  const daily = !live && wholeDays(window);
  const r = daily ? await dailyWaits(db, window) : await figureQuery<WaitRow>(
    db,
    `WITH v AS (
       SELECT COALESCE(v.location, 'unknown') AS unit, COALESCE(v.profession, 'unknown') AS profession, v.practitioner,
              v.start_at AS visit_at, COALESCE(v.booked_at, v.start_at) AS booked_at,
              v.contact_urgency AS urgency, v.contact_legal_deadline AS legal_deadline, v.contact_regional_deadline AS regional_deadline,
              -- The assessment of the contact; a contact closed before the visit without a separate
              -- assessment was assessed when it was closed (older records); routed work keeps the
              -- earlier one (kept on the visit's fact, migration 042).
              v.contact_assessed_at AS assessed_at
         FROM visit_fact v
        WHERE v.status = 'fulfilled' AND v.start_at >= $1::timestamptz AND v.start_at < $2::timestamptz
     ), x AS (
       SELECT unit, profession, practitioner,
              CASE WHEN assessed_at IS NULL THEN $3 ELSE COALESCE(urgency, 'unknown') END AS urgency,
              GREATEST(0, (visit_at AT TIME ZONE 'Europe/Helsinki')::date - (COALESCE(assessed_at, booked_at) AT TIME ZONE 'Europe/Helsinki')::date) AS days,
              CASE WHEN assessed_at IS NOT NULL THEN visit_at <= legal_deadline END AS within_legal,
              CASE WHEN assessed_at IS NOT NULL THEN visit_at <= regional_deadline END AS within_regional
         FROM v
     )
     SELECT unit, profession, urgency, days, within_legal, within_regional, count(*)::int AS n, NULL::int AS professionals
       FROM x GROUP BY unit, profession, urgency, days, within_legal, within_regional
     UNION ALL
     SELECT unit, profession, urgency, NULL, NULL, NULL, NULL, count(DISTINCT practitioner)::int
       FROM x GROUP BY unit, profession, urgency`,
    [window.start.toISOString(), window.end.toISOString(), NO_ASSESSMENT],
  );
  if (daily) foldRollupsSoon(db);
  const cells: WaitCell[] = [];
  const professionals: WaitGroupProfessionals[] = [];
  for (const row of r.rows) {
    if (row.n === null) professionals.push({ unit: row.unit, profession: row.profession, urgency: row.urgency, professionals: Number(row.professionals ?? 0) });
    else cells.push({ unit: row.unit, profession: row.profession, urgency: row.urgency, days: Number(row.days), withinLegal: row.within_legal, withinRegional: row.within_regional, n: Number(row.n) });
  }
  return { cells, professionals };
}

/**
 * The same rows for a window of whole Helsinki days from the visits' daily counts
 * (visit_wait_day and visit_professional_day, migration 044, decision 038; whole months from
 * their monthly tables, migration 047, decision 042), which keep each
 * visit's Location, profession, urgency (and whether it was assessed), days waited and limits,
 * and who saw it. Every group counted has its professionals row, 0 when nobody was named.
 */
function dailyWaits(db: SqlExecutor, window: { start: Date; end: Date }) {
  const group = `COALESCE(location, 'unknown') AS unit, COALESCE(profession, 'unknown') AS profession, CASE WHEN assessed THEN COALESCE(urgency, 'unknown') ELSE $3 END AS urgency`;
  return figureQuery<WaitRow>(
    db,
    `WITH cells AS (
       SELECT unit, profession, urgency, days, within_legal, within_regional, sum(n)::int AS n
         FROM (SELECT ${group}, days, within_legal, within_regional, n FROM ${countsOfWindow('visit_wait')} x) w
        GROUP BY unit, profession, urgency, days, within_legal, within_regional HAVING sum(n) <> 0
     ), seen AS (
       SELECT unit, profession, urgency, practitioner
         FROM (SELECT ${group}, practitioner, n FROM ${countsOfWindow('visit_professional')} x) p
        GROUP BY unit, profession, urgency, practitioner HAVING sum(n) <> 0
     )
     SELECT unit, profession, urgency, days, within_legal, within_regional, n, NULL::int AS professionals FROM cells
     UNION ALL
     SELECT unit, profession, urgency, NULL, NULL, NULL, NULL, count(DISTINCT practitioner)::int
       FROM (SELECT unit, profession, urgency, practitioner FROM seen UNION ALL SELECT DISTINCT unit, profession, urgency, NULL FROM cells) g
      GROUP BY unit, profession, urgency`,
    [window.start.toISOString(), window.end.toISOString(), NO_ASSESSMENT],
  );
}

import { TASK_CODES } from '@ovi/domain';
import type { Database } from '../db/database';
import { now as clockNow } from '../time/clock';

/** Groups smaller than this are hidden so that no one can be recognised from the figures. */
export const SMALL_NUMBER_LIMIT = 5;

export interface GuidanceStats {
  contacts: number | null;
  open: number | null;
  byOutcome: Record<string, number | null>;
  byUrgency: Record<string, number | null>;
  byChannel: Record<string, number | null>;
  firstContactResolutionShare: number | null;
  /** Completed contacts assessed by their assessment due time and resolved by their deadline. */
  withinDeadlineShare: number | null;
  /**
   * Contacts assessed by a professional on the weekday they arrived (by the assessment due
   * time, Terveydenhuoltolaki 51 §), out of those assessed or already past that time.
   */
  assessedSameDayShare: number | null;
}

const suppress = (n: number) => (n < SMALL_NUMBER_LIMIT ? null : n);

/** Figures for managers: no one's data, only counts, with small numbers suppressed. */
export async function guidanceStats(db: Database): Promise<GuidanceStats> {
  const r = await db.query<{ status: string; outcome: string | null; urgency: string | null; channel: string | null; in_time: boolean | null; assessed_in_time: boolean | null }>(
    `SELECT content->>'status' AS status,
            content#>>'{businessStatus,coding,0,code}' AS outcome,
            (SELECT i->>'valueCode' FROM jsonb_array_elements(content->'input') i WHERE i#>>'{type,coding,0,code}' = 'urgency' LIMIT 1) AS urgency,
            (SELECT i->>'valueCode' FROM jsonb_array_elements(content->'input') i WHERE i#>>'{type,coding,0,code}' = 'channel' LIMIT 1) AS channel,
            CASE WHEN content->>'status' = 'completed'
                 THEN (content#>>'{executionPeriod,end}')::timestamptz <= (content#>>'{restriction,period,end}')::timestamptz END AS in_time,
            CASE WHEN assessed_at IS NOT NULL THEN assessed_at <= assessment_due
                 WHEN assessment_due < $2::timestamptz THEN false END AS assessed_in_time
       FROM (
         SELECT content,
                -- A contact closed without a separate assessment was assessed when it was closed.
                COALESCE((SELECT (i->>'valueDateTime')::timestamptz FROM jsonb_array_elements(content->'input') i WHERE i#>>'{type,coding,0,code}' = 'assessed-at' LIMIT 1),
                         CASE WHEN content->>'status' = 'completed' THEN (content#>>'{executionPeriod,end}')::timestamptz END) AS assessed_at,
                (SELECT (i->>'valueDateTime')::timestamptz FROM jsonb_array_elements(content->'input') i WHERE i#>>'{type,coding,0,code}' = 'assessment-due' LIMIT 1) AS assessment_due
           FROM resource
          WHERE resource_type = 'Task' AND content#>>'{code,coding,0,code}' = $1) t`,
    [TASK_CODES.clientGuidance, clockNow().toISOString()],
  );
  const rows = r.rows;
  const completed = rows.filter((row) => row.status === 'completed');
  const count = (values: Array<string | null>) => {
    const counts: Record<string, number> = {};
    for (const v of values) if (v) counts[v] = (counts[v] ?? 0) + 1;
    return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, suppress(n)]));
  };
  const share = (part: number, whole: number) => (whole < SMALL_NUMBER_LIMIT ? null : Math.round((part / whole) * 1000) / 1000);
  return {
    contacts: suppress(rows.length),
    open: suppress(rows.length - completed.length),
    byOutcome: count(completed.map((row) => row.outcome)),
    byUrgency: count(rows.map((row) => row.urgency)),
    byChannel: count(rows.map((row) => row.channel)),
    firstContactResolutionShare: share(completed.filter((row) => row.outcome === 'solved' || row.outcome === 'self-care').length, completed.length),
    withinDeadlineShare: share(completed.filter((row) => row.in_time === true && row.assessed_in_time !== false).length, completed.length),
    assessedSameDayShare: share(rows.filter((row) => row.assessed_in_time === true).length, rows.filter((row) => row.assessed_in_time !== null).length),
  };
}

/** Open contacts in the client-guidance queue (for metrics). */
export async function openGuidanceCount(db: Database): Promise<number> {
  const r = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM search_token c JOIN search_token s ON s.resource_type = 'Task' AND s.resource_id = c.resource_id AND s.param = 'status'
      WHERE c.resource_type = 'Task' AND c.param = 'code' AND c.value = $1 AND s.value IN ('ready', 'in-progress')`,
    [TASK_CODES.clientGuidance],
  );
  return Number(r.rows[0]?.n ?? 0);
}

import { CHANNELS, GUIDANCE_OUTCOMES, TASK_CODES, URGENCIES } from '@ovi/domain';
import {
  publishCounts,
  publishedShare,
  ROUNDING_BASE,
  SMALL_NUMBER_LIMIT as DOMAIN_SMALL_NUMBER_LIMIT,
  type Breakdown,
  type CountTable,
} from '@ovi/domain/src/smallNumbers';
import type { Database } from '../db/database';
import { now as clockNow } from '../time/clock';

/** Groups smaller than this are hidden so that no one can be recognised from the figures. */
export const SMALL_NUMBER_LIMIT = DOMAIN_SMALL_NUMBER_LIMIT;

/**
 * What `GET /api/guidance/stats` publishes (rules: packages/domain/src/smallNumbers.ts).
 *
 * - Every count is the true count rounded to the nearest 5, or null (hidden). A count under 5
 *   is hidden — 0 too, so a hidden figure never tells "someone is there" — and more counts
 *   are hidden where a hidden one could otherwise be worked out by subtraction from a total:
 *   contacts = open + completed; completed = Σ byOutcome; contacts = Σ byUrgency;
 *   contacts = Σ byChannel. Rounded parts need not add up to their rounded total.
 * - byOutcome, byUrgency and byChannel list every known code (null when hidden), so a missing
 *   key never stands for 0. Contacts without an outcome, urgency or channel are not shown,
 *   but are assumed known to a reader when deciding what to hide.
 * - Shares are computed from the rounded published counts with a denominator of at least 5,
 *   to whole per cent, and only when both the counted part and the rest are published cells:
 *   firstContactResolutionShare = (solved + self-care) / completed from byOutcome;
 *   withinDeadlineShare and assessedSameDayShare from breakdowns (within + late = completed,
 *   same-day + not = assessed or due) suppressed by the same rules but not listed.
 * Rounding means one more contact between two reads changes nothing in four cases out of
 * five, and otherwise a figure by a step of 5, which looks the same as 1–9 more contacts.
 */
export interface GuidanceStats {
  contacts: number | null;
  open: number | null;
  /** Closed contacts (contacts − open, rounded on its own). */
  completed: number | null;
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
  /** How the figures were protected: groups under `smallNumberLimit` hidden, counts rounded to `roundedTo`. */
  disclosureControl: { smallNumberLimit: number; roundedTo: number };
}

/** Figures for managers: no one's data, only counts that cannot be taken apart (see {@link GuidanceStats}). */
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
  const counts: Record<string, number> = {};
  const breakdowns: Breakdown[] = [];
  const unpublished: string[] = [];
  /** A breakdown of `total` by a code list: every known code plus any other code met; rows without a code go to an unpublished residual. */
  const breakdown = (total: string, prefix: string, known: readonly string[], values: Array<string | null>) => {
    const cells = new Map<string, number>(known.map((code) => [code, 0]));
    let none = 0;
    for (const v of values) {
      if (v) cells.set(v, (cells.get(v) ?? 0) + 1);
      else none++;
    }
    for (const [code, n] of cells) counts[`${prefix}:${code}`] = n;
    counts[`${prefix}:`] = none;
    unpublished.push(`${prefix}:`);
    breakdowns.push({ total, cells: [...[...cells.keys()].map((code) => `${prefix}:${code}`), `${prefix}:`] });
    return [...cells.keys()];
  };
  counts.contacts = rows.length;
  counts.open = rows.length - completed.length;
  counts.completed = completed.length;
  breakdowns.push({ total: 'contacts', cells: ['open', 'completed'] });
  const outcomes = breakdown('completed', 'outcome', GUIDANCE_OUTCOMES, completed.map((row) => row.outcome));
  const urgencies = breakdown('contacts', 'urgency', URGENCIES, rows.map((row) => row.urgency));
  const channels = breakdown('contacts', 'channel', CHANNELS, rows.map((row) => row.channel));
  // The shares' parts: not listed, but a share with its published denominator reveals them.
  counts.withinDeadline = completed.filter((row) => row.in_time === true && row.assessed_in_time !== false).length;
  counts.lateOrNotAssessedInTime = completed.length - counts.withinDeadline;
  breakdowns.push({ total: 'completed', cells: ['withinDeadline', 'lateOrNotAssessedInTime'] });
  counts.assessedOrDue = rows.filter((row) => row.assessed_in_time !== null).length;
  counts.assessedSameDay = rows.filter((row) => row.assessed_in_time === true).length;
  counts.notAssessedSameDay = counts.assessedOrDue - counts.assessedSameDay;
  breakdowns.push({ total: 'assessedOrDue', cells: ['assessedSameDay', 'notAssessedSameDay'] });

  const table: CountTable = { counts, breakdowns, unpublished };
  const published = publishCounts(table).counts;
  const get = (key: string) => published[key] ?? null;
  const byCode = (prefix: string, codes: string[]) => Object.fromEntries(codes.map((code) => [code, get(`${prefix}:${code}`)]));
  const solved = get('outcome:solved');
  const selfCare = get('outcome:self-care');
  return {
    contacts: get('contacts'),
    open: get('open'),
    completed: get('completed'),
    byOutcome: byCode('outcome', outcomes),
    byUrgency: byCode('urgency', urgencies),
    byChannel: byCode('channel', channels),
    firstContactResolutionShare: publishedShare(solved === null || selfCare === null ? null : solved + selfCare, get('completed')),
    withinDeadlineShare: publishedShare(get('withinDeadline'), get('completed')),
    assessedSameDayShare: publishedShare(get('assessedSameDay'), get('assessedOrDue')),
    disclosureControl: { smallNumberLimit: SMALL_NUMBER_LIMIT, roundedTo: ROUNDING_BASE },
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

import { CHANNELS, GUIDANCE_OUTCOMES, TASK_CODES, URGENCIES, figureScope, teamFigureShown, type FigureScope } from '@ovi/domain';
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
import { figureQuery } from '../storage/figureSession';
import { countsOfWindow, foldRollupsSoon, wholeDays } from '../storage/figureRollups';

/** Groups smaller than this are hidden so that no one can be recognised from the figures. */
export const SMALL_NUMBER_LIMIT = DOMAIN_SMALL_NUMBER_LIMIT;

/**
 * What `GET /api/guidance/stats` publishes (rules: packages/domain/src/smallNumbers.ts) about
 * the contacts that arrived in the chosen period (`open`: of those, the ones still open now).
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
  /**
   * Whose handling the figures describe: 'team' (two professionals or more took or closed
   * the period's contacts), 'one-professional' (then byOutcome and the three shares are null:
   * one person's work is not shown as a team figure, decision 009) or 'none' (no one yet).
   */
  handledBy: FigureScope;
  /** How the figures were protected: groups under `smallNumberLimit` hidden, counts rounded to `roundedTo`. */
  disclosureControl: { smallNumberLimit: number; roundedTo: number };
}

/** One group of contacts alike in everything the figures count, and how many there are. */
interface ContactGroup {
  status: string;
  outcome: string | null;
  urgency: string | null;
  channel: string | null;
  in_time: boolean | null;
  assessed_in_time: boolean | null;
  n: number;
}

/** The period's instants: contacts that arrived (Task.authoredOn) at or after `start` and before `end`. */
export interface StatsWindow {
  start: Date;
  end: Date;
}

/**
 * The contacts that arrived in the window, counted in SQL by everything the figures need
 * (a few dozen groups however many contacts), and how many professionals took or closed
 * them. A window of whole Helsinki days is read from the contacts' daily and monthly counts
 * (guidance_day, guidance_month, handler_day: migrations 044, 047 and 048, decision 043), any
 * other from the facts (`live`: from the facts anyway; the tests compare the two).
 */
export async function countContacts(db: Database, window: StatsWindow, now: Date, live = false): Promise<{ groups: ContactGroup[]; professionals: number }> {
  if (TASK_CODES.clientGuidance !== 'client-guidance') throw new Error('the client-guidance code changed: update the query and migration 041');
  const daily = !live && wholeDays(window);
  const r = await figureQuery<ContactGroup & { professionals: number }>(db, daily ? FROM_COUNTS : FROM_FACTS, [window.start.toISOString(), window.end.toISOString(), now.toISOString()]);
  if (daily) foldRollupsSoon(db);
  return { groups: r.rows.map((row) => ({ ...row, n: Number(row.n) })), professionals: Number(r.rows[0]?.professionals ?? 0) };
}

/**
 * From the facts: the window ($1, $2) through task_fact_guidance_arrived (migration 041), so a
 * year costs what a year holds, not the whole history. The code is written out (not a
 * parameter) so that the partial index's condition is seen to hold. $3: now.
 */
const FROM_FACTS = `WITH a AS (
       -- The contacts' facts (task_fact, migration 041, decision 033), not their stored documents.
       SELECT status, outcome, urgency, channel, owner, closed_at, work_to, assessment_due,
              -- A contact closed without a separate assessment was assessed when it was closed.
              COALESCE(assessed_input_at, CASE WHEN status = 'completed' THEN closed_at END) AS assessed_at
         FROM task_fact
        WHERE kind = 'client-guidance' AND arrived_at >= $1::timestamptz AND arrived_at < $2::timestamptz
     ), g AS (
       -- Grouped with the professional first: the distinct professionals are then counted over a
       -- few thousand groups, not by sorting a region-year's contacts (2.1 s → 0.45 s for 1.5 million).
       SELECT status, outcome, urgency, channel,
              CASE WHEN status = 'completed' THEN closed_at <= work_to END AS in_time,
              CASE WHEN assessed_at IS NOT NULL THEN assessed_at <= assessment_due
                   WHEN assessment_due < $3::timestamptz THEN false END AS assessed_in_time,
              owner, count(*) AS n
         FROM a GROUP BY 1, 2, 3, 4, 5, 6, 7
     )
     SELECT status, outcome, urgency, channel, in_time, assessed_in_time, sum(n)::int AS n,
            (SELECT count(DISTINCT owner) FROM g)::int AS professionals
       FROM g GROUP BY status, outcome, urgency, channel, in_time, assessed_in_time`;

/**
 * From the counts, the same groups: an assessed contact's `on_time` is `assessed_in_time`; one
 * still unassessed with a due time is counted there as not due (NULL), and those of them past it
 * now ($3) are moved to `false` from the facts (few, through task_fact_unassessed), as
 * `FROM_FACTS` decides it. The professionals are the owners the handlers' counts still name.
 */
const FROM_COUNTS = `WITH g AS (
       SELECT status, outcome, urgency, channel, in_time, on_time AS assessed_in_time, n FROM ${countsOfWindow('guidance')} c
       UNION ALL
       SELECT f.status, f.outcome, f.urgency, f.channel, CASE WHEN f.status = 'completed' THEN f.closed_at <= f.work_to END, m.assessed_in_time, m.n
         FROM task_fact f CROSS JOIN (VALUES (NULL::boolean, -1), (false, 1)) m(assessed_in_time, n)
        WHERE f.kind = 'client-guidance' AND f.assessment_due IS NOT NULL AND f.assessed_input_at IS NULL AND (f.status IS DISTINCT FROM 'completed' OR f.closed_at IS NULL)
          AND f.arrived_at >= $1::timestamptz AND f.arrived_at < $2::timestamptz AND f.assessment_due < $3::timestamptz
     ), owners AS (
       SELECT owner FROM ${countsOfWindow('handler')} h GROUP BY owner HAVING sum(n) <> 0
     )
     SELECT status, outcome, urgency, channel, in_time, assessed_in_time, sum(n)::int AS n,
            (SELECT count(*) FROM owners)::int AS professionals
       FROM g GROUP BY status, outcome, urgency, channel, in_time, assessed_in_time HAVING sum(n) <> 0`;

/**
 * Figures for managers about the contacts that arrived in `window`: no one's data, only counts
 * that cannot be taken apart (see {@link GuidanceStats}); the handling figures are hidden when
 * one professional did all the handling (decision 009, `teamFigures.ts`).
 */
export async function guidanceStats(db: Database, window: StatsWindow, now: Date = clockNow(), live = false): Promise<GuidanceStats> {
  const { groups, professionals } = await countContacts(db, window, now, live);
  const sum = (keep: (g: ContactGroup) => boolean) => groups.reduce((s, g) => (keep(g) ? s + g.n : s), 0);
  const isCompleted = (g: ContactGroup) => g.status === 'completed';
  const counts: Record<string, number> = {};
  const breakdowns: Breakdown[] = [];
  const unpublished: string[] = [];
  /** A breakdown of `total` by a code list: every known code plus any other code met; groups without a code go to an unpublished residual. */
  const breakdown = (total: string, prefix: string, known: readonly string[], of: ContactGroup[], code: (g: ContactGroup) => string | null) => {
    const cells = new Map<string, number>(known.map((k) => [k, 0]));
    let none = 0;
    for (const g of of) {
      const v = code(g);
      if (v) cells.set(v, (cells.get(v) ?? 0) + g.n);
      else none += g.n;
    }
    for (const [k, n] of cells) counts[`${prefix}:${k}`] = n;
    counts[`${prefix}:`] = none;
    unpublished.push(`${prefix}:`);
    breakdowns.push({ total, cells: [...[...cells.keys()].map((k) => `${prefix}:${k}`), `${prefix}:`] });
    return [...cells.keys()];
  };
  const completedGroups = groups.filter(isCompleted);
  counts.contacts = sum(() => true);
  counts.completed = sum(isCompleted);
  counts.open = counts.contacts - counts.completed;
  breakdowns.push({ total: 'contacts', cells: ['open', 'completed'] });
  const outcomes = breakdown('completed', 'outcome', GUIDANCE_OUTCOMES, completedGroups, (g) => g.outcome);
  const urgencies = breakdown('contacts', 'urgency', URGENCIES, groups, (g) => g.urgency);
  const channels = breakdown('contacts', 'channel', CHANNELS, groups, (g) => g.channel);
  // The shares' parts: not listed, but a share with its published denominator reveals them.
  counts.withinDeadline = sum((g) => isCompleted(g) && g.in_time === true && g.assessed_in_time !== false);
  counts.lateOrNotAssessedInTime = counts.completed - counts.withinDeadline;
  breakdowns.push({ total: 'completed', cells: ['withinDeadline', 'lateOrNotAssessedInTime'] });
  counts.assessedOrDue = sum((g) => g.assessed_in_time !== null);
  counts.assessedSameDay = sum((g) => g.assessed_in_time === true);
  counts.notAssessedSameDay = counts.assessedOrDue - counts.assessedSameDay;
  breakdowns.push({ total: 'assessedOrDue', cells: ['assessedSameDay', 'notAssessedSameDay'] });

  const table: CountTable = { counts, breakdowns, unpublished };
  const published = publishCounts(table).counts;
  const get = (key: string) => published[key] ?? null;
  const byCode = (prefix: string, codes: string[]) => Object.fromEntries(codes.map((code) => [code, get(`${prefix}:${code}`)]));
  const scope = figureScope(professionals);
  // How contacts were handled is one professional's work when one did it all: not a team figure (decision 009).
  const handling = teamFigureShown('performance', scope);
  const shown = <T>(value: T, hidden: T) => (handling ? value : hidden);
  const solved = get('outcome:solved');
  const selfCare = get('outcome:self-care');
  const outcomeFigures = byCode('outcome', outcomes);
  return {
    contacts: get('contacts'),
    open: get('open'),
    completed: get('completed'),
    byOutcome: shown(outcomeFigures, Object.fromEntries(Object.keys(outcomeFigures).map((code) => [code, null]))),
    byUrgency: byCode('urgency', urgencies),
    byChannel: byCode('channel', channels),
    firstContactResolutionShare: shown(publishedShare(solved === null || selfCare === null ? null : solved + selfCare, get('completed')), null),
    withinDeadlineShare: shown(publishedShare(get('withinDeadline'), get('completed')), null),
    assessedSameDayShare: shown(publishedShare(get('assessedSameDay'), get('assessedOrDue')), null),
    handledBy: scope,
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

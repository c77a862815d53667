/**
 * The reads behind the managers' indicators (measures/indicators.ts, decision 028): one query
 * per indicator, aggregated in the database with GROUPING SETS, so that a region's year comes
 * back as one row per stratum and numerator code (or measured value), never a row per person.
 *
 * Every query has the same shape: a CTE `s` with one row per counted contact, visit or time,
 * carrying its unit, municipality, age group and profession (each 'unknown' when not recorded,
 * so every row is in exactly one stratum of each stratifier and the strata add up to the whole)
 * and `k`: the numerator code it counts in (NULL: in the population only) or, for a
 * continuous measure, the measured value. The filters (unit, municipality, profession) apply to
 * `s`. The answer is (stratifier, value, k, n); a stratifier of NULL is the whole population.
 */
import { MEASUREMENT_FREQUENCY_EXTENSION } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { figureQuery } from './figureSession';
import { countsOfWindow, foldRollupsSoon, wholeDays } from './figureRollups';
import { groupingOf } from './indicatorGrouping';

export type IndicatorStratifier = 'unit' | 'municipality' | 'age-group' | 'profession';

export interface IndicatorFilters {
  unit?: string;
  municipality?: string;
  profession?: string;
}

export interface IndicatorWindow {
  start: Date;
  end: Date;
}

/** One aggregated row: n people with numerator code / value `k` in a stratum (or the whole). */
export interface IndicatorCountRow {
  stratifier: IndicatorStratifier | null;
  value: string;
  k: string | null;
  n: number;
}


/**
 * The client's columns from a patient fact `pf` (migration 041) at the Helsinki date of instant
 * `at`: the home municipality and the age group, 'unknown' when not recorded.
 */
export const clientColumns = (pf: string, at: string) => `
  COALESCE(${pf}.municipality, 'unknown') AS municipality,
  -- The bands of domain/measures/ageGroups.ts on the Helsinki day (ovi_age_group, migration 042).
  COALESCE(ovi_age_group((${at} AT TIME ZONE 'Europe/Helsinki')::date, ${pf}.birth_date), 'unknown') AS age_group`;

/**
 * Each Location's reference (ref) with the Organization managing it (organization): a visit's
 * unit is that Organization, the Location itself when it names none. Joined on the whole
 * reference: cutting the id out of each row's took 0.4 s over a region-year's feedback answers.
 */
export const LOCATION_UNITS = `(SELECT 'Location/' || id AS ref, content #>> '{managingOrganization,reference}' AS organization FROM resource WHERE resource_type = 'Location')`;

/**
 * The client-guidance contacts that arrived before $2 (and, with `fromStart`, at or after $1),
 * from their facts (task_fact: migration 041, decision 033), with the client's columns kept on
 * the fact (migration 042, decision 036: no join with the client per contact); the contact's
 * unit is the client's own station today (the first Organization among
 * `generalPractitioner`), the age group the client's on the day it arrived, its profession the
 * one the contact was assessed for (`performerType`). `ended_at` is the Task's executionPeriod.end. Read through
 * task_fact_guidance_arrived.
 */
const contactsArrived = (fromStart: boolean) => `
  SELECT f.status, f.outcome, f.arrived_at,
         COALESCE(f.client_unit, 'unknown') AS unit,
         COALESCE(f.client_municipality, 'unknown') AS municipality,
         COALESCE(f.client_age_group, 'unknown') AS age_group,
         COALESCE(f.profession, 'unknown') AS profession,
         f.owner,
         COALESCE(f.assessed_input_at, CASE WHEN f.status = 'completed' THEN f.closed_at END) AS assessed_at,
         f.assessment_due, f.channel, f.closed_at AS ended_at
    FROM task_fact f
   WHERE f.kind = 'client-guidance' ${fromStart ? 'AND f.arrived_at >= $1::timestamptz' : ''} AND f.arrived_at < $2::timestamptz`;

/** The client-guidance contacts that arrived in the window ($1, $2). */
const CONTACTS = contactsArrived(true);

/**
 * The visits realised in the window (Appointment `fulfilled`, by start; cancelled and not-come
 * ones are another status), from their facts, with the client's and the contact's columns kept
 * on the fact (migration 042; the age on the visit's day); the unit is the
 * Organization managing the visit's Location (the Location itself when it names none), the
 * profession the visit's. `contact` is the Task the visit was booked for
 * (supportingInformation), `origin` the contact it was routed from (basedOn), as in the waiting
 * times of decision 018: `contact_arrived` is the earlier of their arrivals (routing never
 * restarts the clock), `assessed_at` the contact's assessment (a contact closed before the
 * visit without a separate one was assessed when it was closed; routed work keeps the earlier
 * one), and the deadlines are the contact's (all kept on the visit's fact by the trigger).
 */
const VISITS = `
  SELECT v.appointment_id AS id, v.start_at AS visit_at, v.location, v.patient_id,
         COALESCE(v.profession, 'unknown') AS profession,
         COALESCE(l.organization, v.location, 'unknown') AS unit,
         COALESCE(v.client_municipality, 'unknown') AS municipality,
         COALESCE(v.client_age_group, 'unknown') AS age_group,
         CASE WHEN v.contact_known THEN v.task_id END AS contact,
         v.contact_arrived, v.contact_assessed_at AS assessed_at,
         v.contact_legal_deadline AS legal_deadline, v.contact_regional_deadline AS regional_deadline,
         NULL::text AS owner
    FROM visit_fact v
    LEFT JOIN ${LOCATION_UNITS} l ON l.ref = v.location
   WHERE v.status = 'fulfilled' AND v.start_at >= $1::timestamptz AND v.start_at < $2::timestamptz`;

/**
 * `CONTACTS` over whole days, from their daily and monthly counts (contact_day and
 * contact_month, migrations 044 and 047, decisions 038 and 042): the columns the count
 * Measures read, and `n`, the contacts in each row.
 */
const CONTACT_DAYS = `
  SELECT COALESCE(c.unit, 'unknown') AS unit, COALESCE(c.municipality, 'unknown') AS municipality,
         COALESCE(c.age_group, 'unknown') AS age_group, COALESCE(c.profession, 'unknown') AS profession,
         c.channel, c.status, c.outcome, c.n
    FROM ${countsOfWindow('contact')} c`;

/**
 * The assessed contacts over whole days (assessment_day and _month, migrations 044 and 047):
 * whole hours to the assessment and whether it was by its due time, with `n`.
 */
const ASSESSMENT_DAYS = `
  SELECT COALESCE(a.unit, 'unknown') AS unit, COALESCE(a.municipality, 'unknown') AS municipality,
         COALESCE(a.age_group, 'unknown') AS age_group, COALESCE(a.profession, 'unknown') AS profession,
         a.hours, a.on_time, a.n
    FROM ${countsOfWindow('assessment')} a`;

/**
 * The contacts of the window still without an assessment and past their due time ($7: now),
 * from the facts: whether one is past due depends on the hour. Few, through task_fact_unassessed.
 */
const UNASSESSED_PAST_DUE = `
  SELECT COALESCE(f.client_unit, 'unknown') AS unit, COALESCE(f.client_municipality, 'unknown') AS municipality,
         COALESCE(f.client_age_group, 'unknown') AS age_group, COALESCE(f.profession, 'unknown') AS profession, f.owner
    FROM task_fact f
   WHERE f.kind = 'client-guidance' AND f.assessment_due IS NOT NULL AND f.assessed_input_at IS NULL AND (f.status IS DISTINCT FROM 'completed' OR f.closed_at IS NULL)
     AND f.arrived_at >= $1::timestamptz AND f.arrived_at < $2::timestamptz AND f.assessment_due < $7::timestamptz`;

/** The same-weekday Measure's contacts over whole days: the assessed ones with a due time, and the unassessed past it (not on time). */
const DUE_ASSESSMENT_DAYS = `
  SELECT unit, municipality, age_group, profession, on_time, n FROM (${ASSESSMENT_DAYS}) a WHERE on_time IS NOT NULL
  UNION ALL
  SELECT unit, municipality, age_group, profession, false, 1 FROM (${UNASSESSED_PAST_DUE}) u`;

/**
 * Who handled the contacts of whole days (handler_day and _month, migrations 044 and 047), for the handling
 * Measures' distinct professionals, with `n` and the flags their populations are chosen by.
 */
const HANDLER_DAYS = `
  SELECT COALESCE(h.unit, 'unknown') AS unit, COALESCE(h.municipality, 'unknown') AS municipality,
         COALESCE(h.age_group, 'unknown') AS age_group, COALESCE(h.profession, 'unknown') AS profession,
         h.owner, h.completed, h.assessed, h.has_due, h.n
    FROM ${countsOfWindow('handler')} h`;

/** `VISITS` over whole days, from their daily and monthly counts (visit_day and visit_month, migrations 044 and 047), with `n`. */
const VISIT_DAYS = `
  SELECT COALESCE(l.organization, v.location, 'unknown') AS unit,
         COALESCE(v.municipality, 'unknown') AS municipality, COALESCE(v.age_group, 'unknown') AS age_group,
         COALESCE(v.profession, 'unknown') AS profession, NULL::text AS owner,
         v.waited, v.within_legal, v.within_regional, v.n
    FROM ${countsOfWindow('visit')} v
    LEFT JOIN ${LOCATION_UNITS} l ON l.ref = v.location`;

/**
 * Each active schedule's unit (the Organization managing its Location, the Location when it
 * names none) and profession: a few hundred rows, joined to the times by schedule, so that a
 * year of times (some 600 000 over a 200 000-resident region) is not looked up one by one.
 */
const SCHEDULES = `
  SELECT s.id AS schedule_id,
         COALESCE(l.content #>> '{managingOrganization,reference}', s.location, 'unknown') AS unit,
         COALESCE(s.content #>> '{specialty,0,coding,0,code}', 'unknown') AS profession
    FROM (SELECT r.id, r.content,
                 (SELECT x ->> 'reference' FROM jsonb_array_elements(r.content -> 'actor') x WHERE x ->> 'reference' LIKE 'Location/%' LIMIT 1) AS location
            FROM resource r WHERE r.resource_type = 'Schedule' AND r.content ->> 'active' = 'true') s
    LEFT JOIN resource l ON l.resource_type = 'Location' AND l.id = substring(s.location FROM '^Location/(.+)$')`;

/** Appointment times starting in the window in active schedules, with the schedule's unit and profession. */
const TIMES = `
  SELECT f.status, f.start_at, sc.unit, 'unknown' AS municipality, 'unknown' AS age_group, sc.profession, NULL::text AS owner
    FROM slot_availability f
    JOIN (${SCHEDULES}) sc ON sc.schedule_id = f.schedule_id
   WHERE f.status IN ('free', 'busy') AND f.start_at >= $1::timestamptz AND f.start_at < $2::timestamptz`;

/** `TIMES` counted per schedule and status before the schedule's columns are joined, with `n`. */
const TIMES_COUNTED = `
  SELECT f.status, sc.unit, 'unknown' AS municipality, 'unknown' AS age_group, sc.profession, NULL::text AS owner, f.n
    FROM (SELECT schedule_id, status, count(*) AS n FROM slot_availability
           WHERE status IN ('free', 'busy') AND start_at >= $1::timestamptz AND start_at < $2::timestamptz GROUP BY 1, 2) f
    JOIN (${SCHEDULES}) sc ON sc.schedule_id = f.schedule_id`;

/**
 * The clients with an active home-measurement Goal (one with a measurement frequency), and
 * whether they sent a measurement themselves in the window (a final Observation about them,
 * performed by them, taken in the window). The Goal's status is today's (Ovi keeps its history
 * but this reads the current version). Unit and municipality are the client's, age on the
 * window's last day; no profession.
 */
const MONITORED = `
  SELECT g.patient,
         COALESCE(p.unit, 'unknown') AS unit,
         ${clientColumns('p', "($2::timestamptz - interval '1 second')")},
         'unknown' AS profession, NULL::text AS owner,
         EXISTS (SELECT 1 FROM search_token t JOIN resource o ON o.resource_type = 'Observation' AND o.id = t.resource_id
                  WHERE t.resource_type = 'Observation' AND t.param = 'subject' AND t.value = g.patient
                    AND o.content ->> 'status' = 'final'
                    AND o.content -> 'performer' @> jsonb_build_array(jsonb_build_object('reference', g.patient))
                    AND ovi_instant(o.content ->> 'effectiveDateTime') >= $1::timestamptz AND ovi_instant(o.content ->> 'effectiveDateTime') < $2::timestamptz) AS measured
    FROM (SELECT DISTINCT content #>> '{subject,reference}' AS patient FROM resource
           WHERE resource_type = 'Goal' AND content ->> 'lifecycleStatus' = 'active'
             AND content -> 'extension' @> jsonb_build_array(jsonb_build_object('url', '${MEASUREMENT_FREQUENCY_EXTENSION}'))) g
    JOIN patient_fact p ON p.patient_id = substring(g.patient FROM '^Patient/(.+)$')`;

/** How each indicator's rows are made from its base: the source, which rows count, and `k`. */
interface CountSpec {
  base: string;
  /** Condition on the base's columns for a row to be in the population. */
  where: string;
  /** The numerator code (NULL when not in it) or measured value, as text. */
  k: string;
  /** Count distinct handling professionals per stratum too. */
  professionals?: boolean;
  /**
   * The same rows from the daily counts, for a window of whole Helsinki days: a base with `n`
   * per row, and the population and `k` over its columns (the live ones where not given); with
   * `professionals`, the handlers (a base of unit, municipality, age_group, profession, owner and n).
   */
  days?: { base: string; where?: string; k?: string; handlers?: string };
}

const helsinkiDate = (instant: string) => `(${instant} AT TIME ZONE 'Europe/Helsinki')::date`;

export const COUNT_SPECS: Record<string, CountSpec> = {
  'contacts-by-channel': { base: CONTACTS, where: 'true', k: 'channel', days: { base: CONTACT_DAYS } },
  'digital-share': { base: CONTACTS, where: 'true', k: `CASE WHEN channel = ANY($6::text[]) THEN 'digital' END`, days: { base: CONTACT_DAYS } },
  'first-contact-resolution': {
    base: CONTACTS, professionals: true, days: { base: CONTACT_DAYS, handlers: `SELECT * FROM (${HANDLER_DAYS}) h WHERE completed` },
    where: `status = 'completed'`,
    k: `CASE WHEN outcome IN ('solved', 'self-care') THEN 'resolved' END`,
  },
  'assessed-same-weekday': {
    base: CONTACTS, professionals: true,
    // Assessed, or past its due time unassessed ($7: now).
    where: `assessment_due IS NOT NULL AND (assessed_at IS NOT NULL OR assessment_due < $7::timestamptz)`,
    k: `CASE WHEN assessed_at IS NOT NULL AND assessed_at <= assessment_due THEN 'same-weekday' END`,
    days: {
      base: DUE_ASSESSMENT_DAYS, where: 'true', k: `CASE WHEN on_time THEN 'same-weekday' END`,
      handlers: `SELECT unit, municipality, age_group, profession, owner, n FROM (${HANDLER_DAYS}) h WHERE assessed AND has_due
                 UNION ALL SELECT unit, municipality, age_group, profession, owner, 1 FROM (${UNASSESSED_PAST_DUE}) u WHERE owner IS NOT NULL`,
    },
  },
  'time-to-assessment': {
    base: CONTACTS, professionals: true,
    where: 'assessed_at IS NOT NULL',
    k: `floor(GREATEST(0, extract(epoch FROM assessed_at - arrived_at)) / 3600)::int::text`,
    days: { base: ASSESSMENT_DAYS, where: 'true', k: 'hours::text', handlers: `SELECT * FROM (${HANDLER_DAYS}) h WHERE assessed` },
  },
  'time-to-visit': {
    base: VISITS,
    where: `contact IS NOT NULL`,
    k: `GREATEST(0, ${helsinkiDate('visit_at')} - ${helsinkiDate('contact_arrived')})::text`,
    days: { base: VISIT_DAYS, where: 'waited IS NOT NULL', k: 'waited::text' },
  },
  'within-legal-limit': {
    base: VISITS,
    where: `contact IS NOT NULL AND assessed_at IS NOT NULL AND legal_deadline IS NOT NULL`,
    k: `CASE WHEN visit_at <= legal_deadline THEN 'within' END`,
    days: { base: VISIT_DAYS, where: 'within_legal IS NOT NULL', k: `CASE WHEN within_legal THEN 'within' END` },
  },
  'within-regional-limit': {
    base: VISITS,
    where: `contact IS NOT NULL AND assessed_at IS NOT NULL AND regional_deadline IS NOT NULL`,
    k: `CASE WHEN visit_at <= regional_deadline THEN 'within' END`,
    days: { base: VISIT_DAYS, where: 'within_regional IS NOT NULL', k: `CASE WHEN within_regional THEN 'within' END` },
  },
  'visit-demand': {
    base: CONTACTS, days: { base: CONTACT_DAYS },
    where: `status = 'completed'`,
    k: `CASE WHEN outcome IN ('booked', 'routed') THEN 'needs-visit' END`,
  },
  // Counted in the statement itself (no daily table): any window could, whole days do.
  'booked-time-share': { base: TIMES, where: 'true', k: `CASE WHEN status = 'busy' THEN 'booked' END`, days: { base: TIMES_COUNTED } },
  'self-monitoring-reach': { base: MONITORED, where: 'true', k: `CASE WHEN measured THEN 'measured' END` },
};

/**
 * The counts of one indicator in the window, for the whole and per stratum of `stratifiers`.
 * `digital` lists the digital channels; `now` is the care clock (for "past its due time").
 * A window of whole Helsinki days is read from the daily counts where the indicator has them
 * (`days`; `live` reads the facts anyway: the tests compare the two), any other from the facts.
 */
export async function indicatorCounts(
  db: SqlExecutor,
  id: string,
  window: IndicatorWindow,
  stratifiers: readonly IndicatorStratifier[],
  filters: IndicatorFilters,
  context: { digital: readonly string[]; now: Date; live?: boolean },
): Promise<IndicatorCountRow[]> {
  const spec = COUNT_SPECS[id];
  if (!spec) throw new Error(`no count for indicator ${id}`);
  const days = spec.days && !context.live && wholeDays(window) ? spec.days : undefined;
  const base = days?.base ?? spec.base;
  const where = days?.where ?? spec.where;
  const k = days?.k ?? spec.k;
  const { columns, stratifier: stratifierOf, value: valueOf, sets, wholeAndEach } = groupingOf(stratifiers);
  // $6 and $7 are named in every query so that PostgreSQL knows their types even where unused.
  const filter = `$6::text[] IS NOT NULL AND $7::timestamptz IS NOT NULL AND ($3::text IS NULL OR unit = $3) AND ($4::text IS NULL OR municipality = $4) AND ($5::text IS NULL OR profession = $5)`;
  const filtered = `SELECT *, ${k} AS k FROM (${base}) b WHERE (${where}) AND ${filter}`;
  // From the facts each row is a contact: grouped twice, first by every column a set needs (one
  // pass of a hash over the period's rows), then the few thousand groups into the sets.
  // GROUPING SETS straight over the rows sorts or hashes every row once per set, and
  // count(DISTINCT) makes it sort. The daily counts are summed, and the handlers come from
  // their own counts; a combination whose rows net to nothing (a contact that moved on since
  // the last fold) counts no one and names no professional.
  const handlers = spec.professionals && days?.handlers
    ? `, h AS (SELECT ${[...columns, 'owner'].join(', ')} FROM (${days.handlers}) x WHERE ${filter} GROUP BY ${[...columns, 'owner'].join(', ')} HAVING sum(n) <> 0
               -- Every stratum counted, also one nobody handled (0 professionals, as from the facts).
               UNION ALL SELECT DISTINCT ${[...columns, 'NULL'].join(', ')} FROM g)`
    : '';
  const keep = [...columns, 'k', ...(spec.professionals && !days ? ['owner'] : [])].join(', ');
  const grouped = days ? `SELECT ${keep}, sum(n) AS n FROM s GROUP BY ${keep} HAVING sum(n) <> 0` : `SELECT ${keep}, count(*) AS n FROM s GROUP BY ${keep}`;
  const professionals = spec.professionals
    ? `UNION ALL
       SELECT ${stratifierOf}, ${valueOf}, '#professionals', count(DISTINCT owner)::int
         FROM ${days ? 'h' : 'g'} GROUP BY GROUPING SETS (${wholeAndEach})`
    : '';
  if (spec.professionals && days && !days.handlers) throw new Error(`indicator ${id} counts professionals but names no handlers`);
  const r = await figureQuery<{ stratifier: IndicatorStratifier | null; value: string; k: string | null; n: number }>(
    db,
    `WITH s AS (${filtered}),
     g AS (${grouped})${handlers}
     SELECT ${stratifierOf} AS stratifier, ${valueOf} AS value, k, sum(n)::int AS n
       FROM g GROUP BY GROUPING SETS (${sets})
     ${professionals}`,
    [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null, [...context.digital], context.now.toISOString()],
  );
  if (days) foldRollupsSoon(db);
  return r.rows.map((row) => ({ stratifier: row.stratifier ?? null, value: row.value ?? '', k: row.k, n: Number(row.n) }));
}

/** The names of Organizations and Locations (units) by reference, for labelling strata. */
export async function unitNames(db: SqlExecutor, refs: readonly string[]): Promise<Map<string, string>> {
  const ids = refs.flatMap((ref) => {
    const m = /^(Organization|Location)\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
    return m ? [[m[1], m[2]] as [string, string]] : [];
  });
  if (ids.length === 0) return new Map();
  const r = await db.query<{ resource_type: string; id: string; name: string | null }>(
    `SELECT resource_type, id, content ->> 'name' AS name FROM resource
      WHERE (resource_type, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [ids.map(([type]) => type), ids.map(([, id]) => id)],
  );
  return new Map(r.rows.flatMap((row) => (row.name ? [[`${row.resource_type}/${row.id}`, row.name] as [string, string]] : [])));
}

/**
 * Each contact's moves in the weekly demand and capacity, from the facts: it arrives in one week
 * (0: before the first) and, once closed, leaves the queue in one week, not before it arrived (a
 * closing stamped earlier counts at the arrival). Needs `edges`; filters $3–$5. The last CTE
 * is left open.
 */
const LIVE_MOVES = `c AS (
       SELECT * FROM (${contactsArrived(false)}) b
        WHERE ($3::text IS NULL OR unit = $3) AND ($4::text IS NULL OR municipality = $4) AND ($5::text IS NULL OR profession = $5)
     ), moves AS (
       SELECT c.profession, width_bucket(c.arrived_at, e.at) AS w, 1 AS arrived, COALESCE(c.outcome IN ('booked', 'routed'), false)::int AS need_visit, 0 AS left_queue
         FROM c, edges e
       UNION ALL
       SELECT c.profession, width_bucket(GREATEST(COALESCE(c.ended_at, c.arrived_at), c.arrived_at), e.at), 0, 0, 1
         FROM c, edges e WHERE c.status IN ('completed', 'cancelled', 'failed', 'rejected')`;

/**
 * The same moves from the contacts' daily counts (queue_day, migration 044), which keep the
 * Helsinki days of arrival and of leaving the queue: weeks start at Helsinki midnights, so a day
 * falls in the week its instants do.
 */
const DAILY_MOVES = `c AS (
       SELECT COALESCE(profession, 'unknown') AS profession, day, closed_day, needs_visit, n FROM queue_day
        WHERE ($3::text IS NULL OR COALESCE(unit, 'unknown') = $3) AND ($4::text IS NULL OR COALESCE(municipality, 'unknown') = $4)
          AND ($5::text IS NULL OR COALESCE(profession, 'unknown') = $5)
     ), moves AS (
       SELECT c.profession, width_bucket(c.day, e.days) AS w, c.n AS arrived, CASE WHEN c.needs_visit THEN c.n ELSE 0 END AS need_visit, 0 AS left_queue
         FROM c, edges e
       UNION ALL
       SELECT c.profession, width_bucket(c.closed_day, e.days), 0, 0, c.n
         FROM c, edges e WHERE c.closed_day IS NOT NULL`;

/** One week (Monday, Helsinki) and profession of the demand-and-capacity view. */
export interface WeekRow {
  week: string;
  profession: string;
  /** Contacts that arrived this week and were closed with a booked visit or routed on. */
  needVisit: number;
  /** Contacts that arrived this week (all outcomes, open ones too). */
  arrived: number;
  /** Appointment times starting this week in active schedules: free, booked (frozen ones left out). */
  freeTimes: number;
  bookedTimes: number;
  /** Contacts open at the end of the week (arrived before it, not closed by then). */
  backlog: number;
}

/**
 * "Hyvä vastaanotto": per week and profession, the incoming demand for visits against the free
 * and booked time, and the queue left at each week's end, so a queue shows before it forms.
 * Each contact is bucketed once by arrival and once by closing and the queue is their running
 * sum (over a region's year 2.8 s → 0.4 s against joining every week with every contact), read
 * from the daily counts (`live`: from the facts, which the tests compare).
 * Weeks are Helsinki ISO weeks (Monday to Sunday) overlapping [start, end); the backlog counts
 * every client-guidance contact that arrived before the week's end and was still open then,
 * whenever it arrived.
 */
export async function weeklyDemandCapacity(db: SqlExecutor, window: IndicatorWindow, filters: IndicatorFilters, live = false): Promise<WeekRow[]> {
  const r = await figureQuery<{ week: string; profession: string; need_visit: number; arrived: number; free_times: number; booked_times: number; backlog: number }>(
    db,
    `WITH weeks AS (
       SELECT w::date AS monday,
              (w::date::timestamp AT TIME ZONE 'Europe/Helsinki') AS starts,
              ((w::date + 7)::timestamp AT TIME ZONE 'Europe/Helsinki') AS ends
         FROM generate_series(date_trunc('week', $1::timestamptz AT TIME ZONE 'Europe/Helsinki'),
                              ($2::timestamptz - interval '1 second') AT TIME ZONE 'Europe/Helsinki', interval '7 days') w
     ), edges AS (
       -- Each week's start, then the last week's end: width_bucket finds a week by binary search,
       -- 0 before the first, n + 1 after the last.
       SELECT array_agg(starts ORDER BY monday) || max(ends) AS at, array_agg(monday ORDER BY monday) || (max(monday) + 7) AS days, count(*)::int AS n FROM weeks
     ), ${live ? LIVE_MOVES : DAILY_MOVES}
     ), per_week AS (
       SELECT profession, w, sum(arrived)::int AS arrived, sum(need_visit)::int AS need_visit, sum(left_queue)::int AS left_queue FROM moves GROUP BY 1, 2
     ), grid AS (
       SELECT g.w, p.profession FROM edges e, generate_series(0, e.n) g(w), (SELECT DISTINCT profession FROM per_week) p
     ), running AS (
       -- The queue at each week's end: every arrival so far less every departure so far.
       SELECT g.w, g.profession, COALESCE(x.arrived, 0) AS arrived, COALESCE(x.need_visit, 0) AS need_visit,
              (sum(COALESCE(x.arrived, 0) - COALESCE(x.left_queue, 0)) OVER (PARTITION BY g.profession ORDER BY g.w))::int AS backlog
         FROM grid g LEFT JOIN per_week x ON x.w = g.w AND x.profession = g.profession
     ), contacts AS (
       SELECT w.monday, r.profession, r.need_visit, r.arrived, r.backlog
         FROM running r JOIN (SELECT monday, row_number() OVER (ORDER BY monday) AS w FROM weeks) w ON w.w = r.w
        WHERE r.arrived > 0 OR r.backlog > 0
     ), times AS (
       -- Each time bucketed into its week as the contacts are, counted per schedule and status
       -- first, then joined to the few hundred schedules' unit and profession. (A range join of
       -- every week with every time of a region's year compared 52 × 600 000 pairs, and a join
       -- on the week's number was planned as the same loop: 16 s.) $6 and $7 reach a week
       -- beyond the period on each side, so the first and last weeks are whole.
       SELECT e.days[x.w] AS monday, sc.profession,
              COALESCE(sum(x.n) FILTER (WHERE x.status = 'free'), 0)::int AS free_times,
              COALESCE(sum(x.n) FILTER (WHERE x.status = 'busy'), 0)::int AS booked_times
         FROM (SELECT f.schedule_id, f.status, width_bucket(f.start_at, e.at) AS w, count(*) AS n
                 FROM slot_availability f, edges e
                WHERE f.status IN ('free', 'busy') AND f.start_at >= $6::timestamptz AND f.start_at < $7::timestamptz
                GROUP BY 1, 2, 3) x
         JOIN (${SCHEDULES}) sc ON sc.schedule_id = x.schedule_id
         CROSS JOIN edges e
        WHERE x.w BETWEEN 1 AND e.n AND ($3::text IS NULL OR sc.unit = $3) AND ($5::text IS NULL OR sc.profession = $5)
        GROUP BY 1, 2
     )
     SELECT to_char(COALESCE(c.monday, t.monday), 'YYYY-MM-DD') AS week, COALESCE(c.profession, t.profession) AS profession,
            COALESCE(c.need_visit, 0) AS need_visit, COALESCE(c.arrived, 0) AS arrived, COALESCE(c.backlog, 0) AS backlog,
            COALESCE(t.free_times, 0) AS free_times, COALESCE(t.booked_times, 0) AS booked_times
       FROM contacts c FULL JOIN times t ON t.monday = c.monday AND t.profession = c.profession
      ORDER BY 1, 2`,
    [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null,
     // The times of the first and last weeks whole, also outside the period's days.
     new Date(window.start.getTime() - 7 * 86_400_000).toISOString(), new Date(window.end.getTime() + 7 * 86_400_000).toISOString()],
  );
  return r.rows.map((row) => ({ week: row.week, profession: row.profession, needVisit: Number(row.need_visit), arrived: Number(row.arrived), freeTimes: Number(row.free_times), bookedTimes: Number(row.booked_times), backlog: Number(row.backlog) }));
}

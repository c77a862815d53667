/**
 * The client rows behind every continuity figure (decisions 021, 040 and 041): per unit,
 * profession and client over the realised visits of a window, N (visits), Σ n_i², max n_i, the
 * visits with the own team, the first and last professional met, the client's municipality and
 * age group at the window's end ('unknown' when not recorded), and whether the client is counted
 * (at least the minimum of visits) and has an own professional at all (`listed`). The continuity Measures (`continuityIndicatorCounts.ts`) and
 * the continuity table (`continuityFigures.ts`) group these rows; nothing per client leaves the
 * database.
 *
 * Unit is the Organization managing the visit's Location (the Location itself when it names
 * none), as for the other visit Measures, so the dashboard's unit filter means one thing
 * everywhere. The own team follows `ownTeamPairs.ts` (today's membership).
 *
 * The rows come from the facts (`clientRows(false)`) or from a kept period's rows
 * (`continuitySettled.ts`, decision 041) for every client but those whose visits or own facts
 * changed since it was kept and those with visits after it; those are read from the facts.
 *
 * Parameters of the statements that use them: $1, $2 the window; $3 the unit, $5 the
 * profession (NULL: every one; $4, the municipality, is the reader's); $6 the minimum of visits
 * for a client to be counted; with a kept period, $7 its id (`continuity_settled.id`) and $8
 * the end of what it keeps (`settled_end`).
 */
import { clientColumns, LOCATION_UNITS } from './indicatorCounts';
import { isOwnPair, listedClient, OWN_TEAMS, PAIRS_WITH_OWNERS } from './ownTeamPairs';

/** The columns of a client row, in the order of `continuity_settled_client` (after its `settled_id`). */
export const CLIENT_ROW_COLUMNS = 'unit, profession, client, visits, sum_of_squares, most_seen, own_visits, first_met, last_met, municipality, age_group, listed';

/**
 * `changed`: the clients whose rows the kept period $7 cannot give — a visit before its end or
 * their own fact written in a transaction it did not see, or a realised visit after its end.
 */
const CHANGED = `
  changed AS MATERIALIZED (
    SELECT c.client FROM continuity_settled s JOIN continuity_change c
        ON c.xid >= pg_snapshot_xmin(s.taken) AND NOT pg_visible_in_snapshot(c.xid, s.taken)
     WHERE s.id = $7::bigint AND c.client IS NOT NULL
       AND (c.start_at IS NULL OR (c.start_at >= $1::timestamptz AND c.start_at < $8::timestamptz))
    UNION
    -- The kept end as a value ($8), not read from the kept row, so that the planner sees how
    -- few visits follow it.
    SELECT v.patient_id FROM visit_fact v
     WHERE v.status = 'fulfilled' AND v.start_at >= $8::timestamptz AND v.start_at < $2::timestamptz
       AND v.patient_id IS NOT NULL
  )`;

/**
 * `client_live`: the client rows from the facts, of every client or (`onlyChanged`) of the
 * `changed` ones, then found by the index on the visits' client. Only hash aggregation
 * (decision 040): visits → client–professional pairs → clients.
 */
const clientLive = (onlyChanged: boolean, visitsEnd = '$2::timestamptz') => `
  pair AS (
    -- A visit without a client or a professional names no one met: left out.
    SELECT COALESCE(l.organization, v.location, 'unknown') AS unit, COALESCE(v.profession, 'unknown') AS profession,
           v.patient_id AS client, v.practitioner, count(*)::int AS n
      FROM visit_fact v
      LEFT JOIN ${LOCATION_UNITS} l ON l.ref = v.location
     WHERE v.status = 'fulfilled' AND v.start_at >= $1::timestamptz AND v.start_at < ${visitsEnd}
       AND v.patient_id IS NOT NULL AND v.practitioner IS NOT NULL
       AND ($3::text IS NULL OR COALESCE(l.organization, v.location, 'unknown') = $3) AND ($5::text IS NULL OR COALESCE(v.profession, 'unknown') = $5)
       ${onlyChanged ? 'AND v.patient_id IN (SELECT client FROM changed)' : ''}
     GROUP BY 1, 2, 3, 4
  ), ${OWN_TEAMS}, client_live AS (
    -- Grouped by the client's fact row too (its key: its other columns come along), so that the
    -- client's columns need no second join. Listing is decided only for the clients counted.
    SELECT p.unit, p.profession, p.client, sum(p.n)::int AS visits, sum(p.n * p.n)::int AS sum_of_squares, max(p.n) AS most_seen,
           sum(CASE WHEN ${isOwnPair('p', 'pt', 'mu')} THEN p.n ELSE 0 END)::int AS own_visits,
           min(p.practitioner) AS first_met, max(p.practitioner) AS last_met,
           ${clientColumns('pt', "($2::timestamptz - interval '1 second')")},
           CASE WHEN sum(p.n) >= $6::int THEN ${listedClient('pt', 'p.client')} ELSE false END AS listed
      FROM ${PAIRS_WITH_OWNERS}
     GROUP BY p.unit, p.profession, p.client, pt.patient_id
  )`;

/**
 * CTEs ending in `client`: the window's client rows, with `kept` from the kept period $7 (days
 * up to $8) where it has them and from the facts for the rest; without, all from the facts
 * (and the statement has no $7, $8).
 */
export const clientRows = (kept: boolean) =>
  kept
    ? `
  ${CHANGED}, ${clientLive(true)}, client AS (
    -- NOT IN (never NULL here) stays a hashed lookup whatever the planner guesses of the kept
    -- rows; as an anti join it was once planned as a nested loop over them (115 s).
    SELECT ${CLIENT_ROW_COLUMNS} FROM continuity_settled_client k
     WHERE k.settled_id = $7::bigint AND ($3::text IS NULL OR k.unit = $3) AND ($5::text IS NULL OR k.profession = $5)
       AND k.client NOT IN (SELECT client FROM changed)
    UNION ALL
    SELECT ${CLIENT_ROW_COLUMNS} FROM client_live
  )`
    : `${clientLive(false)}, client AS (SELECT ${CLIENT_ROW_COLUMNS} FROM client_live)`;

/**
 * The CTEs that make every client row from the facts for keeping (`client_live`): of the visits
 * in [$1, $7), the clients' age group at the window's end $2.
 */
export const CLIENT_ROWS_TO_KEEP = clientLive(false, '$7::timestamptz');

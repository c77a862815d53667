/**
 * The counts behind the continuity Measures (usual-provider-continuity,
 * continuity-of-care-index, own-team-visits; decisions 021, 034 and 040), in the shape of
 * `indicatorCounts.ts`: (stratifier, value, k, n) rows from GROUPING SETS, a stratifier of NULL
 * being the whole. The per-client value (UPC, COCI) is `k` and the rows count clients; for the
 * own-team share the rows count visits (with and without the own team). Nothing per client
 * leaves the database.
 *
 * The own team follows `continuityFigures.ts` (the client's generalPractitioner and the members
 * of the active CareTeams that are the client's or their own unit's; today's membership), read
 * from the same figure facts. Unit is the Organization managing the visit's Location (the
 * Location itself when it names none), as for the other visit Measures, so the dashboard's unit
 * filter means one thing everywhere.
 */
import { MIN_VISITS_FOR_CONTINUITY } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { clientColumns, LOCATION_UNITS, type IndicatorCountRow, type IndicatorFilters, type IndicatorStratifier, type IndicatorWindow } from './indicatorCounts';
import { figureQuery } from './figureSession';
import { groupingOf } from './indicatorGrouping';
import { isOwnPair, listedClient, OWN_TEAMS, PAIRS_WITH_OWNERS } from './ownTeamPairs';
import { sharedWhileRunning } from './sharedFigureRead';

/**
 * The three Measures in one statement (they are one pass over the period's visits), over the
 * realised visits in the window ($1, $2; $6 the minimum per client), filtered ($3–$5). Read from
 * the figure facts (migration 041, decision 033): the visits from `visit_fact`, the client's
 * columns from `patient_fact`. Only hash aggregation, in three steps that each make far fewer
 * rows (a region's year, docs/PRODUCTION.md: 580 000 visits, 480 000 pairs, 135 000 clients
 * counted, some 650 cells):
 * - `pair`: visits per client and professional in each unit and profession, with those with
 *   the own team (`isOwnPair`);
 * - `client`: per client in each unit and profession (decision 021's cell) N, Σ n_i², max n_i,
 *   the visits with the own team, and the first and last professional met;
 * - `cell`: the clients counted with their municipality and age group (their fact joined once,
 *   in `client`), grouped by all that their figures depend on, so that the stratifiers group a
 *   few hundred rows.
 * A stratum's professionals matter only as one or more (a stratum where all met one is marked,
 * decision 021): one when its first and last professional are the same. Keeping the two ends
 * per client replaced carrying every pair to the end (a sort of the region's pairs on disk).
 */
const CONTINUITY_FAMILY = `
  pair AS (
    -- A visit without a client or a professional names no one met: left out.
    SELECT COALESCE(l.organization, v.location, 'unknown') AS unit, COALESCE(v.profession, 'unknown') AS profession,
           v.patient_id AS client, v.practitioner, count(*)::int AS n
      FROM visit_fact v
      LEFT JOIN ${LOCATION_UNITS} l ON l.ref = v.location
     WHERE v.status = 'fulfilled' AND v.start_at >= $1::timestamptz AND v.start_at < $2::timestamptz
       AND v.patient_id IS NOT NULL AND v.practitioner IS NOT NULL
       AND ($3::text IS NULL OR COALESCE(l.organization, v.location, 'unknown') = $3) AND ($5::text IS NULL OR COALESCE(v.profession, 'unknown') = $5)
     GROUP BY 1, 2, 3, 4
  ), ${OWN_TEAMS}, client AS (
    -- Grouped by the client's fact row too (its key: its other columns come along), so that the
    -- clients' columns need no second join with every client's fact.
    SELECT p.unit, p.profession, p.client, sum(p.n)::int AS visits, sum(p.n * p.n)::int AS sum_of_squares, max(p.n) AS most_seen,
           sum(CASE WHEN ${isOwnPair('p', 'pt', 'mu')} THEN p.n ELSE 0 END)::int AS own_visits,
           min(p.practitioner) AS first_met, max(p.practitioner) AS last_met,
           pt.patient_id, pt.municipality, pt.birth_date, pt.general_practitioners
      FROM ${PAIRS_WITH_OWNERS}
     GROUP BY p.unit, p.profession, p.client, pt.patient_id
  ), cell AS (
    -- \`pt\`: a client with their fact's columns (NULL when they have none).
    SELECT pt.unit, pt.profession, ${clientColumns('pt', "($2::timestamptz - interval '1 second')")}, ${listedClient('pt', 'pt.client')} AS listed,
           pt.visits, pt.sum_of_squares, pt.most_seen,
           count(*)::int AS clients, sum(pt.own_visits)::int AS own_visits, min(pt.first_met) AS first_met, max(pt.last_met) AS last_met
      FROM client pt
     WHERE pt.visits >= $6::int AND ($4::text IS NULL OR COALESCE(pt.municipality, 'unknown') = $4)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ), x AS (
    -- What each cell counts in, per Measure: k and n (UPC and COCI as exact float8 per client,
    -- shortest round-trip text; the own-team share counts visits of listed clients).
    SELECT 'usual-provider-continuity' AS measure, unit, municipality, age_group, profession,
           (most_seen::float8 / visits)::text AS k, clients AS n, first_met, last_met FROM cell
    UNION ALL
    SELECT 'continuity-of-care-index', unit, municipality, age_group, profession,
           ((sum_of_squares - visits)::float8 / (visits * (visits - 1)))::text, clients, first_met, last_met FROM cell
    UNION ALL
    SELECT 'own-team-visits', unit, municipality, age_group, profession, 'own-team', own_visits, first_met, last_met FROM cell WHERE listed
    UNION ALL
    SELECT 'own-team-visits', unit, municipality, age_group, profession, NULL, visits * clients - own_visits, NULL, NULL FROM cell WHERE listed
  )`;

const STRATIFIERS: readonly IndicatorStratifier[] = ['unit', 'municipality', 'age-group', 'profession'];

export const CONTINUITY_MEASURE_IDS = ['usual-provider-continuity', 'continuity-of-care-index', 'own-team-visits'];

type FamilyRow = IndicatorCountRow & { measure: string };

/** The rows of all three Measures over one window and filters. */
async function continuityFamilyCounts(db: SqlExecutor, window: IndicatorWindow, filters: IndicatorFilters): Promise<FamilyRow[]> {
  const { stratifier, value, sets, wholeAndEach } = groupingOf(STRATIFIERS);
  const r = await figureQuery<{ measure: string; stratifier: IndicatorStratifier | null; value: string; k: string | null; n: number }>(
    db,
    `WITH ${CONTINUITY_FAMILY}
     SELECT measure, ${stratifier} AS stratifier, ${value} AS value, k, sum(n)::int AS n
       FROM x GROUP BY measure, GROUPING SETS (${sets})
     UNION ALL
     SELECT measure, ${stratifier}, ${value}, '#professionals', CASE WHEN min(first_met) = max(last_met) THEN 1 ELSE 2 END
       FROM x WHERE first_met IS NOT NULL GROUP BY measure, GROUPING SETS (${wholeAndEach})`,
    [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null, MIN_VISITS_FOR_CONTINUITY],
  );
  return r.rows.map((row) => ({ measure: row.measure, stratifier: row.stratifier ?? null, value: row.value ?? '', k: row.k, n: Number(row.n) }));
}

/**
 * One Measure's rows. The dashboard asks for the three at once: they share one statement while
 * it runs (`sharedWhileRunning`).
 */
export async function continuityIndicatorCounts(
  db: SqlExecutor,
  id: string,
  window: IndicatorWindow,
  stratifiers: readonly IndicatorStratifier[],
  filters: IndicatorFilters,
): Promise<IndicatorCountRow[]> {
  if (!CONTINUITY_MEASURE_IDS.includes(id)) throw new Error(`no continuity count for ${id}`);
  const key = JSON.stringify([window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null]);
  const rows = await sharedWhileRunning(db, `continuity ${key}`, () => continuityFamilyCounts(db, window, filters));
  return rows
    .filter((r) => r.measure === id && (r.stratifier === null || stratifiers.includes(r.stratifier)))
    .map(({ stratifier, value, k, n }) => ({ stratifier, value, k, n }));
}

/**
 * The counts behind the continuity Measures (usual-provider-continuity,
 * continuity-of-care-index, own-team-visits; decisions 021 and 034), in the shape of
 * `indicatorCounts.ts`: (stratifier, value, k, n) rows from GROUPING SETS, a stratifier of NULL
 * being the whole.
 *
 * One row of `s` is a client's realised visits in one unit and profession (decision 021's
 * cell): N visits, Σ n_i², max n_i over the professionals met, and those with the own team.
 * The per-client value (UPC, COCI) is `k` and the rows count clients; for the own-team share the
 * rows count visits (n = the client's visits with and without the own team). Nothing per client
 * leaves the database.
 *
 * The own team follows `continuityFigures.ts` (the client's generalPractitioner and the members
 * of the active CareTeams that are the client's or their own unit's; today's membership), read
 * from the same figure facts. Unit
 * is the Organization managing the visit's Location (the Location itself when it names none), as
 * for the other visit Measures, so the dashboard's unit filter means one thing everywhere.
 */
import { MIN_VISITS_FOR_CONTINUITY } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { clientColumns, type IndicatorCountRow, type IndicatorFilters, type IndicatorStratifier, type IndicatorWindow } from './indicatorCounts';
import { groupedCounts } from './indicatorGrouping';
import { OWN_TEAM_PAIRS } from './ownTeamPairs';

/**
 * Per client, unit and profession with at least the minimum of realised visits in the window
 * ($1, $2; $6 the minimum), filtered ($3–$5). Read from the figure facts (migration 041,
 * decision 033): the visits from `visit_fact`, the client's own professionals and columns from
 * `patient_fact`, and whether a pair is an own one from `OWN_TEAM_PAIRS`, as the continuity
 * table does.
 */
const PER_CLIENT = `
  pair AS (
    -- Visits per client and professional (a visit without either names no one met: left out).
    SELECT COALESCE(l.organization, v.location, 'unknown') AS unit, COALESCE(v.profession, 'unknown') AS profession,
           v.patient_id AS client, v.practitioner, count(*)::int AS n
      FROM visit_fact v
      LEFT JOIN (SELECT 'Location/' || id AS ref, content #>> '{managingOrganization,reference}' AS organization FROM resource WHERE resource_type = 'Location') l ON l.ref = v.location
     WHERE v.status = 'fulfilled' AND v.start_at >= $1::timestamptz AND v.start_at < $2::timestamptz
       AND v.patient_id IS NOT NULL AND v.practitioner IS NOT NULL
     GROUP BY 1, 2, 3, 4
  ), ${OWN_TEAM_PAIRS}, per_client AS (
    SELECT unit, profession, client,
           sum(n)::int AS visits, sum(n * n)::int AS sum_of_squares, max(n)::int AS most_seen,
           sum(CASE WHEN is_own THEN n ELSE 0 END)::int AS own_visits,
           bool_or(listed) AS listed,
           array_agg(practitioner) AS practitioners
      FROM own_pair
     GROUP BY unit, profession, client
  ), s AS (
    SELECT c.*, ${clientColumns('pt', "($2::timestamptz - interval '1 second')")}
      FROM per_client c
      LEFT JOIN patient_fact pt ON pt.patient_id = c.client
     WHERE c.visits >= $6::int
  ), f AS (
    SELECT * FROM s WHERE ($3::text IS NULL OR unit = $3) AND ($4::text IS NULL OR municipality = $4) AND ($5::text IS NULL OR profession = $5)
  ), pros AS (
    -- The professionals met in each stratum (a stratum where all met one is marked, decision 021).
    -- Carried along per client rather than joined back to \`pair\`: CTEs have no statistics, and
    -- that join became a nested loop (a minute for 5 000 residents' year on PGlite).
    SELECT unit, municipality, age_group, profession, unnest(practitioners) AS owner FROM f WHERE %PROS%
  )`;

/** What one row of `f` counts in: `k` and n per Measure. */
const ROWS: Record<string, { rows: string; pros: string }> = {
  // Exact per-client values as float8 (shortest round-trip text): UPC = max n_i / N.
  'usual-provider-continuity': { rows: `SELECT unit, municipality, age_group, profession, (most_seen::float8 / visits) AS k, 1 AS n FROM f`, pros: 'true' },
  // COCI = (Σ n_i² − N) / (N(N − 1)), N ≥ 2 here.
  'continuity-of-care-index': { rows: `SELECT unit, municipality, age_group, profession, ((sum_of_squares - visits)::float8 / (visits * (visits - 1))) AS k, 1 AS n FROM f`, pros: 'true' },
  // Visits of listed clients: with the own team, and the rest.
  'own-team-visits': {
    rows: `SELECT unit, municipality, age_group, profession, 'own-team' AS k, own_visits AS n FROM f WHERE listed
           UNION ALL SELECT unit, municipality, age_group, profession, NULL, visits - own_visits FROM f WHERE listed`,
    pros: 'listed',
  },
};

export const CONTINUITY_MEASURE_IDS = Object.keys(ROWS);

export async function continuityIndicatorCounts(
  db: SqlExecutor,
  id: string,
  window: IndicatorWindow,
  stratifiers: readonly IndicatorStratifier[],
  filters: IndicatorFilters,
): Promise<IndicatorCountRow[]> {
  const spec = ROWS[id];
  if (!spec) throw new Error(`no continuity count for ${id}`);
  return groupedCounts(db, {
    with: PER_CLIENT.replace('%PROS%', spec.pros),
    rows: spec.rows,
    professionals: 'pros',
    stratifiers,
    params: [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null, MIN_VISITS_FOR_CONTINUITY],
  });
}

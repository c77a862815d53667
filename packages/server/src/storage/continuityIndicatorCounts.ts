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
import { clientColumns, LOCATION_UNITS, type IndicatorCountRow, type IndicatorFilters, type IndicatorStratifier, type IndicatorWindow } from './indicatorCounts';
import { groupedCounts } from './indicatorGrouping';
import { isOwnPair, listedClient, OWN_TEAMS, PAIRS_WITH_OWNERS } from './ownTeamPairs';

/**
 * Each pair's visits with the own team, decided before the pairs are sorted by client: left to
 * the window, the client's own professionals went along into the sort (on disk for a region).
 */
const OWN_PAIR_VISITS = `
  own_pair AS MATERIALIZED (
    SELECT p.unit, p.profession, p.client, p.practitioner, p.n, CASE WHEN ${isOwnPair('p', 'pt', 'mu')} THEN p.n ELSE 0 END AS own_n
      FROM ${PAIRS_WITH_OWNERS}
  )`;

/**
 * Per client, unit and profession with at least the minimum of realised visits in the window
 * ($1, $2; $6 the minimum), filtered ($3–$5). Read from the figure facts (migration 041,
 * decision 033): the visits from `visit_fact`, the client's columns from `patient_fact`.
 * `own`: the own-team Measure's columns too (each pair's visits with the own team,
 * `OWN_PAIR_VISITS`, and whether the client is listed at all, once a client); UPC and COCI need
 * neither, and over a region's year deciding them per pair was most of those Measures' time.
 */
const perClient = (own: boolean) => `
  pair AS (
    -- Visits per client and professional (a visit without either names no one met: left out).
    SELECT COALESCE(l.organization, v.location, 'unknown') AS unit, COALESCE(v.profession, 'unknown') AS profession,
           v.patient_id AS client, v.practitioner, count(*)::int AS n
      FROM visit_fact v
      LEFT JOIN ${LOCATION_UNITS} l ON l.ref = v.location
     WHERE v.status = 'fulfilled' AND v.start_at >= $1::timestamptz AND v.start_at < $2::timestamptz
       AND v.patient_id IS NOT NULL AND v.practitioner IS NOT NULL
       -- The unit and profession filters here already (they do not reach through the window below).
       AND ($3::text IS NULL OR COALESCE(l.organization, v.location, 'unknown') = $3) AND ($5::text IS NULL OR COALESCE(v.profession, 'unknown') = $5)
     GROUP BY 1, 2, 3, 4
  ), ${own ? `${OWN_TEAMS}, ${OWN_PAIR_VISITS}, ` : ''}w AS (
    -- Each pair with its client's totals in the cell (N, Σ n_i², max n_i, with the own team) and
    -- its place among the client's pairs: the first stands for the client.
    SELECT unit, profession, client, practitioner,
           sum(n) OVER c AS visits, sum(n * n) OVER c AS sum_of_squares, max(n) OVER c AS most_seen,
           ${own ? 'sum(own_n) OVER c' : '0'} AS own_visits,
           row_number() OVER c AS nth
      FROM ${own ? 'own_pair' : 'pair'}
    WINDOW c AS (PARTITION BY unit, profession, client)
  ), s AS (
    SELECT w.*, ${own ? listedClient('pt', 'w.client') : 'false'} AS listed,
           ${clientColumns('pt', "($2::timestamptz - interval '1 second')")}
      FROM w
      LEFT JOIN patient_fact pt ON pt.patient_id = w.client
     WHERE w.visits >= $6::int
  ), f AS (
    SELECT * FROM s WHERE ($3::text IS NULL OR unit = $3) AND ($4::text IS NULL OR municipality = $4) AND ($5::text IS NULL OR profession = $5)
  ), clients AS (
    SELECT * FROM f WHERE nth = 1
  ), pros AS (
    -- The professionals met in each stratum (a stratum where all met one is marked, decision 021):
    -- every pair of the clients counted. Carried on each pair rather than gathered into an array
    -- per client (whose per-group state made the grouping sort a region's pairs on disk) or
    -- joined back (CTEs have no statistics: with a unit and a profession chosen that join became
    -- a nested loop over every pair twice).
    SELECT unit, municipality, age_group, profession, practitioner AS owner FROM f WHERE %PROS%
  )`;

/** What one row of `f` counts in: `k` and n per Measure. */
const ROWS: Record<string, { rows: string; pros: string; own?: true }> = {
  // Exact per-client values as float8 (shortest round-trip text): UPC = max n_i / N.
  'usual-provider-continuity': { rows: `SELECT unit, municipality, age_group, profession, (most_seen::float8 / visits) AS k, 1 AS n FROM clients`, pros: 'true' },
  // COCI = (Σ n_i² − N) / (N(N − 1)), N ≥ 2 here.
  'continuity-of-care-index': { rows: `SELECT unit, municipality, age_group, profession, ((sum_of_squares - visits)::float8 / (visits * (visits - 1))) AS k, 1 AS n FROM clients`, pros: 'true' },
  // Visits of listed clients: with the own team, and the rest.
  'own-team-visits': {
    rows: `SELECT unit, municipality, age_group, profession, 'own-team' AS k, own_visits AS n FROM clients WHERE listed
           UNION ALL SELECT unit, municipality, age_group, profession, NULL, visits - own_visits FROM clients WHERE listed`,
    pros: 'listed',
    own: true,
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
    with: perClient(spec.own === true).replace('%PROS%', spec.pros),
    rows: spec.rows,
    professionals: 'pros',
    stratifiers,
    params: [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null, MIN_VISITS_FOR_CONTINUITY],
  });
}

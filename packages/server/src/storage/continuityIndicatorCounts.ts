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
 * of the active CareTeams that are the client's or their own unit's; today's membership). Unit
 * is the Organization managing the visit's Location (the Location itself when it names none), as
 * for the other visit Measures, so the dashboard's unit filter means one thing everywhere.
 */
import { MIN_VISITS_FOR_CONTINUITY } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { IndicatorCountRow, IndicatorFilters, IndicatorStratifier, IndicatorWindow } from './indicatorCounts';
import { clientColumnsAt, groupedCounts } from './indicatorGrouping';

const participant = (kind: string) => `(SELECT p #>> '{actor,reference}' FROM jsonb_array_elements(a.content -> 'participant') p WHERE p #>> '{actor,reference}' LIKE '${kind}/%' LIMIT 1)`;

/** Per client, unit and profession with at least the minimum of realised visits in the window ($1, $2; $6 the minimum), filtered ($3–$5). */
const PER_CLIENT = `
  v AS (
    SELECT ${participant('Patient')} AS client, ${participant('Practitioner')} AS practitioner, ${participant('Location')} AS location,
           COALESCE(a.content #>> '{specialty,0,coding,0,code}', 'unknown') AS profession
      FROM resource a
     WHERE a.resource_type = 'Appointment' AND a.content ->> 'status' = 'fulfilled'
       AND ovi_instant(a.content ->> 'start') >= $1::timestamptz AND ovi_instant(a.content ->> 'start') < $2::timestamptz
  ), pair AS (
    -- Visits per client and professional (a visit without either names no one met: left out).
    SELECT COALESCE(l.content #>> '{managingOrganization,reference}', v.location, 'unknown') AS unit, v.profession, v.client, v.practitioner, count(*)::int AS n
      FROM v LEFT JOIN resource l ON l.resource_type = 'Location' AND l.id = substring(v.location FROM '^Location/(.+)$')
     WHERE v.client IS NOT NULL AND v.practitioner IS NOT NULL
     GROUP BY 1, 2, 3, 4
  ), clients AS (
    SELECT DISTINCT client FROM pair
  ), own AS (
    SELECT c.client, g ->> 'reference' AS member
      FROM clients c
      JOIN resource pt ON pt.resource_type = 'Patient' AND pt.id = substring(c.client FROM '^Patient/(.+)$')
      CROSS JOIN LATERAL jsonb_array_elements(pt.content -> 'generalPractitioner') g
    UNION
    SELECT c.client, m #>> '{member,reference}'
      FROM clients c
      JOIN resource pt ON pt.resource_type = 'Patient' AND pt.id = substring(c.client FROM '^Patient/(.+)$')
      JOIN resource ct ON ct.resource_type = 'CareTeam' AND ct.content ->> 'status' = 'active'
       AND (ct.content #>> '{subject,reference}' = c.client
            OR EXISTS (SELECT 1 FROM jsonb_array_elements(ct.content -> 'managingOrganization') o
                        JOIN jsonb_array_elements(pt.content -> 'generalPractitioner') g ON g ->> 'reference' = o ->> 'reference'))
      CROSS JOIN LATERAL jsonb_array_elements(ct.content -> 'participant') m
  ), listed AS (
    SELECT client, bool_or(member LIKE 'Practitioner/%') AS listed FROM own GROUP BY client
  ), per_client AS (
    SELECT p.unit, p.profession, p.client,
           sum(p.n)::int AS visits, sum(p.n * p.n)::int AS sum_of_squares, max(p.n)::int AS most_seen,
           sum(CASE WHEN o.member IS NOT NULL THEN p.n ELSE 0 END)::int AS own_visits,
           array_agg(p.practitioner) AS practitioners
      FROM pair p LEFT JOIN own o ON o.client = p.client AND o.member = p.practitioner
     GROUP BY p.unit, p.profession, p.client
  ), s AS (
    SELECT c.*, COALESCE(l.listed, false) AS listed, ${clientColumnsAt('pt.content', "($2::timestamptz - interval '1 second')")}
      FROM per_client c
      LEFT JOIN listed l ON l.client = c.client
      LEFT JOIN resource pt ON pt.resource_type = 'Patient' AND pt.id = substring(c.client FROM '^Patient/(.+)$')
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

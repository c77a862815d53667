/**
 * The read behind the continuity-of-care figures (scheduling/continuityReport.ts, decision 021),
 * done in the database so that a year of a region's visits comes back as a few hundred rows:
 * the realised visits are counted per client and professional here, and each client's N,
 * Σ n_i² and max n_i are grouped into cells of alike clients — the cells of `continuityCells`
 * in `@ovi/domain/src/continuity.ts`, whose definition this follows. The formulas (UPC, COCI)
 * are applied to the cells in domain code only.
 *
 * Own team (as booking shows it, `scheduling/findAppointments.ts`): the client's own
 * professionals (`Patient.generalPractitioner`) and the members of the active CareTeams that are
 * the client's (`subject`) or belong to an own unit (`managingOrganization` among the
 * client's `generalPractitioner`). Membership is today's, not the visit day's.
 */
import type { ContinuityCell, ContinuityGroupFacts } from '@ovi/domain';
import { MIN_VISITS_FOR_CONTINUITY } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { figureQuery } from './figureSession';
import { OWN_TEAM_PAIRS } from './ownTeamPairs';

export async function realisedVisitContinuity(db: SqlExecutor, window: { start: Date; end: Date }): Promise<{ cells: ContinuityCell[]; groups: ContinuityGroupFacts[] }> {
  const r = await figureQuery<{
    unit: string;
    profession: string;
    visits: number | null;
    sum_of_squares: number | null;
    most_seen: number | null;
    clients: number | null;
    listed_visits: number | null;
    own_visits: number | null;
    professionals: number | null;
  }>(
    db,
    `WITH pair AS (
       -- Visits per client and professional (a visit without either names no one met: left out).
       SELECT COALESCE(location, 'unknown') AS unit, COALESCE(profession, 'unknown') AS profession, patient_id AS client, practitioner, count(*)::int AS n
         FROM visit_fact
        WHERE status = 'fulfilled' AND start_at >= $1::timestamptz AND start_at < $2::timestamptz
          AND patient_id IS NOT NULL AND practitioner IS NOT NULL
        GROUP BY 1, 2, 3, 4
     ), ${OWN_TEAM_PAIRS}, per_client AS (
       SELECT unit, profession, client,
              sum(n)::int AS visits, sum(n * n)::int AS sum_of_squares, max(n)::int AS most_seen,
              sum(CASE WHEN is_own THEN n ELSE 0 END)::int AS own_visits,
              bool_or(listed) AS listed
         FROM own_pair
        GROUP BY unit, profession, client
     ), seen AS (
       SELECT unit, profession, count(DISTINCT practitioner)::int AS professionals FROM pair GROUP BY unit, profession
     )
     SELECT unit, profession, visits, sum_of_squares, most_seen, count(*)::int AS clients,
            NULL::int AS listed_visits, NULL::int AS own_visits, NULL::int AS professionals
       FROM per_client GROUP BY unit, profession, visits, sum_of_squares, most_seen
     UNION ALL
     SELECT c.unit, c.profession, NULL, NULL, NULL, NULL,
            COALESCE(sum(c.visits) FILTER (WHERE c.listed AND c.visits >= $3), 0)::int,
            COALESCE(sum(c.own_visits) FILTER (WHERE c.listed AND c.visits >= $3), 0)::int,
            max(s.professionals)::int
       FROM per_client c JOIN seen s ON s.unit = c.unit AND s.profession = c.profession
      GROUP BY c.unit, c.profession`,
    [window.start.toISOString(), window.end.toISOString(), MIN_VISITS_FOR_CONTINUITY],
  );
  const cells: ContinuityCell[] = [];
  const groups: ContinuityGroupFacts[] = [];
  for (const row of r.rows) {
    if (row.clients === null) {
      groups.push({ unit: row.unit, profession: row.profession, listedVisits: Number(row.listed_visits ?? 0), ownTeamVisits: Number(row.own_visits ?? 0), professionals: Number(row.professionals ?? 0) });
    } else {
      cells.push({ unit: row.unit, profession: row.profession, visits: Number(row.visits), sumOfSquares: Number(row.sum_of_squares), mostSeen: Number(row.most_seen), clients: Number(row.clients) });
    }
  }
  return { cells, groups };
}

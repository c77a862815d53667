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
import { isOwnPair, listedClient, OWN_TEAMS, PAIRS_WITH_OWNERS } from './ownTeamPairs';

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
    `WITH pair AS MATERIALIZED (
       -- Visits per client and professional (a visit without either names no one met: left out).
       SELECT COALESCE(location, 'unknown') AS unit, COALESCE(profession, 'unknown') AS profession, patient_id AS client, practitioner, count(*)::int AS n
         FROM visit_fact
        WHERE status = 'fulfilled' AND start_at >= $1::timestamptz AND start_at < $2::timestamptz
          AND patient_id IS NOT NULL AND practitioner IS NOT NULL
        GROUP BY 1, 2, 3, 4
     ), ${OWN_TEAMS}, per_client AS (
       -- Grouped by the client's fact row too (its key), whose columns come along for \`listed\`.
       SELECT p.unit, p.profession, p.client,
              sum(p.n)::int AS visits, sum(p.n * p.n)::int AS sum_of_squares, max(p.n)::int AS most_seen,
              sum(CASE WHEN ${isOwnPair('p', 'pt', 'mu')} THEN p.n ELSE 0 END)::int AS own_visits,
              pt.patient_id, pt.general_practitioners
         FROM ${PAIRS_WITH_OWNERS}
        GROUP BY p.unit, p.profession, p.client, pt.patient_id
     ), listed AS (
       -- Whether a client is listed matters only for the clients counted: decided for those alone.
       SELECT pt.unit, pt.profession, sum(pt.visits)::int AS listed_visits, sum(pt.own_visits)::int AS own_visits
         FROM per_client pt
        WHERE pt.visits >= $3 AND ${listedClient('pt', 'pt.client')}
        GROUP BY pt.unit, pt.profession
     ), seen AS (
       -- Each professional once per unit and profession first (hashed), then counted.
       SELECT unit, profession, count(*)::int AS professionals FROM (SELECT DISTINCT unit, profession, practitioner FROM pair) d GROUP BY unit, profession
     )
     SELECT unit, profession, visits, sum_of_squares, most_seen, count(*)::int AS clients,
            NULL::int AS listed_visits, NULL::int AS own_visits, NULL::int AS professionals
       FROM per_client GROUP BY unit, profession, visits, sum_of_squares, most_seen
     UNION ALL
     SELECT s.unit, s.profession, NULL, NULL, NULL, NULL, COALESCE(l.listed_visits, 0), COALESCE(l.own_visits, 0), s.professionals
       FROM seen s LEFT JOIN listed l ON l.unit = s.unit AND l.profession = s.profession`,
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

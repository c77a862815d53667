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

export async function realisedVisitContinuity(db: SqlExecutor, window: { start: Date; end: Date }): Promise<{ cells: ContinuityCell[]; groups: ContinuityGroupFacts[] }> {
  const r = await db.query<{
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
    `WITH v AS (
       SELECT 'Patient/' || patient_id AS client, practitioner,
              COALESCE(location, 'unknown') AS unit, COALESCE(profession, 'unknown') AS profession
         FROM visit_fact
        WHERE status = 'fulfilled' AND start_at >= $1::timestamptz AND start_at < $2::timestamptz
     ), pair AS (
       -- Visits per client and professional (a visit without either names no one met: left out).
       SELECT unit, profession, client, practitioner, count(*)::int AS n
         FROM v WHERE client IS NOT NULL AND practitioner IS NOT NULL
        GROUP BY unit, profession, client, practitioner
     ), clients AS (
       SELECT DISTINCT client FROM pair
     ), teams AS MATERIALIZED (
       SELECT content #>> '{subject,reference}' AS subject,
              ARRAY(SELECT o->>'reference' FROM jsonb_array_elements(content->'managingOrganization') o) AS organizations,
              content->'participant' AS participants
         FROM resource WHERE resource_type = 'CareTeam' AND content->>'status' = 'active'
     ), own AS (
       -- Each client's own professionals and own-team members.
       SELECT c.client, g AS member
         FROM clients c
         JOIN patient_fact pt ON pt.patient_id = substring(c.client FROM '^Patient/(.+)$')
         CROSS JOIN LATERAL unnest(pt.general_practitioners) g
       UNION
       SELECT c.client, m#>>'{member,reference}'
         FROM clients c
         JOIN patient_fact pt ON pt.patient_id = substring(c.client FROM '^Patient/(.+)$')
         JOIN teams ct ON ct.subject = c.client OR ct.organizations && pt.general_practitioners
         CROSS JOIN LATERAL jsonb_array_elements(ct.participants) m
     ), own_pair AS (
       -- Whether each client–professional pair is an own one: a join, not a search of \`own\`
       -- per pair (that was quadratic: hours over a region's year; decision 029).
       SELECT p.*, (o.member IS NOT NULL) AS is_own
         FROM pair p LEFT JOIN own o ON o.client = p.client AND o.member = p.practitioner
     ), listed AS (
       SELECT client, bool_or(member LIKE 'Practitioner/%') AS listed FROM own GROUP BY client
     ), per_client AS (
       SELECT p.unit, p.profession, p.client,
              sum(p.n)::int AS visits, sum(p.n * p.n)::int AS sum_of_squares, max(p.n)::int AS most_seen,
              sum(CASE WHEN p.is_own THEN p.n ELSE 0 END)::int AS own_visits,
              COALESCE(bool_or(l.listed), false) AS listed
         FROM own_pair p LEFT JOIN listed l ON l.client = p.client
        GROUP BY p.unit, p.profession, p.client
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

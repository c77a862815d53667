/**
 * The read behind the continuity-of-care figures (scheduling/continuityReport.ts, decision 021),
 * done in the database so that a year of a region's visits comes back as a few hundred rows:
 * the client rows of `continuityClients.ts` (each client's N, Σ n_i², max n_i per unit and
 * profession, from a kept period or the facts) are grouped into cells of alike clients — the
 * cells of `continuityCells` in `@ovi/domain/src/continuity.ts`, whose definition this follows —
 * and into each unit and profession's own-team visits and professionals. The formulas (UPC,
 * COCI) are applied to the cells in domain code only.
 *
 * The unit is the dashboard's (the Organization managing the visit's Location), so the table
 * shows the units the continuity Measures stratify and filter by. A group's professionals are
 * counted as 0, 1 or 2 (two or more): they only decide whether it rests on one professional
 * (`figureScope`).
 */
import type { ContinuityCell, ContinuityGroupFacts } from '@ovi/domain';
import { MIN_VISITS_FOR_CONTINUITY } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { now } from '../time/clock';
import { CLIENT_ROWS } from './continuityClients';
import { settledFor } from './continuitySettled';
import { figureQuery } from './figureSession';

export async function realisedVisitContinuity(db: SqlExecutor, window: { start: Date; end: Date }): Promise<{ cells: ContinuityCell[]; groups: ContinuityGroupFacts[] }> {
  const settled = await settledFor(db, window, now());
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
    `WITH ${CLIENT_ROWS}, chosen AS (
       SELECT * FROM client WHERE $4::text IS NULL OR COALESCE(municipality, 'unknown') = $4
     )
     SELECT unit, profession, visits, sum_of_squares, most_seen, count(*)::int AS clients,
            NULL::int AS listed_visits, NULL::int AS own_visits, NULL::int AS professionals
       FROM chosen GROUP BY unit, profession, visits, sum_of_squares, most_seen
     UNION ALL
     -- \`listed\` is true only for the clients counted (at least $6 visits).
     SELECT unit, profession, NULL, NULL, NULL, NULL,
            sum(CASE WHEN listed THEN visits ELSE 0 END)::int, sum(CASE WHEN listed THEN own_visits ELSE 0 END)::int,
            CASE WHEN min(first_met) = max(last_met) THEN 1 ELSE 2 END
       FROM chosen GROUP BY unit, profession`,
    [window.start.toISOString(), window.end.toISOString(), null, null, null, MIN_VISITS_FOR_CONTINUITY, settled],
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

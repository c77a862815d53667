/**
 * The counts behind the continuity Measures (usual-provider-continuity,
 * continuity-of-care-index, own-team-visits; decisions 021, 034 and 040), in the shape of
 * `indicatorCounts.ts`: (stratifier, value, k, n) rows from GROUPING SETS, a stratifier of NULL
 * being the whole. The per-client value (UPC, COCI) is `k` and the rows count clients; for the
 * own-team share the rows count visits (with and without the own team). Nothing per client
 * leaves the database.
 *
 * The client rows, with the unit and the own team, are those of `continuityClients.ts`, which
 * the continuity table (`continuityFigures.ts`) groups too; over a long window most of them come
 * kept from an earlier request (`continuitySettled.ts`, decision 041).
 */
import { MIN_VISITS_FOR_CONTINUITY, type ContinuityCell, type ContinuityGroupFacts } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { type IndicatorCountRow, type IndicatorFilters, type IndicatorStratifier, type IndicatorWindow } from './indicatorCounts';
import { figureQuery } from './figureSession';
import { groupingOf } from './indicatorGrouping';
import { clientRows } from './continuityClients';
import { settledFor } from './continuitySettled';
import { sharedWhileRunning } from './sharedFigureRead';
import { now } from '../time/clock';

/**
 * The three Measures and the continuity table in one statement (they are one pass over the
 * period's client rows), over the client rows of the window (`continuityClients.ts`: from the
 * kept period or the facts), filtered ($3–$5; $6 the minimum per client). Only hash
 * aggregation: the clients are grouped with their municipality and age group into `cell`s by
 * all that their figures depend on, so that the rest groups a few thousand rows (a region's year,
 * docs/PRODUCTION.md: 360 000 client rows).
 * A stratum's professionals matter only as one or more (a stratum where all met one is marked,
 * decision 021): one when its first and last professional are the same.
 */
const continuityFamily = (kept: boolean) => `
  ${clientRows(kept)}, cell AS (
    SELECT pt.unit, pt.profession, pt.municipality, pt.age_group, pt.listed,
           pt.visits, pt.sum_of_squares, pt.most_seen,
           count(*)::int AS clients, sum(pt.own_visits)::int AS own_visits, min(pt.first_met) AS first_met, max(pt.last_met) AS last_met
      FROM client pt
     WHERE $4::text IS NULL OR pt.municipality = $4
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ), x AS (
    -- What each counted cell counts in, per Measure: k and n (UPC and COCI as exact float8 per
    -- client, shortest round-trip text; the own-team share counts visits of listed clients).
    SELECT 'usual-provider-continuity' AS measure, unit, municipality, age_group, profession,
           (most_seen::float8 / visits)::text AS k, clients AS n, first_met, last_met FROM cell WHERE visits >= $6::int
    UNION ALL
    SELECT 'continuity-of-care-index', unit, municipality, age_group, profession,
           ((sum_of_squares - visits)::float8 / (visits * (visits - 1)))::text, clients, first_met, last_met FROM cell WHERE visits >= $6::int
    UNION ALL
    SELECT 'own-team-visits', unit, municipality, age_group, profession, 'own-team', own_visits, first_met, last_met FROM cell WHERE listed
    UNION ALL
    SELECT 'own-team-visits', unit, municipality, age_group, profession, NULL, visits * clients - own_visits, NULL, NULL FROM cell WHERE listed
  )`;

const STRATIFIERS: readonly IndicatorStratifier[] = ['unit', 'municipality', 'age-group', 'profession'];

export const CONTINUITY_MEASURE_IDS = ['usual-provider-continuity', 'continuity-of-care-index', 'own-team-visits'];

type FamilyRow = IndicatorCountRow & { measure: string };

/** What one statement gives: the three Measures' rows, and the continuity table's cells and groups. */
export interface ContinuityFamily {
  measures: FamilyRow[];
  cells: ContinuityCell[];
  groups: ContinuityGroupFacts[];
}

interface FamilyLine {
  measure: string;
  stratifier: string | null;
  value: string | null;
  k: string | null;
  n: number;
  visits: number | null;
  sum_of_squares: number | null;
  most_seen: number | null;
  listed_visits: number | null;
  own_visits: number | null;
}

/** Everything over one window and filters, in one statement. */
async function readContinuityFamily(db: SqlExecutor, window: IndicatorWindow, filters: IndicatorFilters): Promise<ContinuityFamily> {
  const { stratifier, value, sets, wholeAndEach } = groupingOf(STRATIFIERS);
  const kept = await settledFor(db, window, now());
  const r = await figureQuery<FamilyLine>(
    db,
    `WITH ${continuityFamily(kept !== null)}
     SELECT measure, ${stratifier} AS stratifier, ${value} AS value, k, sum(n)::int AS n,
            NULL::int AS visits, NULL::int AS sum_of_squares, NULL::int AS most_seen, NULL::int AS listed_visits, NULL::int AS own_visits
       FROM x GROUP BY measure, GROUPING SETS (${sets})
     UNION ALL
     SELECT measure, ${stratifier}, ${value}, '#professionals', CASE WHEN min(first_met) = max(last_met) THEN 1 ELSE 2 END, NULL, NULL, NULL, NULL, NULL
       FROM x WHERE first_met IS NOT NULL GROUP BY measure, GROUPING SETS (${wholeAndEach})
     UNION ALL
     -- The table (decision 021): its cells of alike clients (counted or not) per unit and profession…
     SELECT '#cell', unit, profession, NULL, sum(clients)::int, visits, sum_of_squares, most_seen, NULL, NULL
       FROM cell GROUP BY unit, profession, visits, sum_of_squares, most_seen
     UNION ALL
     -- …and per unit and profession the visits of counted listed clients, those with the own
     -- team (\`listed\` is true only for counted clients) and the professionals as 1 or 2 (more).
     SELECT '#group', unit, profession, NULL, CASE WHEN min(first_met) = max(last_met) THEN 1 ELSE 2 END, NULL, NULL, NULL,
            COALESCE(sum(visits * clients) FILTER (WHERE listed), 0)::int, COALESCE(sum(own_visits) FILTER (WHERE listed), 0)::int
       FROM cell GROUP BY unit, profession`,
    [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null, MIN_VISITS_FOR_CONTINUITY, ...(kept ?? [])],
  );
  const family: ContinuityFamily = { measures: [], cells: [], groups: [] };
  for (const row of r.rows) {
    if (row.measure === '#cell') {
      family.cells.push({ unit: row.stratifier ?? '', profession: row.value ?? '', visits: Number(row.visits), sumOfSquares: Number(row.sum_of_squares), mostSeen: Number(row.most_seen), clients: Number(row.n) });
    } else if (row.measure === '#group') {
      family.groups.push({ unit: row.stratifier ?? '', profession: row.value ?? '', listedVisits: Number(row.listed_visits), ownTeamVisits: Number(row.own_visits), professionals: Number(row.n) });
    } else {
      family.measures.push({ measure: row.measure, stratifier: (row.stratifier as IndicatorStratifier | null) ?? null, value: row.value ?? '', k: row.k, n: Number(row.n) });
    }
  }
  return family;
}

/**
 * The three continuity Measures and the table over one window and filters. The dashboard's
 * continuity page asks for the three Measures and the table at once: they share one statement
 * while it runs (`sharedWhileRunning`).
 */
export function continuityFamilyOf(db: SqlExecutor, window: IndicatorWindow, filters: IndicatorFilters): Promise<ContinuityFamily> {
  const key = JSON.stringify([window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null]);
  return sharedWhileRunning(db, `continuity ${key}`, () => readContinuityFamily(db, window, filters));
}

/** One Measure's rows. */
export async function continuityIndicatorCounts(
  db: SqlExecutor,
  id: string,
  window: IndicatorWindow,
  stratifiers: readonly IndicatorStratifier[],
  filters: IndicatorFilters,
): Promise<IndicatorCountRow[]> {
  if (!CONTINUITY_MEASURE_IDS.includes(id)) throw new Error(`no continuity count for ${id}`);
  const { measures } = await continuityFamilyOf(db, window, filters);
  return measures
    .filter((r) => r.measure === id && (r.stratifier === null || stratifiers.includes(r.stratifier)))
    .map(({ stratifier, value, k, n }) => ({ stratifier, value, k, n }));
}

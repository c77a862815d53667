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
import { MIN_VISITS_FOR_CONTINUITY } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { clientColumns, type IndicatorCountRow, type IndicatorFilters, type IndicatorStratifier, type IndicatorWindow } from './indicatorCounts';
import { figureQuery } from './figureSession';
import { groupingOf } from './indicatorGrouping';
import { CLIENT_ROWS } from './continuityClients';
import { settledFor } from './continuitySettled';
import { sharedWhileRunning } from './sharedFigureRead';
import { now } from '../time/clock';

/**
 * The three Measures in one statement (they are one pass over the period's visits), over the
 * client rows of the window (`continuityClients.ts`: from the kept period or the facts),
 * filtered ($3–$5; $6 the minimum per client). Only hash aggregation: the clients counted are
 * grouped with their municipality and age group into `cell`s by all that their figures depend
 * on, so that the stratifiers group a few hundred rows (a region's year, docs/PRODUCTION.md:
 * 360 000 client rows, some 650 cells).
 * A stratum's professionals matter only as one or more (a stratum where all met one is marked,
 * decision 021): one when its first and last professional are the same.
 */
const CONTINUITY_FAMILY = `
  ${CLIENT_ROWS}, cell AS (
    -- \`pt\`: a client row with the client's columns (NULL when they have no fact).
    SELECT pt.unit, pt.profession, ${clientColumns('pt', "($2::timestamptz - interval '1 second')")}, pt.listed,
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
  const settled = await settledFor(db, window, now());
  const r = await figureQuery<{ measure: string; stratifier: IndicatorStratifier | null; value: string; k: string | null; n: number }>(
    db,
    `WITH ${CONTINUITY_FAMILY}
     SELECT measure, ${stratifier} AS stratifier, ${value} AS value, k, sum(n)::int AS n
       FROM x GROUP BY measure, GROUPING SETS (${sets})
     UNION ALL
     SELECT measure, ${stratifier}, ${value}, '#professionals', CASE WHEN min(first_met) = max(last_met) THEN 1 ELSE 2 END
       FROM x WHERE first_met IS NOT NULL GROUP BY measure, GROUPING SETS (${wholeAndEach})`,
    [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null, MIN_VISITS_FOR_CONTINUITY, settled],
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

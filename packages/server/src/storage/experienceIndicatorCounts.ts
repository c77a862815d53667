/**
 * The counts behind the feedback Measure (net-promoter-score; decisions 015 and 034): the
 * stored client-feedback answers (QuestionnaireResponses of the feedback questionnaire, any
 * version) of the months the window touches, each in the group of its 0–10 recommendation
 * (promoter 9–10, passive 7–8, detractor 0–6, as domain/feedback/netPromoterScore.ts).
 *
 * An answer carries only its context (month, unit, profession), never the resident, so there
 * is no municipality or age group. They are read from the answers' figure fact (migration 043).
 * Its unit is the Organization managing the Location it names (or what it names), as for the
 * visit Measures.
 */
import type { SqlExecutor } from '../db/database';
import { LOCATION_UNITS, type IndicatorCountRow, type IndicatorFilters, type IndicatorStratifier, type IndicatorWindow } from './indicatorCounts';
import { groupedCounts } from './indicatorGrouping';

/** The Helsinki month (YYYY-MM) of an instant. */
const month = (instant: string) => `to_char(${instant} AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM')`;

/** The answers from their figure fact (migration 043, decision 037), not from their documents. */
const ANSWERS = `
  f AS (
    SELECT COALESCE(l.organization, a.named_unit, 'unknown') AS unit,
           'unknown' AS municipality, 'unknown' AS age_group, COALESCE(a.profession, 'unknown') AS profession,
           CASE WHEN a.recommend >= 9 THEN 'promoter' WHEN a.recommend >= 7 THEN 'passive' ELSE 'detractor' END AS k
      FROM feedback_fact a
      LEFT JOIN ${LOCATION_UNITS} l ON l.ref = a.named_unit
     WHERE a.questionnaire = $6 AND a.recommend BETWEEN 0 AND 10
       AND a.month >= ${month('$1::timestamptz')} AND a.month <= ${month("($2::timestamptz - interval '1 second')")}
  )`;

export const EXPERIENCE_MEASURE_IDS = ['net-promoter-score'];

export async function experienceIndicatorCounts(
  db: SqlExecutor,
  id: string,
  window: IndicatorWindow,
  stratifiers: readonly IndicatorStratifier[],
  filters: IndicatorFilters,
  questionnaire: string,
): Promise<IndicatorCountRow[]> {
  if (!EXPERIENCE_MEASURE_IDS.includes(id)) throw new Error(`no feedback count for ${id}`);
  return groupedCounts(db, {
    with: ANSWERS,
    // Filters on the answer's columns ($4, the municipality, matches nothing an answer has).
    rows: `SELECT unit, municipality, age_group, profession, k, 1 AS n FROM f
            WHERE ($3::text IS NULL OR unit = $3) AND ($4::text IS NULL OR municipality = $4) AND ($5::text IS NULL OR profession = $5)`,
    stratifiers,
    params: [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null, questionnaire],
  });
}

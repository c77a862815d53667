/**
 * The counts behind the feedback Measure (net-promoter-score; decisions 015 and 034): the
 * stored client-feedback answers (QuestionnaireResponses of the feedback questionnaire, any
 * version) of the months the window touches, each in the group of its 0–10 recommendation
 * (promoter 9–10, passive 7–8, detractor 0–6, as domain/feedback/netPromoterScore.ts).
 *
 * An answer carries only its context (month, unit, profession), never the resident, so there
 * is no municipality or age group. Its unit is the Organization managing the Location it names
 * (or what it names), as for the visit Measures.
 */
import type { SqlExecutor } from '../db/database';
import type { IndicatorCountRow, IndicatorFilters, IndicatorStratifier, IndicatorWindow } from './indicatorCounts';
import { groupedCounts } from './indicatorGrouping';

const CONTEXT_URL = 'https://fhir.ovi.fi/StructureDefinition/feedback-context';
const part = (name: string, value: string) => `jsonb_path_query_first(r.content, '$.extension[*] ? (@.url == "${CONTEXT_URL}").extension[*] ? (@.url == "${name}").${value}') #>> '{}'`;
/** The Helsinki month (YYYY-MM) of an instant. */
const month = (instant: string) => `to_char(${instant} AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM')`;

const ANSWERS = `
  a AS (
    SELECT ${part('unit', 'valueReference.reference')} AS named_unit,
           COALESCE(${part('profession', 'valueCoding.code')}, 'unknown') AS profession,
           left(${part('month', 'valueDate')}, 7) AS month,
           (SELECT (i #>> '{answer,0,valueInteger}')::int FROM jsonb_array_elements(r.content -> 'item') i WHERE i ->> 'linkId' = 'recommend' LIMIT 1) AS recommend
      FROM resource r
     WHERE r.resource_type = 'QuestionnaireResponse' AND split_part(r.content ->> 'questionnaire', '|', 1) = $6
  ), f AS (
    SELECT COALESCE(l.content #>> '{managingOrganization,reference}', a.named_unit, 'unknown') AS unit,
           'unknown' AS municipality, 'unknown' AS age_group, a.profession,
           CASE WHEN a.recommend >= 9 THEN 'promoter' WHEN a.recommend >= 7 THEN 'passive' ELSE 'detractor' END AS k
      FROM a LEFT JOIN resource l ON l.resource_type = 'Location' AND l.id = substring(a.named_unit FROM '^Location/(.+)$')
     WHERE a.recommend BETWEEN 0 AND 10
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

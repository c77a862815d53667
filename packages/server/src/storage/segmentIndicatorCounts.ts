/**
 * The counts behind the segment-mix Measure (decisions 030 and 034): every client with a final
 * client-segment Observation made before the window's end, in the segment of their latest one
 * (as storage/segmentationReads.ts reads the latest segments for the managers' table, here as
 * of a date). Unit: the client's own station (first Organization in generalPractitioner);
 * municipality and age group on the window's last day; no profession.
 */
import { SEGMENTATION_SYSTEMS, SEGMENT_OBSERVATION_CODE } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { IndicatorCountRow, IndicatorFilters, IndicatorStratifier, IndicatorWindow } from './indicatorCounts';
import { clientColumnsAt, groupedCounts } from './indicatorGrouping';

const LATEST = `
  latest AS (
    SELECT DISTINCT ON (st.value) st.value AS patient, o.content #>> '{valueCodeableConcept,coding,0,code}' AS segment
      FROM resource o
      JOIN search_token st ON st.resource_type = 'Observation' AND st.resource_id = o.id AND st.param = 'subject'
     WHERE o.resource_type = 'Observation' AND o.content #>> '{code,coding,0,system}' = $6 AND o.content #>> '{code,coding,0,code}' = $7
       AND o.content ->> 'status' = 'final'
       AND ovi_instant(o.content ->> 'effectiveDateTime') < $2::timestamptz AND $1::timestamptz IS NOT NULL
     ORDER BY st.value, ovi_instant(o.content ->> 'effectiveDateTime') DESC
  ), f AS (
    SELECT COALESCE((SELECT g ->> 'reference' FROM jsonb_array_elements(p.content -> 'generalPractitioner') g WHERE g ->> 'reference' LIKE 'Organization/%' LIMIT 1), 'unknown') AS unit,
           ${clientColumnsAt('p.content', "($2::timestamptz - interval '1 second')")},
           'unknown' AS profession, l.segment AS k
      FROM latest l
      JOIN resource p ON p.resource_type = 'Patient' AND p.id = substring(l.patient FROM '^Patient/(.+)$')
  )`;

export const SEGMENT_MEASURE_IDS = ['segment-mix'];

export async function segmentIndicatorCounts(
  db: SqlExecutor,
  id: string,
  window: IndicatorWindow,
  stratifiers: readonly IndicatorStratifier[],
  filters: IndicatorFilters,
): Promise<IndicatorCountRow[]> {
  if (!SEGMENT_MEASURE_IDS.includes(id)) throw new Error(`no segment count for ${id}`);
  return groupedCounts(db, {
    with: LATEST,
    // A profession filter matches no client (a segment has none).
    rows: `SELECT unit, municipality, age_group, profession, k, 1 AS n FROM f
            WHERE ($3::text IS NULL OR unit = $3) AND ($4::text IS NULL OR municipality = $4) AND ($5::text IS NULL OR profession = $5)`,
    stratifiers,
    params: [window.start.toISOString(), window.end.toISOString(), filters.unit ?? null, filters.municipality ?? null, filters.profession ?? null, SEGMENTATION_SYSTEMS.observation, SEGMENT_OBSERVATION_CODE],
  });
}

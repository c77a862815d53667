/**
 * The shared tail of the Measures counted outside `indicatorCounts.ts` (continuity, feedback;
 * decision 034): rows (unit, municipality, age_group, profession, k, n) grouped into the whole
 * and one set per stratifier, and optionally the distinct professionals per stratum, in the same
 * (stratifier, value, k, n) shape that `measures/indicators.ts` reads.
 */
import { EXTENSIONS } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { IndicatorCountRow, IndicatorStratifier } from './indicatorCounts';
import { figureQuery } from './figureSession';

const COLUMN: Record<IndicatorStratifier, string> = { unit: 'unit', municipality: 'municipality', 'age-group': 'age_group', profession: 'profession' };

/**
 * The client's municipality and age group from a Patient's content `pc` on the Helsinki date
 * of instant `at`: the bands of domain/measures/ageGroups.ts, as indicatorCounts.ts reads them.
 */
export const clientColumnsAt = (pc: string, at: string) => `
  COALESCE((SELECT e #>> '{valueCoding,code}' FROM jsonb_array_elements(${pc} -> 'extension') e WHERE e ->> 'url' = '${EXTENSIONS.municipality}' LIMIT 1), 'unknown') AS municipality,
  COALESCE(ovi_age_group((${at} AT TIME ZONE 'Europe/Helsinki')::date,
                         CASE WHEN ${pc} ->> 'birthDate' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN (${pc} ->> 'birthDate')::date END), 'unknown') AS age_group`;

export interface GroupedQuery {
  /** CTEs (without the leading WITH). */
  with: string;
  /** A SELECT of (unit, municipality, age_group, profession, k, n) over the CTEs. */
  rows: string;
  /** A CTE of (unit, municipality, age_group, profession, owner) whose distinct owners per stratum are counted. */
  professionals?: string;
  stratifiers: readonly IndicatorStratifier[];
  params: unknown[];
}

/**
 * The GROUP BY parts for rows of (unit, municipality, age_group, profession, k): `columns`, the
 * stratifiers' columns; `sets`, the whole and one set per stratifier, each by k; `wholeAndEach`,
 * the same without k; `stratifier` and `value`, which set and value a grouped row is.
 */
export function groupingOf(stratifiers: readonly IndicatorStratifier[]): { columns: string[]; stratifier: string; value: string; sets: string; wholeAndEach: string } {
  const columns = stratifiers.map((s) => COLUMN[s]);
  return {
    columns,
    stratifier: `CASE ${stratifiers.map((s) => `WHEN GROUPING(${COLUMN[s]}) = 0 THEN '${s}'`).join(' ')} END`,
    value: `COALESCE(${[...columns, "''"].join(', ')})`,
    sets: ['(k)', ...columns.map((c) => `(${c}, k)`)].join(', '),
    wholeAndEach: ['()', ...columns.map((c) => `(${c})`)].join(', '),
  };
}

export async function groupedCounts(db: SqlExecutor, q: GroupedQuery): Promise<IndicatorCountRow[]> {
  const { columns, stratifier: stratifierOf, value: valueOf, sets, wholeAndEach } = groupingOf(q.stratifiers);
  const professionals = q.professionals
    ? `UNION ALL
       SELECT ${stratifierOf}, ${valueOf}, '#professionals', count(DISTINCT owner)::int
         -- Each professional once per stratum first (hashed), then the sets sort those few rows,
         -- not every row of the period once per set.
         FROM (SELECT DISTINCT ${[...columns, 'owner'].join(', ')} FROM ${q.professionals}) d
        GROUP BY GROUPING SETS (${wholeAndEach})`
    : '';
  // As every figure over a period: more memory for its hashes, no JIT (figureSession.ts).
  const r = await figureQuery<{ stratifier: IndicatorStratifier | null; value: string; k: string | null; n: number }>(
    db,
    `WITH ${q.with}, x AS (${q.rows})
     SELECT ${stratifierOf} AS stratifier, ${valueOf} AS value, k::text AS k, sum(n)::int AS n
       FROM x GROUP BY GROUPING SETS (${sets})
     ${professionals}`,
    q.params,
  );
  return r.rows.map((row) => ({ stratifier: row.stratifier ?? null, value: row.value ?? '', k: row.k, n: Number(row.n) }));
}

/**
 * The read behind the continuity-of-care figures (scheduling/continuityReport.ts, decision 021),
 * done in the database so that a year of a region's visits comes back as a few hundred rows:
 * the client rows of `continuityClients.ts` (each client's N, Σ n_i², max n_i per unit and
 * profession, from a kept period or the facts) are grouped into cells of alike clients — the
 * cells of `continuityCells` in `@ovi/domain/src/continuity.ts`, whose definition this follows —
 * and into each unit and profession's own-team visits and professionals, in the statement of
 * the continuity Measures (`continuityIndicatorCounts.ts`), which a page's panels and table
 * share. The formulas (UPC, COCI) are applied to the cells in domain code only.
 *
 * The unit is the dashboard's (the Organization managing the visit's Location), so the table
 * shows the units the continuity Measures stratify and filter by. A group's professionals are
 * counted as 0, 1 or 2 (two or more): they only decide whether it rests on one professional
 * (`figureScope`).
 */
import type { ContinuityCell, ContinuityGroupFacts } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { continuityFamilyOf } from './continuityIndicatorCounts';

/** The table's cells and groups over `window`: read with the continuity Measures, unfiltered. */
export async function realisedVisitContinuity(db: SqlExecutor, window: { start: Date; end: Date }): Promise<{ cells: ContinuityCell[]; groups: ContinuityGroupFacts[] }> {
  const { cells, groups } = await continuityFamilyOf(db, window, {});
  return { cells, groups };
}

import { MIN_VISITS_FOR_CONTINUITY, publishedContinuityGroups, type PublishedContinuityGroup } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import { unitName } from './accessReport';

export interface ContinuityReport {
  /** A client counts from this many realised visits in the unit and profession in the period. */
  minVisits: number;
  /** Per unit and profession (decision 021); hidden parts are null. */
  groups: Array<PublishedContinuityGroup & { unitName?: string }>;
}

/**
 * Continuity of care as managers see it (definitions: decision 021; disclosure: `smallNumbers.ts`):
 * per unit and profession, over the visits realised in the window (cancelled and not-come ones
 * left out), the mean UPC and COCI of the clients with at least `minVisits` visits there, how
 * many clients had fewer, and the share of visits with the client's own professional or team.
 * The database groups the visits per client and professional; the formulas are the domain's.
 */
export async function continuityReport(store: ResourceStore, window: { start: Date; end: Date }): Promise<ContinuityReport> {
  const { cells, groups } = await store.realisedVisitContinuity(window);
  const names = new Map<string, string | undefined>();
  const published = [];
  // One after another: the names are few and cached, and the store's pool stays free.
  for (const g of publishedContinuityGroups(cells, groups)) published.push({ ...g, ...(await unitName(store, g.unit, names)) });
  return { minVisits: MIN_VISITS_FOR_CONTINUITY, groups: published };
}

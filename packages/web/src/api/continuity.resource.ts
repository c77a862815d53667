/**
 * Continuity of care for managers (`GET /api/access/continuity`, decision 021). Counts are
 * rounded to the nearest 5; `null` = hidden (fewer than 5 clients, or a share whose part or
 * rest is under 5).
 */
import { api } from './client';

/** One unit and profession over the period's realised visits. */
export interface ContinuityGroup {
  unit: string;
  unitName: string;
  profession: string;
  /** Clients with at least `minVisits` visits (the ones the means describe). */
  clients: number | null;
  /** Clients left out with fewer visits. */
  clientsWithFewerVisits: number | null;
  visits: number | null;
  meanUpc: number | null;
  meanCoci: number | null;
  ownTeamShare: number | null;
  scope: 'team' | 'one-professional';
}

export interface ContinuityFigures {
  period: { from: string; to: string; preset?: string };
  minVisits: number;
  groups: ContinuityGroup[];
}

interface RawContinuity {
  period?: { from: string; to: string; preset?: string };
  minVisits?: number;
  groups?: Array<Partial<ContinuityGroup>> | null;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `search`: the period's query string ('?period=last-month', '?from=…&to=…' or ''). */
export async function fetchContinuity(search: string): Promise<ContinuityFigures> {
  const raw = await api.get<RawContinuity>(`/api/access/continuity${search}`);
  return {
    period: raw.period ?? { from: '', to: '' },
    minVisits: numberOrNull(raw.minVisits) ?? 2,
    groups: (Array.isArray(raw.groups) ? raw.groups : []).map((g) => ({
      unit: g.unit ?? '',
      unitName: g.unitName ?? g.unit ?? '',
      profession: g.profession ?? '',
      clients: numberOrNull(g.clients),
      clientsWithFewerVisits: numberOrNull(g.clientsWithFewerVisits),
      visits: numberOrNull(g.visits),
      meanUpc: numberOrNull(g.meanUpc),
      meanCoci: numberOrNull(g.meanCoci),
      ownTeamShare: numberOrNull(g.ownTeamShare),
      scope: g.scope === 'one-professional' ? 'one-professional' : 'team',
    })),
  };
}

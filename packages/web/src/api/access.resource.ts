/**
 * Access measures for managers (`GET /api/access/measures`). The number of waits is rounded to
 * the nearest 5; `null` = hidden (fewer than 5 waits, a share whose part or rest is under 5, or a
 * median / 90th percentile with fewer than 5 waits on either side of it).
 */
import { api } from './client';

export interface T3Row {
  unit: string;
  unitName: string;
  profession: string;
  /** Days to the third free non-urgent time; null when the group is hidden. */
  t3Days: number | null;
  professionals: number | null;
  /** Professionals with fewer than three free times in the horizon (fully booked included), counted at the cap. */
  atCap: number | null;
  /** 'one-professional': the unit has one such professional, so this is that person's T3, not a unit median. */
  scope: 'team' | 'one-professional';
}

/** Waits from the need assessment to the realised visit of one unit, profession and urgency (decision 018). */
export interface WaitingGroup {
  unit: string;
  unitName: string;
  profession: string;
  /** Assessed urgency, or 'no-assessment' (self-booked and the like, counted from the booking). */
  urgency: string;
  visits: number | null;
  medianDays: number | null;
  p90Days: number | null;
  withinLegalShare: number | null;
  withinRegionalShare: number | null;
  scope: 'team' | 'one-professional';
}

export interface AccessMeasures {
  /** The period of the waiting times (visits realised in it). */
  period: { from: string; to: string; preset?: string };
  measuredAt?: string;
  t3CapDays: number;
  t3: T3Row[];
  waiting: WaitingGroup[];
}

interface RawMeasures {
  period?: { from: string; to: string; preset?: string };
  measuredAt?: string;
  t3?: Array<Partial<T3Row>>;
  t3CapDays?: number;
  waiting?: Array<Partial<WaitingGroup>> | null;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * `search`: the period's query string ('?period=last-month', '?from=…&to=…' or ''); `include`:
 * the one part a panel shows (T3 is measured now whatever the period), so that a page with
 * both panels has each computed once.
 */
export async function fetchAccessMeasures(search: string, include: 't3' | 'waiting'): Promise<AccessMeasures> {
  const raw = await api.get<RawMeasures>(`/api/access/measures${search ? `${search}&` : '?'}include=${include}`);
  return {
    period: raw.period ?? { from: '', to: '' },
    measuredAt: raw.measuredAt,
    t3: (raw.t3 ?? []).map((r) => ({
      unit: r.unit ?? '',
      unitName: r.unitName ?? r.unit ?? '',
      profession: r.profession ?? '',
      t3Days: numberOrNull(r.t3Days),
      professionals: numberOrNull(r.professionals),
      atCap: numberOrNull(r.atCap),
      scope: r.scope === 'one-professional' ? 'one-professional' : 'team',
    })),
    t3CapDays: numberOrNull(raw.t3CapDays) ?? 182,
    waiting: (Array.isArray(raw.waiting) ? raw.waiting : []).map((g) => ({
      unit: g.unit ?? '',
      unitName: g.unitName ?? g.unit ?? '',
      profession: g.profession ?? '',
      urgency: g.urgency ?? '',
      visits: numberOrNull(g.visits),
      medianDays: numberOrNull(g.medianDays),
      p90Days: numberOrNull(g.p90Days),
      withinLegalShare: numberOrNull(g.withinLegalShare),
      withinRegionalShare: numberOrNull(g.withinRegionalShare),
      scope: g.scope === 'one-professional' ? 'one-professional' : 'team',
    })),
  };
}

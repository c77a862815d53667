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
  /** 'one-professional': the unit has one such professional, so this is that person's T3, not a unit median. */
  scope: 'team' | 'one-professional';
}

export interface WaitingFigures {
  count: number | null;
  medianDays: number | null;
  p90Days: number | null;
  withinDeadlineShare: number | null;
}

export interface AccessMeasures {
  /** The period of the waiting times (contacts that arrived in it). */
  period: { from: string; to: string; preset?: string };
  measuredAt?: string;
  t3: T3Row[];
  waiting: WaitingFigures;
}

interface RawMeasures {
  period?: { from: string; to: string; preset?: string };
  measuredAt?: string;
  t3?: Array<Partial<T3Row>>;
  waiting?: Partial<WaitingFigures> | null;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `search`: the period's query string ('?period=last-month', '?from=…&to=…' or ''). */
export async function fetchAccessMeasures(search: string): Promise<AccessMeasures> {
  const raw = await api.get<RawMeasures>(`/api/access/measures${search}`);
  return {
    period: raw.period ?? { from: '', to: '' },
    measuredAt: raw.measuredAt,
    t3: (raw.t3 ?? []).map((r) => ({
      unit: r.unit ?? '',
      unitName: r.unitName ?? r.unit ?? '',
      profession: r.profession ?? '',
      t3Days: numberOrNull(r.t3Days),
      professionals: numberOrNull(r.professionals),
      scope: r.scope === 'one-professional' ? 'one-professional' : 'team',
    })),
    waiting: {
      count: numberOrNull(raw.waiting?.count),
      medianDays: numberOrNull(raw.waiting?.medianDays),
      p90Days: numberOrNull(raw.waiting?.p90Days),
      withinDeadlineShare: numberOrNull(raw.waiting?.withinDeadlineShare),
    },
  };
}

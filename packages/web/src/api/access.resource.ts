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
}

export interface WaitingFigures {
  count: number | null;
  medianDays: number | null;
  p90Days: number | null;
  withinDeadlineShare: number | null;
}

export interface AccessMeasures {
  measuredAt?: string;
  t3: T3Row[];
  waiting: WaitingFigures;
}

interface RawMeasures {
  measuredAt?: string;
  t3?: Array<Partial<T3Row>>;
  waiting?: Partial<WaitingFigures> | null;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function fetchAccessMeasures(): Promise<AccessMeasures> {
  const raw = await api.get<RawMeasures>('/api/access/measures');
  return {
    measuredAt: raw.measuredAt,
    t3: (raw.t3 ?? []).map((r) => ({
      unit: r.unit ?? '',
      unitName: r.unitName ?? r.unit ?? '',
      profession: r.profession ?? '',
      t3Days: numberOrNull(r.t3Days),
      professionals: numberOrNull(r.professionals),
    })),
    waiting: {
      count: numberOrNull(raw.waiting?.count),
      medianDays: numberOrNull(raw.waiting?.medianDays),
      p90Days: numberOrNull(raw.waiting?.p90Days),
      withinDeadlineShare: numberOrNull(raw.waiting?.withinDeadlineShare),
    },
  };
}

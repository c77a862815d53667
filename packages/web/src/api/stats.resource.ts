/**
 * The manager's figures (`GET /api/guidance/stats`). Counts are rounded to the nearest 5;
 * `null` = hidden: a group under 5 (0 included), or one that would let a hidden group be
 * worked out by subtraction from a total. Shares are computed from the rounded counts.
 */
import { api } from './client';

export type Count = number | null;

/** The period figures cover, as the server used it (Helsinki days, both included). */
export interface FigurePeriod {
  from: string;
  to: string;
  preset?: string;
}

/** The figures of the equal stretch just before, to compare with. */
export interface PreviousFigures {
  period: FigurePeriod;
  contacts: Count;
  open: Count;
  firstContactResolutionShare: number | null;
  withinDeadlineShare: number | null;
  assessedSameDayShare: number | null;
}

export interface GuidanceStats {
  period: FigurePeriod;
  /** 'one-professional': one person handled every contact; the handling figures are then hidden (not a team figure). */
  handledBy: 'team' | 'one-professional' | 'none';
  previous?: PreviousFigures;
  contacts: Count;
  open: Count;
  byOutcome: Record<string, Count>;
  byUrgency: Record<string, Count>;
  firstContactResolutionShare: number | null;
  withinDeadlineShare: number | null;
  /** Contacts a professional assessed on the weekday they arrived (the law's same-day assessment). */
  assessedSameDayShare: number | null;
}

const shareOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `search`: the period's query string ('?period=last-month', '?from=…&to=…' or ''). */
export async function fetchStats(search: string): Promise<GuidanceStats> {
  const s = await api.get<Partial<GuidanceStats>>(`/api/guidance/stats${search}`);
  const p = s.previous;
  return {
    period: s.period ?? { from: '', to: '' },
    handledBy: s.handledBy ?? 'team',
    ...(p?.period
      ? {
          previous: {
            period: p.period,
            contacts: shareOrNull(p.contacts),
            open: shareOrNull(p.open),
            firstContactResolutionShare: shareOrNull(p.firstContactResolutionShare),
            withinDeadlineShare: shareOrNull(p.withinDeadlineShare),
            assessedSameDayShare: shareOrNull(p.assessedSameDayShare),
          },
        }
      : {}),
    contacts: s.contacts ?? null,
    open: s.open ?? null,
    byOutcome: s.byOutcome ?? {},
    byUrgency: s.byUrgency ?? {},
    firstContactResolutionShare: s.firstContactResolutionShare ?? null,
    withinDeadlineShare: s.withinDeadlineShare ?? null,
    assessedSameDayShare: s.assessedSameDayShare ?? null,
  };
}

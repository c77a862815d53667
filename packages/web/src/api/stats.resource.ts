/**
 * The manager's figures (`GET /api/guidance/stats`). Counts are rounded to the nearest 5;
 * `null` = hidden: a group under 5 (0 included), or one that would let a hidden group be
 * worked out by subtraction from a total. Shares are computed from the rounded counts.
 */
import { api } from './client';

export type Count = number | null;

export interface GuidanceStats {
  contacts: Count;
  open: Count;
  byOutcome: Record<string, Count>;
  byUrgency: Record<string, Count>;
  firstContactResolutionShare: number | null;
  withinDeadlineShare: number | null;
  /** Contacts a professional assessed on the weekday they arrived (the law's same-day assessment). */
  assessedSameDayShare: number | null;
}

export async function fetchStats(): Promise<GuidanceStats> {
  const s = await api.get<Partial<GuidanceStats>>('/api/guidance/stats');
  return {
    contacts: s.contacts ?? null,
    open: s.open ?? null,
    byOutcome: s.byOutcome ?? {},
    byUrgency: s.byUrgency ?? {},
    firstContactResolutionShare: s.firstContactResolutionShare ?? null,
    withinDeadlineShare: s.withinDeadlineShare ?? null,
    assessedSameDayShare: s.assessedSameDayShare ?? null,
  };
}

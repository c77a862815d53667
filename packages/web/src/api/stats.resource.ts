/** The manager's figures (`GET /api/guidance/stats`); `null` = a group under 5, hidden. */
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

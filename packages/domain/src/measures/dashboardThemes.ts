/**
 * The managers' dashboard pages (decision 028): one page per theme, each indicator shown by one
 * stratifier. The web app draws its pages from this list and the benchmark times each page
 * with exactly these indicators (`bench/dashboardIndicators.ts`), so the two cannot drift.
 */
import type { Stratifier } from './indicatorCatalogue';

export const DASHBOARD_THEMES = ['access', 'demand', 'continuity', 'experience', 'equality'] as const;
export type DashboardTheme = (typeof DASHBOARD_THEMES)[number];

/** Which indicators each theme shows, and by which stratifier. */
export const THEME_PANELS: Readonly<Record<DashboardTheme, ReadonlyArray<{ id: string; by: Stratifier }>>> = {
  access: [
    { id: 'within-regional-limit', by: 'unit' },
    { id: 'within-legal-limit', by: 'unit' },
    { id: 'time-to-visit', by: 'unit' },
    { id: 'time-to-assessment', by: 'unit' },
    { id: 'assessed-same-weekday', by: 'unit' },
    { id: 'first-contact-resolution', by: 'unit' },
    { id: 'digital-share', by: 'unit' },
  ],
  demand: [
    { id: 'visit-demand', by: 'profession' },
    { id: 'booked-time-share', by: 'profession' },
    { id: 'booked-time-share', by: 'unit' },
    { id: 'segment-mix', by: 'municipality' },
  ],
  continuity: [
    { id: 'usual-provider-continuity', by: 'unit' },
    { id: 'continuity-of-care-index', by: 'profession' },
    { id: 'own-team-visits', by: 'unit' },
  ],
  experience: [
    { id: 'net-promoter-score', by: 'unit' },
    { id: 'self-monitoring-reach', by: 'unit' },
  ],
  equality: [
    { id: 'within-regional-limit', by: 'municipality' },
    { id: 'time-to-visit', by: 'age-group' },
    { id: 'digital-share', by: 'age-group' },
    { id: 'first-contact-resolution', by: 'municipality' },
  ],
};

/**
 * The manager's dashboard as the benchmark sees it: a list of named indicators, each evaluated
 * over a period the way the page asks for it. The ones here are today's figure endpoints,
 * called through the real routes (authentication, access check, audit and JSON included).
 * More indicators join by adding to the list: the FHIR Measures (`measures/indicators.ts`,
 * `$evaluate-measure`) become one entry each, e.g.
 * `{ name: 'measure: digital share', evaluate: (c) => c.get('/fhir/R4/Measure/digital-share/$evaluate-measure?…') }`.
 */
import { DASHBOARD_THEMES, THEME_PANELS, type DashboardTheme } from '@ovi/domain';
import type { Ovi } from '../src/app';
import { INDICATOR_LIST } from '../src/measures/indicators';

export interface DashboardPeriod {
  /** Helsinki dates, both included. */
  from: string;
  to: string;
}

export interface DashboardContext {
  ovi: Ovi;
  period: DashboardPeriod;
  /** GET through the server's routes as the manager; throws unless 200. */
  get(path: string): Promise<unknown>;
}

export interface DashboardIndicator {
  name: string;
  evaluate(context: DashboardContext): Promise<unknown>;
}

const range = (p: DashboardPeriod) => `from=${p.from}&to=${p.to}`;

/** Every manager indicator that exists today. */
export const EXISTING_INDICATORS: DashboardIndicator[] = [
  { name: 'access: T3 (measured now)', evaluate: (c) => c.get('/api/access/measures?include=t3') },
  { name: 'access: waiting times', evaluate: (c) => c.get(`/api/access/measures?${range(c.period)}&include=waiting`) },
  { name: 'continuity: UPC, COCI, own team', evaluate: (c) => c.get(`/api/access/continuity?${range(c.period)}`) },
  { name: 'guidance statistics (and the period before)', evaluate: (c) => c.get(`/api/guidance/stats?${range(c.period)}`) },
  { name: 'feedback results', evaluate: (c) => c.get(`/api/feedback/results?from=${c.period.from.slice(0, 7)}&to=${c.period.to.slice(0, 7)}`) },
  { name: 'demand and capacity by week', evaluate: (c) => c.get(`/api/demand-capacity?periodStart=${c.period.from}&periodEnd=${c.period.to}`) },
  { name: 'high-need clients (segment counts)', evaluate: (c) => c.get('/api/high-need/summary?lang=fi') },
  { name: 'shared plans: outcomes', evaluate: (c) => c.get('/api/care-plans/outcomes') },
];

/** The period as the dashboard's indicator requests carry it (a chosen period: both days). */
const measureQuery = (p: DashboardPeriod) => `periodStart=${p.from}&periodEnd=${p.to}`;

/**
 * Every Measure as the dashboard asks for it: `GET /api/measures/{id}` (the period and the one
 * before it, for the trend), not `$evaluate-measure` alone.
 */
export const MEASURE_INDICATORS: DashboardIndicator[] = INDICATOR_LIST.map((m) => ({
  name: `measure: ${m.id}`,
  evaluate: (c) => c.get(`/api/measures/${m.id}?${measureQuery(c.period)}`),
}));

/** Every figure a manager's page can show. */
export const DASHBOARD_INDICATORS: DashboardIndicator[] = [...EXISTING_INDICATORS, ...MEASURE_INDICATORS];

/**
 * The requests each theme page of the web app makes when it opens over a chosen period
 * (`DashboardPage.tsx`): its panels' Measures (one request each; a Measure shown twice, by unit
 * and by profession, is asked once: `fetchIndicator` joins a request under way) and the older
 * figures folded into it.
 */
const THEME_EXTRAS: Record<DashboardTheme, (p: DashboardPeriod) => string[]> = {
  // T3 (measured now, as its panel asks) and the waiting times of the period, each alone.
  access: (p) => ['/api/access/measures?include=t3', `/api/access/measures?${range(p)}&include=waiting`],
  demand: (p) => [`/api/demand-capacity?${measureQuery(p)}`, `/api/guidance/stats?${range(p)}`, '/api/high-need/summary?lang=fi'],
  continuity: (p) => [`/api/access/continuity?${range(p)}`, '/api/care-plans/outcomes'],
  experience: () => [],
  equality: () => [],
};

export const THEME_PAGES: DashboardIndicator[] = DASHBOARD_THEMES.map((theme) => ({
  name: `page: ${theme}`,
  evaluate: (c) =>
    Promise.all([
      ...new Set(THEME_PANELS[theme].map((panel) => `/api/measures/${panel.id}?${measureQuery(c.period)}`)),
      ...THEME_EXTRAS[theme](c.period),
    ].map((path) => c.get(path))),
}));

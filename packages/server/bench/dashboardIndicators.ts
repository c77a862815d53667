/**
 * The manager's dashboard as the benchmark sees it: a list of named indicators, each evaluated
 * over a period the way the page asks for it. The ones here are today's figure endpoints,
 * called through the real routes (authentication, access check, audit and JSON included).
 * More indicators join by adding to the list: the FHIR Measures (`measures/indicators.ts`,
 * `$evaluate-measure`) become one entry each, e.g.
 * `{ name: 'measure: digital share', evaluate: (c) => c.get('/fhir/R4/Measure/digital-share/$evaluate-measure?…') }`.
 */
import type { Ovi } from '../src/app';

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
  { name: 'access: T3 and waiting times', evaluate: (c) => c.get(`/api/access/measures?${range(c.period)}`) },
  { name: 'continuity: UPC, COCI, own team', evaluate: (c) => c.get(`/api/access/continuity?${range(c.period)}`) },
  { name: 'guidance statistics (and the period before)', evaluate: (c) => c.get(`/api/guidance/stats?${range(c.period)}`) },
  { name: 'feedback results', evaluate: (c) => c.get(`/api/feedback/results?from=${c.period.from.slice(0, 7)}&to=${c.period.to.slice(0, 7)}`) },
];

/**
 * Likely high-need clients (pure): which of the configured criteria a client's facts meet.
 * The facts come from the data (storage/highNeedReads.ts); a fact from a register the reader
 * may not see arrives as null and its criterion is "not known", never met (decision 030).
 * The list only suggests whom to talk to about a shared plan; it decides nothing.
 */
import { SEGMENTS, isSegment, type Segment } from './segments';

export const HIGH_NEED_SETTING = 'high-need';

export const HIGH_NEED_CRITERIA = ['many-contacts', 'several-services', 'both-registers', 'segment'] as const;
export type HighNeedCriterion = (typeof HIGH_NEED_CRITERIA)[number];

export interface HighNeedSettings {
  /** How far back contacts and visits count. */
  periodMonths: number;
  /** Contacts and visits together in the period. */
  minContacts: number;
  /** Different services and professions met in the period. */
  minServices: number;
  /** Whether open matters in both registers is a criterion. */
  bothRegisters: boolean;
  /** Latest segments that count as a criterion (empty: segments are not used). */
  segments: Segment[];
  /** How many criteria a client must meet to be listed. */
  minCriteria: number;
  /** Leave out clients who already have an active shared plan. */
  withoutPlanOnly: boolean;
}

export const DEFAULT_HIGH_NEED_SETTINGS: HighNeedSettings = {
  periodMonths: 12,
  minContacts: 10,
  minServices: 3,
  bothRegisters: true,
  segments: ['network'],
  minCriteria: 2,
  withoutPlanOnly: false,
};

export interface HighNeedFacts {
  contacts: number;
  visits: number;
  /** Different services and professions. */
  services: number;
  openHealth: number | null;
  openSocial: number | null;
  latestSegment?: Segment;
  hasSharedPlan: boolean;
}

export interface CriterionResult {
  id: HighNeedCriterion;
  /** true met, false not met, null not known (the other register without consent). */
  met: boolean | null;
}

export interface HighNeedEvaluation {
  criteria: CriterionResult[];
  metCount: number;
  listed: boolean;
}

export function evaluateHighNeed(facts: HighNeedFacts, settings: HighNeedSettings): HighNeedEvaluation {
  const criteria: CriterionResult[] = [
    { id: 'many-contacts', met: facts.contacts + facts.visits >= settings.minContacts },
    { id: 'several-services', met: facts.services >= settings.minServices },
  ];
  if (settings.bothRegisters) {
    const known = facts.openHealth !== null && facts.openSocial !== null;
    criteria.push({ id: 'both-registers', met: known ? (facts.openHealth as number) > 0 && (facts.openSocial as number) > 0 : null });
  }
  if (settings.segments.length > 0) criteria.push({ id: 'segment', met: facts.latestSegment !== undefined && settings.segments.includes(facts.latestSegment) });
  const metCount = criteria.filter((c) => c.met === true).length;
  const listed = metCount >= settings.minCriteria && !(settings.withoutPlanOnly && facts.hasSharedPlan);
  return { criteria, metCount, listed };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function whole(value: unknown, name: string, min: number, max: number, problems: string[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) problems.push(`${name}: a whole number from ${min} to ${max}`);
}

export function highNeedSettingsProblems(value: unknown): string[] {
  if (!isObject(value)) return ['The high-need setting is an object'];
  const problems: string[] = [];
  const known = new Set(Object.keys(DEFAULT_HIGH_NEED_SETTINGS));
  for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`${key.slice(0, 40)}: unknown field`);
  whole(value.periodMonths, 'periodMonths', 1, 36, problems);
  whole(value.minContacts, 'minContacts', 1, 1000, problems);
  whole(value.minServices, 'minServices', 1, 50, problems);
  if (typeof value.bothRegisters !== 'boolean') problems.push('bothRegisters: true or false');
  if (typeof value.withoutPlanOnly !== 'boolean') problems.push('withoutPlanOnly: true or false');
  if (!Array.isArray(value.segments) || !value.segments.every(isSegment)) problems.push(`segments: a list of ${SEGMENTS.join(', ')}`);
  else if (new Set(value.segments).size !== value.segments.length) problems.push('segments: each at most once');
  const available = 2 + (value.bothRegisters === true ? 1 : 0) + (Array.isArray(value.segments) && value.segments.length > 0 ? 1 : 0);
  whole(value.minCriteria, 'minCriteria', 1, 4, problems);
  if (typeof value.minCriteria === 'number' && Number.isInteger(value.minCriteria) && value.minCriteria > available) {
    problems.push(`minCriteria: at most ${available}, the criteria in use`);
  }
  return problems;
}

/** One client on a team's high-need work list, with the criteria beside the name (`GET /api/high-need`). */
export interface HighNeedClient {
  patient: string;
  name: string;
  birthDate?: string;
  facts: HighNeedFacts;
  criteria: CriterionResult[];
  metCount: number;
}

/** A team's high-need work list: declared once, answered by the server and read by the web app. */
export interface HighNeedList {
  team: { reference: string; name?: string };
  since: string;
  settings: HighNeedSettings;
  /** The registers whose records counted (the other one only for clients who consented). */
  registers: string[];
  clients: HighNeedClient[];
}

import { defaultWaitListRules, type WaitListRules } from './waitList';

/** The wait list's own setting (`wait-list`): how long an offer stays open, and how many times one waiting visit is offered at once. */
export type WaitListSettings = Pick<WaitListRules, 'offerHours' | 'maxOffersEach'>;

export const WAIT_LIST_LIMITS = { offerHours: { min: 1, max: 72 }, maxOffersEach: { min: 1, max: 10 } } as const;

export const DEFAULT_WAIT_LIST_SETTINGS: WaitListSettings = { ...defaultWaitListRules };

/**
 * Every problem of a wait-list setting an administrator sends, as `path: message`. An offer open
 * under an hour reaches nobody at night; one open for days keeps a time from everyone else.
 */
export function waitListSettingsProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['The wait-list setting must be an object with offerHours and maxOffersEach'];
  const record = value as Record<string, unknown>;
  const problems = Object.keys(record)
    .filter((k) => !(k in WAIT_LIST_LIMITS))
    .map((k) => `${k.slice(0, 40)}: not a wait-list setting`);
  for (const [key, { min, max }] of Object.entries(WAIT_LIST_LIMITS)) {
    const v = record[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problems.push(`${key}: a whole number from ${min} to ${max}`);
  }
  return problems;
}

/**
 * Age groups of the managers' indicators (pure). Broad on purpose: a finer split makes most
 * strata of a unit fall under five and be hidden. The bands follow the usual primary-care
 * reporting split: children, working age, young old, the old who use most services.
 */
export const AGE_GROUPS = ['0-17', '18-64', '65-74', '75+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** Whole years from `birthDate` to `on` (both 'YYYY-MM-DD'); undefined for a partial or invalid date. */
export function ageOn(birthDate: string, on: string): number | undefined {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  if (!b || !d) return undefined;
  const [by, bm, bd] = b.slice(1).map(Number) as [number, number, number];
  const [y, m, day] = d.slice(1).map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && day < bd) ? 1 : 0);
  return age >= 0 ? age : undefined;
}

/** The age group of an age in whole years. */
export function ageGroupOf(age: number): AgeGroup {
  if (age < 18) return '0-17';
  if (age < 65) return '18-64';
  if (age < 75) return '65-74';
  return '75+';
}

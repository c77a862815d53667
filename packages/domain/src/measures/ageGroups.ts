/**
 * Age groups of the managers' indicators (pure). Broad on purpose: a finer split makes most
 * strata of a unit fall under five and be hidden. The bands follow the usual primary-care
 * reporting split: children, working age, young old, the old who use most services.
 */
export const AGE_GROUPS = ['0-17', '18-64', '65-74', '75+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** The age group of an age in whole years. */
export function ageGroupOf(age: number): AgeGroup {
  if (age < 18) return '0-17';
  if (age < 65) return '18-64';
  if (age < 75) return '65-74';
  return '75+';
}

/** The region's settings for shared plans: how early a review reaches the queue, and the AVAIN lists and scales. */
import { avainSettingsProblems, DEFAULT_AVAIN_SETTINGS, type AvainSettings } from './avain';

export interface CarePlanSettings {
  /** Days before a review date that its Task appears in the responsible worker's queue. */
  reviewLeadDays: number;
  avain: AvainSettings;
}

export const DEFAULT_CARE_PLAN_SETTINGS: CarePlanSettings = { reviewLeadDays: 14, avain: DEFAULT_AVAIN_SETTINGS };

/** `path: message` for each problem of a settings value (empty when it may be stored). */
export function carePlanSettingsProblems(value: unknown): string[] {
  const v = (value ?? {}) as Partial<CarePlanSettings>;
  const problems: string[] = [];
  if (typeof v.reviewLeadDays !== 'number' || !Number.isInteger(v.reviewLeadDays) || v.reviewLeadDays < 0 || v.reviewLeadDays > 90) problems.push('reviewLeadDays: a whole number of days 0–90');
  if (!v.avain || typeof v.avain !== 'object') problems.push('avain: the AVAIN item lists and scales');
  else {
    try {
      problems.push(...avainSettingsProblems(v.avain).map((p) => `avain.${p.field}: ${p.message}`));
    } catch {
      problems.push('avain: the AVAIN item lists and scales');
    }
  }
  return problems;
}

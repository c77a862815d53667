import { carePlanSettingsProblems, DEFAULT_CARE_PLAN_SETTINGS, type CarePlanSettings } from '@ovi/domain';
import type { SettingsStore } from '../settings/settingsStore';

/** The setting a region keeps its review lead time and AVAIN lists in (an admin setting). */
export const CARE_PLAN_SETTING = 'care-plan';

/** The settings in force: the stored value when it passes its checks, else the defaults. */
export async function carePlanSettings(settings: SettingsStore, warn: (message: string) => void = console.warn): Promise<CarePlanSettings> {
  const stored = await settings.get<CarePlanSettings>(CARE_PLAN_SETTING);
  if (!stored) return DEFAULT_CARE_PLAN_SETTINGS;
  const problems = carePlanSettingsProblems(stored.value);
  if (problems.length === 0) return stored.value;
  warn(`The ${CARE_PLAN_SETTING} setting is not valid (${problems.join('; ')}); the defaults are used`);
  return DEFAULT_CARE_PLAN_SETTINGS;
}

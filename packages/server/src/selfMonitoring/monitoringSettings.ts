import { DEFAULT_SELF_MONITORING_SETTINGS, selfMonitoringSettingsProblems, type SelfMonitoringSettings } from '@ovi/domain';
import type { SettingsStore } from '../settings/settingsStore';

/** The setting a region keeps its danger limits and work-item deadlines in. */
export const SELF_MONITORING_SETTING = 'self-monitoring';

/**
 * The danger limits and deadlines in force: the stored setting, or the defaults while none is
 * stored. A stored value that fails its checks is not used (the defaults are safer than a
 * half-read limit) and the problem is logged.
 */
export async function monitoringSettings(settings: SettingsStore, warn: (message: string) => void = console.warn): Promise<SelfMonitoringSettings> {
  const stored = await settings.get<SelfMonitoringSettings>(SELF_MONITORING_SETTING);
  if (!stored) return DEFAULT_SELF_MONITORING_SETTINGS;
  const problems = selfMonitoringSettingsProblems(stored.value);
  if (problems.length === 0) return stored.value;
  warn(`The ${SELF_MONITORING_SETTING} setting is not valid (${problems.join('; ')}); the defaults are used`);
  return DEFAULT_SELF_MONITORING_SETTINGS;
}

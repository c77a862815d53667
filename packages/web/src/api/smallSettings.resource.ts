/**
 * The small settings an administrator edits in one form each (docs/API.md "Small admin
 * settings"): `GET/PUT /api/admin/<name>` with the value and its `version`; the check and the
 * save go through `previewSetting` / `saveSetting` (dry run, If-Match).
 */
import type { SelfMonitoringSettings } from '@ovi/domain/src/selfMonitoring/settings';
import { api } from './client';

export type SmallSettingName = 'message-settings' | 'wait-list' | 'self-monitoring';

export interface MessageSettingsView {
  replyWorkingDays: number;
  version: number;
}

export interface WaitListSettingsView {
  offerHours: number;
  maxOffersEach: number;
  version: number;
}

export type SelfMonitoringSettingsView = SelfMonitoringSettings & { version: number };

export async function fetchSmallSetting<T extends { version: number }>(name: SmallSettingName): Promise<T> {
  const value = await api.get<Partial<T>>(`/api/admin/${name}`);
  return { ...value, version: value.version ?? 0 } as T;
}

import { DEFAULT_HIGH_NEED_SETTINGS, DEFAULT_SEGMENTATION_SETTINGS, HIGH_NEED_SETTING, SEGMENTATION_SETTING, type HighNeedSettings, type SegmentationSettings } from '@ovi/domain';
import type { SettingsStore } from '../settings/settingsStore';

/** The segmentation rule as stored (an administrator's version), or Ovi's defaults, with its version (0: the defaults). */
export async function segmentationSettings(settings: SettingsStore): Promise<{ version: number; value: SegmentationSettings }> {
  const stored = await settings.get<SegmentationSettings>(SEGMENTATION_SETTING);
  return stored ?? { version: 0, value: DEFAULT_SEGMENTATION_SETTINGS };
}

export async function highNeedSettings(settings: SettingsStore): Promise<HighNeedSettings> {
  return (await settings.get<HighNeedSettings>(HIGH_NEED_SETTING))?.value ?? DEFAULT_HIGH_NEED_SETTINGS;
}

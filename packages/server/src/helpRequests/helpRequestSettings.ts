import { defaultHelpRequestSettings, validateHelpRequestSettings, type HelpRequestSettings } from '@ovi/domain';
import type { SettingsStore } from '../settings/settingsStore';
import { badRequest } from '../fhir/outcomes';

const NAME = 'help-request-settings';

/** The call-back promise and the limits against bots: a setting an administrator changes (versioned like the others). */
export class HelpRequestSettingsStore {
  constructor(private readonly settings: SettingsStore) {}

  async ensureDefaults(): Promise<void> {
    await this.settings.ensure(NAME, defaultHelpRequestSettings);
  }

  async get(): Promise<HelpRequestSettings> {
    return (await this.settings.get<HelpRequestSettings>(NAME))?.value ?? defaultHelpRequestSettings;
  }

  async replace(value: unknown, by: string): Promise<HelpRequestSettings> {
    const { settings, errors } = validateHelpRequestSettings(value);
    if (!settings) throw badRequest(`Invalid help-request settings: ${errors.join('; ')}`);
    await this.settings.put(NAME, settings, by);
    return settings;
  }
}

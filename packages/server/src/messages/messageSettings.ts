import { defaultMessageSettings, validateMessageSettings, type MessageSettings } from '@ovi/domain';
import type { SettingsStore } from '../settings/settingsStore';
import { badRequest } from '../fhir/outcomes';

const NAME = 'message-settings';

/** How long a message may wait for an answer: a setting an administrator changes (versioned like the others). */
export class MessageSettingsStore {
  constructor(private readonly settings: SettingsStore) {}

  async ensureDefaults(): Promise<void> {
    await this.settings.ensure(NAME, defaultMessageSettings);
  }

  async get(): Promise<MessageSettings> {
    return (await this.settings.get<MessageSettings>(NAME))?.value ?? defaultMessageSettings;
  }

  async replace(value: unknown, by: string): Promise<MessageSettings> {
    const { settings, errors } = validateMessageSettings(value);
    if (!settings) throw badRequest(`Invalid message settings: ${errors.join('; ')}`);
    await this.settings.put(NAME, settings, by);
    return settings;
  }
}

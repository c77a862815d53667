import { defaultChatSettings, validateChatSettings, type ChatSettings } from '@ovi/domain';
import type { SettingsStore } from '../settings/settingsStore';
import { badRequest } from '../fhir/outcomes';

const NAME = 'chat-settings';

/** The chat services, their opening hours and the longest message: a versioned setting an administrator changes. */
export class ChatSettingsStore {
  constructor(private readonly settings: SettingsStore) {}

  async ensureDefaults(): Promise<void> {
    await this.settings.ensure(NAME, defaultChatSettings);
  }

  async get(): Promise<ChatSettings> {
    return (await this.settings.get<ChatSettings>(NAME))?.value ?? defaultChatSettings;
  }

  async replace(value: unknown, by: string): Promise<ChatSettings> {
    const { settings, errors } = validateChatSettings(value);
    if (!settings) throw badRequest(`Invalid chat settings: ${errors.join('; ')}`);
    await this.settings.put(NAME, settings, by);
    return settings;
  }
}

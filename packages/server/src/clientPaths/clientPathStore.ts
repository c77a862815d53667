/**
 * The client paths (setting `client-paths`): read by anyone, changed by administrators with
 * If-Match and kept in the settings history like every other setting. A change is checked
 * whole (domain validateClientPaths) and every linked service must be in the catalogue.
 */
import {
  contactFormLink,
  defaultClientPaths,
  linkedServices,
  localizeClientPath,
  serviceCard,
  validateClientPaths,
  type ClientPath,
  type ClientPathsConfig,
  type Language,
  type LocalizedClientPath,
  type ServiceCard,
} from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { badRequest } from '../fhir/outcomes';
import type { Setting, SettingsStore } from '../settings/settingsStore';
import { servicesById } from '../storage/serviceSearch';
import { now } from '../time/clock';

export const CLIENT_PATHS_SETTING = 'client-paths';

export interface ShownClientPath extends LocalizedClientPath {
  /** The linked services as cards, in the path's order (a service since removed is left out). */
  serviceCards: ServiceCard[];
  /** The contact form with the matter filled in. */
  contactLink: string;
}

export class ClientPathStore {
  constructor(
    private readonly settings: SettingsStore,
    private readonly db: SqlExecutor,
  ) {}

  async ensureDefaults(): Promise<void> {
    await this.settings.ensure(CLIENT_PATHS_SETTING, defaultClientPaths);
  }

  async current(): Promise<Setting<ClientPathsConfig>> {
    return (await this.settings.get<ClientPathsConfig>(CLIENT_PATHS_SETTING)) ?? { version: 0, value: defaultClientPaths };
  }

  /** Checks a whole new setting: its shape and texts, and that its services exist; 400 otherwise. */
  async check(value: unknown): Promise<ClientPathsConfig> {
    const { config, errors } = validateClientPaths(value);
    if (!config) throw badRequest(`Invalid client paths: ${errors.join('; ')}`);
    const wanted = linkedServices(config);
    const found = new Set((await servicesById(this.db, wanted)).map((s) => s.id));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length > 0) throw badRequest(`Invalid client paths: no HealthcareService ${missing.map((id) => `"${id}"`).join(', ')} in the catalogue`);
    return config;
  }

  async replace(value: unknown, by: string, expectedVersion?: number): Promise<Setting<ClientPathsConfig>> {
    const config = await this.check(value);
    return this.settings.put(CLIENT_PATHS_SETTING, config, by, expectedVersion);
  }

  /** One path as a resident sees it, in `lang`, with its services' cards. */
  async show(path: ClientPath, lang: Language): Promise<ShownClientPath> {
    const localized = localizeClientPath(path, lang);
    const rows = new Map((await servicesById(this.db, path.services)).map((r) => [r.id, r]));
    const at = now();
    const serviceCards = path.services.flatMap((id) => {
      const row = rows.get(id);
      if (!row || row.service.active === false) return [];
      return [serviceCard(row.service, lang, at, { ...(row.provider ? { provider: row.provider } : {}), ...(row.location ? { location: row.location } : {}) })];
    });
    return { ...localized, serviceCards, contactLink: contactFormLink(localized) };
  }

  /** A draft path exactly as it would be shown, checked like a saved one; nothing is stored. */
  async preview(value: unknown, lang: Language): Promise<ShownClientPath> {
    const config = await this.check({ paths: [value] });
    return this.show(config.paths[0] as ClientPath, lang);
  }
}

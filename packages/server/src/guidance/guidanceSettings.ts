import type { Questionnaire } from '@medplum/fhirtypes';
import {
  checkGuidanceConfiguration,
  checkScreenAgainstQuestionnaire,
  contactQuestionnaire,
  defaultCareGuaranteeConfig,
  defaultRoutingRuleSet,
  defaultSafetyScreen,
  defaultServiceHours,
  defaultServiceRegisters,
  defaultWhereToTurn,
  dryRunRouting,
  toHelsinkiDate,
  validateCareGuaranteeConfig,
  validateRoutingRuleSet,
  validateSafetyScreen,
  validateServiceHours,
  validateWhereToTurn,
  type CareGuaranteeConfig,
  type DryRunSample,
  type RoutingRuleSet,
  type SafetyScreen,
  type ServiceHoursConfig,
  type WhereToTurnConfig,
} from '@ovi/domain';
import type { SettingsStore, SettingVersion, SettingVersionInfo } from '../settings/settingsStore';
import { badRequest } from '../fhir/outcomes';
import { now } from '../time/clock';

/** The pieces of guidance configuration, each a versioned setting an administrator changes. */
export const GUIDANCE_SETTINGS = {
  routing: 'routing-rules',
  careGuarantee: 'care-guarantee',
  safetyScreen: 'safety-screen',
  serviceHours: 'service-hours',
  whereToTurn: 'where-to-turn',
} as const;
export type GuidanceSettingName = keyof typeof GUIDANCE_SETTINGS;

interface Values {
  routing: RoutingRuleSet;
  careGuarantee: CareGuaranteeConfig;
  safetyScreen: SafetyScreen;
  serviceHours: ServiceHoursConfig;
  whereToTurn: WhereToTurnConfig;
}

const DEFAULTS: Values = {
  routing: defaultRoutingRuleSet,
  careGuarantee: defaultCareGuaranteeConfig,
  safetyScreen: defaultSafetyScreen,
  serviceHours: defaultServiceHours,
  whereToTurn: defaultWhereToTurn,
};

type Validator<K extends GuidanceSettingName> = (value: unknown) => { value?: Values[K]; errors: string[] };

const VALIDATORS: { [K in GuidanceSettingName]: Validator<K> } = {
  routing: (v) => {
    const r = validateRoutingRuleSet(v);
    return { value: r.ruleSet, errors: r.errors };
  },
  careGuarantee: (v) => {
    const r = validateCareGuaranteeConfig(v);
    return { value: r.config, errors: r.errors };
  },
  safetyScreen: (v) => {
    const r = validateSafetyScreen(v);
    return { value: r.screen, errors: r.errors };
  },
  serviceHours: (v) => {
    const r = validateServiceHours(v);
    return { value: r.config, errors: r.errors };
  },
  whereToTurn: (v) => {
    const r = validateWhereToTurn(v);
    return { value: r.config, errors: r.errors };
  },
};

/** What a change would do: its problems (none = it may be saved) and, for routing rules, the dry run. */
export interface ChangePreview {
  setting: string;
  valid: boolean;
  problems: string[];
  /** For routing rules: how the recent contacts would have been routed under the new rules. */
  dryRun?: DryRunSummary;
}

interface Routed {
  urgency: string;
  profession: string;
  service: string;
  ruleId: string;
}

/**
 * The dry run as counts of moves (from → to): the administrator sees what a change does to
 * the region's contacts, never which contact; a move of fewer than five is shown as such.
 */
export interface DryRunSummary {
  contacts: number;
  unchanged: number;
  moves: Array<{ before: Routed; after: Routed; contacts: number | 'fewer than 5' }>;
}

function summarise(result: ReturnType<typeof dryRunRouting>): DryRunSummary {
  const moves = new Map<string, { before: Routed; after: Routed; contacts: number }>();
  for (const change of result.changed) {
    const key = JSON.stringify([change.before, change.after]);
    const move = moves.get(key) ?? { before: change.before, after: change.after, contacts: 0 };
    move.contacts += 1;
    moves.set(key, move);
  }
  return {
    contacts: result.changed.length + result.unchanged,
    unchanged: result.unchanged,
    moves: [...moves.values()].sort((a, b) => b.contacts - a.contacts).map((m) => ({ ...m, contacts: m.contacts < 5 ? 'fewer than 5' : m.contacts })),
  };
}

export interface GuidanceSettingsSources {
  /** The contact questionnaire in use (the stored one, else the built-in one). */
  questionnaire(): Promise<Questionnaire>;
  /** Recent contacts' answers, for the dry run of new routing rules. */
  recentContacts(): Promise<DryRunSample[]>;
}

/**
 * Routing rules, care-guarantee limits, the danger-sign screen, opening hours and where to
 * turn: data an administrator reads and changes. A change is checked on its own and together
 * with the rest (a set that could fail a contact is refused), and can be tried as a dry run.
 */
export class GuidanceSettings {
  private sources: GuidanceSettingsSources = {
    questionnaire: async () => contactQuestionnaire,
    recentContacts: async () => [],
  };

  constructor(private readonly settings: SettingsStore) {}

  /** The store is wired after the settings (the FHIR layer needs the settings first). */
  useSources(sources: GuidanceSettingsSources): void {
    this.sources = sources;
  }

  async ensureDefaults(): Promise<void> {
    for (const name of Object.keys(GUIDANCE_SETTINGS) as GuidanceSettingName[]) await this.settings.ensure(GUIDANCE_SETTINGS[name], DEFAULTS[name]);
  }

  async get<K extends GuidanceSettingName>(name: K): Promise<Values[K] & { version: number }> {
    const stored = await this.settings.get<Values[K]>(GUIDANCE_SETTINGS[name]);
    return { ...(stored?.value ?? DEFAULTS[name]), version: stored?.version ?? 0 };
  }

  routingRules = () => this.get('routing');
  careGuarantee = () => this.get('careGuarantee');
  safetyScreen = () => this.get('safetyScreen');
  serviceHours = () => this.get('serviceHours');
  whereToTurn = () => this.get('whereToTurn');

  /** Everything at once (one contact needs all of it). */
  async all(): Promise<Values> {
    const [routing, careGuarantee, safetyScreen, serviceHours, whereToTurn] = await Promise.all([
      this.routingRules(),
      this.careGuarantee(),
      this.safetyScreen(),
      this.serviceHours(),
      this.whereToTurn(),
    ]);
    return { routing, careGuarantee, safetyScreen, serviceHours, whereToTurn };
  }

  /** The service codes a professional may choose in an assessment. */
  services(): string[] {
    return Object.keys(defaultServiceRegisters);
  }

  /** Checks a change alone and together with the rest; stores nothing. */
  async preview(name: GuidanceSettingName, value: unknown): Promise<ChangePreview> {
    const setting = GUIDANCE_SETTINGS[name];
    const { value: checked, errors } = VALIDATORS[name](value);
    if (!checked) return { setting, valid: false, problems: errors };
    const current = await this.all();
    const next = { ...current, [name]: checked } as Values;
    const problems = await this.checkTogether(next);
    const dryRun = name === 'routing' ? summarise(dryRunRouting(current.routing, next.routing, await this.sources.recentContacts())) : undefined;
    return { setting, valid: problems.length === 0, problems, ...(dryRun ? { dryRun } : {}) };
  }

  /**
   * Stores a change that passes every check; a set that could fail a contact is refused (400).
   * With `expectedVersion` (If-Match) a change saved meanwhile by someone else refuses it (412).
   * The version replaced stays in the history; a refused change leaves none.
   */
  async replace<K extends GuidanceSettingName>(name: K, value: unknown, by: string, expectedVersion?: number): Promise<Values[K] & { version: number }> {
    const { value: checked, errors } = VALIDATORS[name](value);
    if (!checked) throw badRequest(`Invalid ${GUIDANCE_SETTINGS[name]}: ${errors.join('; ')}`);
    const problems = await this.checkTogether({ ...(await this.all()), [name]: checked } as Values);
    if (problems.length > 0) throw badRequest(`The ${GUIDANCE_SETTINGS[name]} do not fit the rest of the configuration: ${problems.join('; ')}`);
    const stored = await this.settings.put(GUIDANCE_SETTINGS[name], checked, by, expectedVersion);
    return { ...checked, version: stored.version };
  }

  /** The versions of a stored setting (its name in the database), newest first, with who and when. */
  history(storedName: string, options: { limit?: number; before?: number } = {}): Promise<SettingVersionInfo[]> {
    return this.settings.history(storedName, options);
  }

  /** One version of a stored setting with its value, if it is known. */
  version(storedName: string, version: number): Promise<SettingVersion<unknown> | undefined> {
    return this.settings.version<unknown>(storedName, version);
  }

  /** Problems of the whole configuration: a routed service with no limit, a question that does not exist … */
  async checkTogether(values: Values): Promise<string[]> {
    const questionnaire = await this.sources.questionnaire();
    return [
      ...checkGuidanceConfiguration(
        { routing: values.routing, careGuarantee: values.careGuarantee, questionnaire, services: this.services() },
        toHelsinkiDate(now()),
      ),
      ...checkScreenAgainstQuestionnaire(values.safetyScreen, questionnaire),
    ];
  }
}

import {
  defaultCareGuaranteeConfig,
  defaultRoutingRuleSet,
  validateCareGuaranteeConfig,
  validateRoutingRuleSet,
  type CareGuaranteeConfig,
  type RoutingRuleSet,
} from '@ovi/domain';
import type { SettingsStore } from '../settings/settingsStore';
import { badRequest } from '../fhir/outcomes';

const ROUTING = 'routing-rules';
const CARE_GUARANTEE = 'care-guarantee';

/** Routing rules and care-guarantee limits: data an administrator can read and change. */
export class GuidanceSettings {
  constructor(private readonly settings: SettingsStore) {}

  async ensureDefaults(): Promise<void> {
    await this.settings.ensure(ROUTING, defaultRoutingRuleSet);
    await this.settings.ensure(CARE_GUARANTEE, defaultCareGuaranteeConfig);
  }

  async routingRules(): Promise<RoutingRuleSet> {
    const stored = await this.settings.get<RoutingRuleSet>(ROUTING);
    return { ...(stored?.value ?? defaultRoutingRuleSet), version: stored?.version ?? 0 };
  }

  async careGuarantee(): Promise<CareGuaranteeConfig> {
    const stored = await this.settings.get<CareGuaranteeConfig>(CARE_GUARANTEE);
    return { ...(stored?.value ?? defaultCareGuaranteeConfig), version: stored?.version ?? 0 };
  }

  async replaceRoutingRules(value: unknown, by: string): Promise<RoutingRuleSet> {
    const { ruleSet, errors } = validateRoutingRuleSet(value);
    if (!ruleSet) throw badRequest(`Invalid routing rules: ${errors.join('; ')}`);
    const stored = await this.settings.put(ROUTING, ruleSet, by);
    return { ...ruleSet, version: stored.version };
  }

  async replaceCareGuarantee(value: unknown, by: string): Promise<CareGuaranteeConfig> {
    const { config, errors } = validateCareGuaranteeConfig(value);
    if (!config) throw badRequest(`Invalid care-guarantee rules: ${errors.join('; ')}`);
    const stored = await this.settings.put(CARE_GUARANTEE, config, by);
    return { ...config, version: stored.version };
  }
}

import { DEFAULT_HIGH_NEED_SETTINGS, DEFAULT_SEGMENTATION_SETTINGS, HIGH_NEED_SETTING, SEGMENTATION_SETTING, highNeedSettingsProblems, segmentationSettingsProblems, DEFAULT_SELF_MONITORING_SETTINGS, DEFAULT_WAIT_LIST_SETTINGS, defaultMessageSettings, selfMonitoringSettingsProblems, validateMessageSettings, waitListSettingsProblems } from '@ovi/domain';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { invalidResource } from '../fhir/outcomes';
import { SELF_MONITORING_SETTING } from '../selfMonitoring/monitoringSettings';
import { CARE_PLAN_SETTING } from '../carePlan/carePlanSettings';
import { carePlanSettingsProblems, DEFAULT_CARE_PLAN_SETTINGS } from '@ovi/domain';
import type { SettingsStore } from './settingsStore';

/** A setting an administrator edits as one small form: its name, defaults and checks (`path: message`). */
export interface AdminSetting {
  name: string;
  defaults: Record<string, unknown>;
  problems: (value: unknown) => string[];
}

/** Message reply deadline, wait-list offers, self-monitoring danger limits and deadlines, segmentation, high-need criteria. */
export const ADMIN_SETTINGS: readonly AdminSetting[] = [
  { name: 'message-settings', defaults: { ...defaultMessageSettings }, problems: (v) => validateMessageSettings(v).errors.map((e) => (e.startsWith('replyWorkingDays') ? `replyWorkingDays: ${e}` : e)) },
  { name: 'wait-list', defaults: { ...DEFAULT_WAIT_LIST_SETTINGS }, problems: waitListSettingsProblems },
  { name: SELF_MONITORING_SETTING, defaults: { ...DEFAULT_SELF_MONITORING_SETTINGS }, problems: selfMonitoringSettingsProblems },
  // The segment rule (thresholds, mapping, pair age, names, care paths) and the high-need criteria.
  { name: SEGMENTATION_SETTING, defaults: { ...DEFAULT_SEGMENTATION_SETTINGS }, problems: segmentationSettingsProblems },
  { name: HIGH_NEED_SETTING, defaults: { ...DEFAULT_HIGH_NEED_SETTINGS }, problems: highNeedSettingsProblems },
  // Shared plans: review lead time and the AVAIN lists and scales (configurable until THL's are copied, decision 031).
  { name: CARE_PLAN_SETTING, defaults: { ...DEFAULT_CARE_PLAN_SETTINGS }, problems: carePlanSettingsProblems },
];

export type Versioned = Record<string, unknown> & { version: number };

/** The value without the `version` a client sends back with it (the version goes in If-Match). */
function withoutVersion(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { version: _version, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** Reads, checks and stores one of the admin settings, each change a new version (history, If-Match). */
export class AdminSettings {
  constructor(private readonly settings: SettingsStore) {}

  async get(setting: AdminSetting): Promise<Versioned> {
    const stored = await this.settings.get<Record<string, unknown>>(setting.name);
    return { ...(stored?.value ?? setting.defaults), version: stored?.version ?? 0 };
  }

  /** The dry run: what the server's check says, nothing stored. */
  check(setting: AdminSetting, value: unknown): { setting: string; valid: boolean; problems: string[] } {
    const problems = setting.problems(withoutVersion(value));
    return { setting: setting.name, valid: problems.length === 0, problems };
  }

  async replace(setting: AdminSetting, value: unknown, by: string, expectedVersion?: number): Promise<Versioned> {
    const plain = withoutVersion(value);
    const problems = setting.problems(plain);
    if (problems.length > 0) throw invalidResource(problems.map((p) => issue(setting.name, p)));
    const stored = await this.settings.put(setting.name, plain as Record<string, unknown>, by, expectedVersion);
    return { ...stored.value, version: stored.version };
  }
}

/** One problem as an issue; `path: message` names the field in `expression`. */
function issue(name: string, problem: string): OperationOutcomeIssue {
  const colon = problem.indexOf(': ');
  const path = colon > 0 && /^[\w.[\]-]+$/.test(problem.slice(0, colon)) ? problem.slice(0, colon) : undefined;
  return { severity: 'error', code: 'invalid', details: { text: `Invalid ${name}: ${problem}` }, diagnostics: `Invalid ${name}: ${problem}`, ...(path ? { expression: [path] } : {}) };
}

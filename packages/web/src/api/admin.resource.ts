/**
 * Routing rules and care-guarantee limits as the server keeps them (`GET/PUT /api/admin/<name>`):
 * read, tried as a dry run (`?dryRun=true`) and saved with `If-Match` on the version read.
 */
import type { SmallSettingName } from './smallSettings.resource';
import type { CareGuaranteeConfig, CareGuaranteeRule } from '@ovi/domain/src/careGuarantee';
import type { AnswerCondition, RoutingRule, RoutingRuleSet, RoutingTarget, RuleCondition } from '@ovi/domain/src/routingRules';
import type { LocalizedText } from '@ovi/domain/src/types';
import { api } from './client';

export type Localized = Partial<LocalizedText>;
export type { AnswerCondition, CareGuaranteeConfig, CareGuaranteeRule, RoutingRule, RoutingRuleSet, RoutingTarget, RuleCondition };

/** The settings an administrator edits in the web app. */
export type EditableSetting = 'routing-rules' | 'care-guarantee' | SmallSettingName;

export function isAnswerCondition(c: RuleCondition): c is AnswerCondition {
  return typeof (c as { linkId?: unknown }).linkId === 'string';
}

const orEmpty = (texts: Localized | undefined): LocalizedText => ({ fi: texts?.fi ?? '', sv: texts?.sv ?? '', en: texts?.en ?? '' });

/** The rule set as stored (its `version` the stored one), rules in their order. */
export async function fetchRoutingRules(): Promise<RoutingRuleSet> {
  const raw = await api.get<Partial<RoutingRuleSet>>('/api/admin/routing-rules');
  const fallback = raw.fallback ?? { urgency: 'non-urgent', profession: 'nurse', service: 'primary-care', explanation: orEmpty(undefined) };
  return {
    version: raw.version ?? 0,
    fallback: { ...fallback, explanation: orEmpty(fallback.explanation) },
    rules: (raw.rules ?? [])
      .map((r) => ({ ...r, title: orEmpty(r.title), explanation: orEmpty(r.explanation), when: r.when ?? [] }))
      .sort((a, b) => a.order - b.order),
  };
}

export async function fetchCareGuarantee(): Promise<CareGuaranteeConfig> {
  const raw = await api.get<Partial<CareGuaranteeConfig>>('/api/admin/care-guarantee');
  return {
    version: raw.version ?? 0,
    timeZone: 'Europe/Helsinki',
    officeHours: raw.officeHours ?? { start: 8, end: 16 },
    rules: (raw.rules ?? []).map((r) => ({ ...r, label: orEmpty(r.label) })),
  };
}

/** One move of the routing dry run: what the recent contacts got before and would get now. */
export interface RoutedAs {
  urgency: string;
  profession: string;
  service: string;
  ruleId: string;
}

export interface DryRunMove {
  before: RoutedAs;
  after: RoutedAs;
  /** A count, or "fewer than 5" when it is small (the server hides small numbers). */
  contacts: number | string;
}

export interface ChangePreview {
  setting: string;
  valid: boolean;
  /** The server's problems, English sentences naming the rule and path. */
  problems: string[];
  /** Routing rules only: how the latest contacts would have been routed under the change. */
  dryRun?: { contacts: number; unchanged: number; moves: DryRunMove[] };
}

/** `PUT ?dryRun=true`: checks the change alone and with the rest; stores nothing. */
export async function previewSetting(name: EditableSetting, value: unknown): Promise<ChangePreview> {
  const { data } = await api.put<Partial<ChangePreview>>(`/api/admin/${name}?dryRun=true`, value);
  return {
    setting: data.setting ?? name,
    valid: data.valid === true,
    problems: data.problems ?? [],
    ...(data.dryRun ? { dryRun: { contacts: data.dryRun.contacts ?? 0, unchanged: data.dryRun.unchanged ?? 0, moves: data.dryRun.moves ?? [] } } : {}),
  };
}

/**
 * Saves a new version. `basedOn` is the version the change was made from: when someone saved
 * another meanwhile the server answers 412 and nothing changes. Answers the saved version.
 */
export async function saveSetting<T extends { version: number }>(name: EditableSetting, value: T, basedOn: number): Promise<T> {
  const { data } = await api.put<T>(`/api/admin/${name}`, value, { 'If-Match': `W/"${basedOn}"` });
  return data;
}

/** Routing rules and care-guarantee limits as read-only view models for the admin screens. */
import type { LocalizedText } from '@ovi/domain/src/types';
import { api } from './client';

export type Localized = Partial<LocalizedText>;

export type RuleCondition =
  | { kind: 'answer'; linkId: string; anyOf?: string[]; equals?: string | number | boolean; atLeast?: number; atMost?: number }
  | { kind: 'age'; ageAtLeast?: number; ageBelow?: number };

export interface RoutingTargetView {
  urgency: string;
  profession: string;
  service: string;
}

export interface RoutingRuleView {
  id: string;
  order: number;
  title: Localized;
  when: RuleCondition[];
  unless: RuleCondition[];
  then: RoutingTargetView;
  explanation: Localized;
}

export interface RoutingRulesView {
  version: number;
  fallback?: RoutingTargetView & { explanation: Localized };
  rules: RoutingRuleView[];
}

interface RawCondition {
  linkId?: string;
  anyOf?: string[];
  equals?: string | number | boolean;
  atLeast?: number;
  atMost?: number;
  ageAtLeast?: number;
  ageBelow?: number;
}

interface RawRule {
  id?: string;
  order?: number;
  title?: Localized;
  when?: RawCondition[];
  unless?: RawCondition[];
  then?: Partial<RoutingTargetView>;
  explanation?: Localized;
}

function toCondition(c: RawCondition): RuleCondition {
  return typeof c.linkId === 'string'
    ? { kind: 'answer', linkId: c.linkId, anyOf: c.anyOf, equals: c.equals, atLeast: c.atLeast, atMost: c.atMost }
    : { kind: 'age', ageAtLeast: c.ageAtLeast, ageBelow: c.ageBelow };
}

function toTarget(t: Partial<RoutingTargetView> | undefined): RoutingTargetView {
  return { urgency: t?.urgency ?? '', profession: t?.profession ?? '', service: t?.service ?? '' };
}

export async function fetchRoutingRules(): Promise<RoutingRulesView> {
  const raw = await api.get<{ version?: number; fallback?: Partial<RoutingTargetView> & { explanation?: Localized }; rules?: RawRule[] }>(
    '/api/admin/routing-rules',
  );
  return {
    version: raw.version ?? 0,
    fallback: raw.fallback ? { ...toTarget(raw.fallback), explanation: raw.fallback.explanation ?? {} } : undefined,
    rules: (raw.rules ?? [])
      .map((r, index) => ({
        id: r.id ?? String(index),
        order: r.order ?? index,
        title: r.title ?? {},
        when: (r.when ?? []).map(toCondition),
        unless: (r.unless ?? []).map(toCondition),
        then: toTarget(r.then),
        explanation: r.explanation ?? {},
      }))
      .sort((a, b) => a.order - b.order),
  };
}

export interface CareGuaranteeRuleView {
  id: string;
  kind: 'legal' | 'regional' | string;
  service: string;
  urgency: string;
  minAge?: number;
  maxAgeExclusive?: number;
  days?: number;
  months?: number;
  label: Localized;
  source?: string;
}

export interface CareGuaranteeView {
  version: number;
  timeZone: string;
  officeHours?: { start: number; end: number };
  rules: CareGuaranteeRuleView[];
}

interface RawGuaranteeRule extends Partial<Omit<CareGuaranteeRuleView, 'days' | 'months'>> {
  limit?: { days?: number; months?: number };
}

export async function fetchCareGuarantee(): Promise<CareGuaranteeView> {
  const raw = await api.get<{ version?: number; timeZone?: string; officeHours?: { start: number; end: number }; rules?: RawGuaranteeRule[] }>(
    '/api/admin/care-guarantee',
  );
  return {
    version: raw.version ?? 0,
    timeZone: raw.timeZone ?? 'Europe/Helsinki',
    officeHours: raw.officeHours,
    rules: (raw.rules ?? []).map((r, index) => ({
      id: r.id ?? String(index),
      kind: r.kind ?? '',
      service: r.service ?? '',
      urgency: r.urgency ?? '',
      minAge: r.minAge,
      maxAgeExclusive: r.maxAgeExclusive,
      days: r.limit?.days,
      months: r.limit?.months,
      label: r.label ?? {},
      source: r.source,
    })),
  };
}

/**
 * The safety configuration as read-only view models for the admin: the danger-sign screen
 * and word groups, each queue's opening hours, where to turn, and the configuration gaps.
 */
import type { LocalizedText } from '@ovi/domain/src/types';
import { api } from './client';
import { toHelpContact, type HelpContact } from './dangerSigns.resource';

type Localized = Partial<LocalizedText>;

export interface ScreenSign {
  code: string;
  label: Localized;
  urgency: string;
  advice: string[];
}

export interface WordGroup {
  id: string;
  label: Localized;
  urgency: string;
  advice: string[];
  /** The words and phrases recognised, per language. */
  patterns: Partial<Record<keyof LocalizedText, string[]>>;
}

export interface SafetyScreenView {
  version: number;
  signs: ScreenSign[];
  wordGroups: WordGroup[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

export async function fetchSafetyScreen(): Promise<SafetyScreenView> {
  const raw = await api.get<{ version?: number; signs?: Array<Partial<ScreenSign>>; wordGroups?: Array<Partial<WordGroup> & { patterns?: Record<string, unknown> }> }>(
    '/api/admin/safety-screen',
  );
  return {
    version: raw.version ?? 0,
    signs: (raw.signs ?? []).map((s) => ({ code: s.code ?? '', label: s.label ?? {}, urgency: s.urgency ?? '', advice: strings(s.advice) })),
    wordGroups: (raw.wordGroups ?? []).map((g, i) => ({
      id: g.id ?? String(i),
      label: g.label ?? {},
      urgency: g.urgency ?? '',
      advice: strings(g.advice),
      patterns: { fi: strings(g.patterns?.fi), sv: strings(g.patterns?.sv), en: strings(g.patterns?.en) },
    })),
  };
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface QueueHoursView {
  id: string;
  label: Localized;
  weekly: Partial<Record<Weekday, Array<{ from: string; to: string }>>>;
  closedOnPublicHolidays: boolean;
  closedDates: string[];
  services: string[];
}

export async function fetchServiceHours(): Promise<{ version: number; queues: QueueHoursView[] }> {
  const raw = await api.get<{ version?: number; queues?: Array<Partial<QueueHoursView>> }>('/api/admin/service-hours');
  return {
    version: raw.version ?? 0,
    queues: (raw.queues ?? []).map((q, i) => ({
      id: q.id ?? String(i),
      label: q.label ?? {},
      weekly: q.weekly ?? {},
      closedOnPublicHolidays: q.closedOnPublicHolidays === true,
      closedDates: q.closedDates ?? [],
      services: q.services ?? [],
    })),
  };
}

export async function fetchWhereToTurn(): Promise<HelpContact[]> {
  const raw = await api.get<{ contacts?: Array<Parameters<typeof toHelpContact>[0]> }>('/api/admin/where-to-turn');
  return (raw.contacts ?? []).map(toHelpContact);
}

export interface ConfigurationGap {
  service: string;
  urgency: string;
  /** Five-year band such as '20–24', or 'unknown'. */
  ageBand: string;
  firstSeen: string;
  lastSeen: string;
  occurrences: number;
}

export async function fetchConfigurationGaps(): Promise<ConfigurationGap[]> {
  const raw = await api.get<{ gaps?: Array<Partial<ConfigurationGap>> }>('/api/admin/configuration-gaps');
  return (raw.gaps ?? []).map((g) => ({
    service: g.service ?? '',
    urgency: g.urgency ?? '',
    ageBand: g.ageBand ?? 'unknown',
    firstSeen: g.firstSeen ?? '',
    lastSeen: g.lastSeen ?? '',
    occurrences: g.occurrences ?? 0,
  }));
}

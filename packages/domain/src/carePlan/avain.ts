/**
 * AVAIN-structured outcome (THL, DOMAIN §2): with the client the worker records goals,
 * situational factors that help or hinder them, services used and social-work methods, when
 * the plan is made and at every evaluation, and evaluates each on a scale. THL's item lists
 * and scales are not confirmed here, so both are configurable content (`AvainSettings`);
 * the computation only needs a scale's bounds. Pure.
 */
import type { LocalizedText } from '../types';
import { roundCount, SMALL_NUMBER_LIMIT } from '../smallNumbers';
import type { AvainPart } from './codes';

export interface AvainScale {
  min: number;
  max: number;
  /** A label for each whole step, by its value. */
  labels: Record<string, LocalizedText>;
}

export interface AvainItem {
  code: string;
  display: LocalizedText;
}

export interface AvainSettings {
  /** The scale of each part: goal attainment, a factor's help or hindrance, a service's or method's usefulness. */
  scales: Record<AvainPart, AvainScale>;
  factors: AvainItem[];
  services: AvainItem[];
  methods: AvainItem[];
}

export interface AvainScore {
  /** `Goal/…` for a goal; an item code of the settings for the other parts. */
  code: string;
  score: number;
}

export interface AvainRecording {
  /** ISO date-time. */
  at: string;
  goal: AvainScore[];
  factor: AvainScore[];
  service: AvainScore[];
  method: AvainScore[];
}

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });

/** Defaults until THL's lists are copied in (UNVERIFIED, DOMAIN §2): an administrator replaces them. */
export const DEFAULT_AVAIN_SETTINGS: AvainSettings = {
  scales: {
    goal: { min: 0, max: 4, labels: { 0: t('Ei edistynyt', 'Inga framsteg', 'No progress'), 1: t('Vähän', 'Lite', 'A little'), 2: t('Osittain', 'Delvis', 'Partly'), 3: t('Paljolti', 'Till stor del', 'Mostly'), 4: t('Saavutettu', 'Uppnått', 'Reached') } },
    factor: { min: -2, max: 2, labels: { '-2': t('Haittaa paljon', 'Hindrar mycket', 'Hinders a lot'), '-1': t('Haittaa', 'Hindrar', 'Hinders'), 0: t('Ei vaikutusta', 'Ingen inverkan', 'No effect'), 1: t('Auttaa', 'Hjälper', 'Helps'), 2: t('Auttaa paljon', 'Hjälper mycket', 'Helps a lot') } },
    service: { min: 0, max: 3, labels: { 0: t('Ei hyötyä', 'Ingen nytta', 'No use'), 1: t('Vähän hyötyä', 'Lite nytta', 'Some use'), 2: t('Hyödyllinen', 'Nyttig', 'Useful'), 3: t('Erittäin hyödyllinen', 'Mycket nyttig', 'Very useful') } },
    method: { min: 0, max: 3, labels: { 0: t('Ei hyötyä', 'Ingen nytta', 'No use'), 1: t('Vähän hyötyä', 'Lite nytta', 'Some use'), 2: t('Hyödyllinen', 'Nyttig', 'Useful'), 3: t('Erittäin hyödyllinen', 'Mycket nyttig', 'Very useful') } },
  },
  factors: [
    { code: 'housing', display: t('Asuminen', 'Boende', 'Housing') },
    { code: 'income', display: t('Toimeentulo', 'Försörjning', 'Income') },
    { code: 'health', display: t('Terveys', 'Hälsa', 'Health') },
    { code: 'substance-use', display: t('Päihteiden käyttö', 'Användning av rusmedel', 'Substance use') },
    { code: 'social-network', display: t('Läheiset ja verkosto', 'Närstående och nätverk', 'Family and network') },
    { code: 'work-or-study', display: t('Työ tai opiskelu', 'Arbete eller studier', 'Work or study') },
  ],
  services: [
    { code: 'income-support', display: t('Toimeentulotuki', 'Utkomststöd', 'Social assistance') },
    { code: 'housing-service', display: t('Asumispalvelu', 'Boendeservice', 'Housing service') },
    { code: 'substance-service', display: t('Päihdepalvelut', 'Missbrukarvård', 'Substance-use services') },
    { code: 'rehabilitative-work', display: t('Kuntouttava työtoiminta', 'Arbetsverksamhet i rehabiliteringssyfte', 'Rehabilitative work activity') },
    { code: 'mental-health', display: t('Mielenterveyspalvelut', 'Mentalvårdstjänster', 'Mental-health services') },
  ],
  methods: [
    { code: 'counselling', display: t('Sosiaalinen ohjaus ja neuvonta', 'Social handledning och rådgivning', 'Social guidance and counselling') },
    { code: 'network-meeting', display: t('Verkostotyö', 'Nätverksarbete', 'Network work') },
    { code: 'motivational', display: t('Motivoiva haastattelu', 'Motiverande samtal', 'Motivational interviewing') },
    { code: 'service-coordination', display: t('Palvelujen yhteensovittaminen', 'Samordning av tjänster', 'Service coordination') },
  ],
};

export interface AvainProblem {
  field: string;
  message: string;
}

const itemsOf = (settings: AvainSettings, part: Exclude<AvainPart, 'goal'>): AvainItem[] =>
  part === 'factor' ? settings.factors : part === 'service' ? settings.services : settings.methods;

/**
 * What is wrong with a recording: unknown items, scores off the scale or not whole, a goal that
 * is not one of this plan's, an item twice. `planGoals` are the plan's `Goal/…` references.
 */
export function recordingProblems(input: unknown, settings: AvainSettings, planGoals: string[]): AvainProblem[] {
  const problems: AvainProblem[] = [];
  const b = (input ?? {}) as Record<string, unknown>;
  let scored = 0;
  for (const part of ['goal', 'factor', 'service', 'method'] as AvainPart[]) {
    const list = b[part] ?? [];
    if (!Array.isArray(list)) {
      problems.push({ field: part, message: `${part}: a list of {code, score}` });
      continue;
    }
    const scale = settings.scales[part];
    const known = part === 'goal' ? new Set(planGoals) : new Set(itemsOf(settings, part).map((i) => i.code));
    const seen = new Set<string>();
    list.forEach((entry: unknown, i) => {
      const e = (entry ?? {}) as Record<string, unknown>;
      const field = `${part}[${i}]`;
      if (typeof e.code !== 'string' || !known.has(e.code)) {
        problems.push({ field: `${field}.code`, message: part === 'goal' ? 'Not a goal of this plan' : `Unknown ${part} '${String(e.code).slice(0, 40)}'` });
      } else if (seen.has(e.code)) problems.push({ field: `${field}.code`, message: `'${e.code}' is evaluated twice` });
      else seen.add(e.code);
      if (typeof e.score !== 'number' || !Number.isInteger(e.score) || e.score < scale.min || e.score > scale.max) {
        problems.push({ field: `${field}.score`, message: `score: a whole number ${scale.min}…${scale.max}` });
      }
      scored += 1;
    });
  }
  if (problems.length === 0 && scored === 0) problems.push({ field: 'goal', message: 'Evaluate at least one goal, factor, service or method' });
  return problems;
}

/** Checks the settings themselves (an administrator's change): scales whole and ordered, item codes unique. */
export function avainSettingsProblems(settings: AvainSettings): AvainProblem[] {
  const problems: AvainProblem[] = [];
  for (const part of ['goal', 'factor', 'service', 'method'] as AvainPart[]) {
    const s = settings.scales?.[part];
    if (!s || !Number.isInteger(s.min) || !Number.isInteger(s.max) || s.min >= s.max) problems.push({ field: `scales.${part}`, message: 'A scale needs whole min < max' });
  }
  for (const part of ['factor', 'service', 'method'] as const) {
    const items = itemsOf(settings, part) ?? [];
    const codes = items.map((i) => i.code);
    if (codes.some((c) => typeof c !== 'string' || !/^[a-z0-9-]{1,64}$/.test(c))) problems.push({ field: `${part}s`, message: 'Item codes: lower-case letters, digits and hyphens' });
    if (new Set(codes).size !== codes.length) problems.push({ field: `${part}s`, message: 'Item codes must be unique' });
  }
  return problems;
}

export interface ScorePoint {
  at: string;
  score: number;
}

export interface ItemChange {
  code: string;
  /** Every recorded score, oldest first (the chart's points). */
  points: ScorePoint[];
  first: number;
  latest: number;
  /** latest − first: positive is better on every default scale. */
  sinceFirst: number;
  /** latest − the one before; 0 with one recording. */
  sincePrevious: number;
}

export type OutcomeChange = Record<AvainPart, ItemChange[]>;

/** Per item of each part: its scores over the recordings (in time order) and the change since the first and the previous. */
export function outcomeChange(recordings: AvainRecording[]): OutcomeChange {
  const ordered = [...recordings].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const result = { goal: [], factor: [], service: [], method: [] } as OutcomeChange;
  for (const part of ['goal', 'factor', 'service', 'method'] as AvainPart[]) {
    const series = new Map<string, ScorePoint[]>();
    for (const r of ordered) for (const s of r[part]) series.set(s.code, [...(series.get(s.code) ?? []), { at: r.at, score: s.score }]);
    result[part] = [...series.entries()].map(([code, points]) => {
      const first = points[0]!.score;
      const latest = points[points.length - 1]!.score;
      const previous = points.length > 1 ? points[points.length - 2]!.score : latest;
      return { code, points, first, latest, sinceFirst: latest - first, sincePrevious: latest - previous };
    });
  }
  return result;
}

/** A client's change for the managers' figures: the mean goal-attainment change, and which services and methods were used. */
export interface ClientOutcome {
  goalChange: number;
  services: string[];
  methods: string[];
}

/** Of a client's recordings: undefined until there are two recordings with goals (no change yet to tell). */
export function clientOutcome(recordings: AvainRecording[]): ClientOutcome | undefined {
  const change = outcomeChange(recordings);
  const measured = change.goal.filter((g) => g.points.length > 1);
  if (measured.length === 0) return undefined;
  const mean = measured.reduce((sum, g) => sum + g.sinceFirst, 0) / measured.length;
  return { goalChange: mean, services: change.service.map((s) => s.code), methods: change.method.map((m) => m.code) };
}

export interface GroupChange {
  code: string;
  /** Clients, rounded to 5; null when the group is hidden. */
  clients: number | null;
  /** The mean goal-attainment change, one decimal; null when hidden. */
  meanChange: number | null;
}

/**
 * Aggregated change per service and per method. A group of fewer than five clients is hidden
 * (count and mean), and a shown count is rounded to 5, so no figure reveals a small group.
 */
export function changeByServiceAndMethod(outcomes: ClientOutcome[], limit = SMALL_NUMBER_LIMIT): { services: GroupChange[]; methods: GroupChange[] } {
  const group = (key: 'services' | 'methods'): GroupChange[] => {
    const by = new Map<string, number[]>();
    for (const o of outcomes) for (const code of new Set(o[key])) by.set(code, [...(by.get(code) ?? []), o.goalChange]);
    return [...by.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, changes]) =>
        changes.length < limit
          ? { code, clients: null, meanChange: null }
          : { code, clients: roundCount(changes.length), meanChange: Math.round((changes.reduce((s, c) => s + c, 0) / changes.length) * 10) / 10 },
      );
  };
  return { services: group('services'), methods: group('methods') };
}

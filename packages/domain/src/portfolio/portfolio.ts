/**
 * The development portfolio: the region's development measures under the five national benefit
 * goals of the Future health and social services centre programme, and each measure's maturity
 * per reporting period on the programme's five-step scale (seed 001, section 1.5 table):
 * 1 not started, 2 being planned, 3 described as an operating model, 4 being piloted, 5 in use.
 * THL follows the goals half-yearly; regions have also reported by quarter or by year, so a
 * period is a year, a half-year or a quarter, and periods may not overlap.
 */

export const BENEFIT_GOALS = ['access', 'prevention', 'quality', 'interoperability', 'costs'] as const;
export type BenefitGoalId = (typeof BENEFIT_GOALS)[number];

/** The goals' names as the programme states them (seed 000), in Ovi's three languages. */
export const BENEFIT_GOAL_NAMES: Record<BenefitGoalId, { fi: string; sv: string; en: string }> = {
  access: {
    fi: 'Palveluiden yhdenvertaisen saatavuuden, oikea-aikaisuuden ja jatkuvuuden parantaminen',
    sv: 'Bättre jämlik tillgång till tjänster, rätt tidpunkt och kontinuitet',
    en: 'Equal access to services, at the right time and with continuity',
  },
  prevention: {
    fi: 'Toiminnan painotuksen siirtäminen raskaista palveluista ehkäisevään ja ennakoivaan työhön',
    sv: 'Tyngdpunkten flyttas från tunga tjänster till förebyggande och proaktivt arbete',
    en: 'Shifting the focus from intensive services to preventive and proactive work',
  },
  quality: {
    fi: 'Palveluiden laadun ja vaikuttavuuden parantaminen',
    sv: 'Bättre kvalitet och effekt i tjänsterna',
    en: 'Better quality and effectiveness of services',
  },
  interoperability: {
    fi: 'Palveluiden monialaisuuden ja yhteentoimivuuden varmistaminen',
    sv: 'Tjänster som är mångprofessionella och samverkar',
    en: 'Multi-professional services that work together',
  },
  costs: {
    fi: 'Kustannusten nousun hillintä',
    sv: 'Dämpad kostnadsökning',
    en: 'Curbing the rise in costs',
  },
};

export const MATURITY_LEVELS = [1, 2, 3, 4, 5] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

/**
 * The indicators a measure can be followed by: the figures Ovi computes from its own data
 * (the managers' dashboard). A measure names those that should show its effect.
 */
export const PORTFOLIO_INDICATORS = [
  // The FHIR Measures of the dashboard (domain/measures/indicatorCatalogue.ts).
  'contacts-by-channel',
  'digital-share',
  'first-contact-resolution',
  'assessed-same-weekday',
  'time-to-assessment',
  'time-to-visit',
  'within-legal-limit',
  'within-regional-limit',
  'visit-demand',
  'booked-time-share',
  'self-monitoring-reach',
  // Figures of the dashboard's pages that are not Measures.
  't3',
  'demand-capacity',
  'continuity-upc',
  'continuity-coci',
  'own-team-share',
  'feedback-nps',
] as const;
export type PortfolioIndicator = (typeof PORTFOLIO_INDICATORS)[number];

/** The dashboard page (`/dashboard/<theme>`) each indicator is shown on. */
export const INDICATOR_THEME: Record<PortfolioIndicator, 'access' | 'demand' | 'continuity' | 'experience'> = {
  'contacts-by-channel': 'access',
  'digital-share': 'access',
  'first-contact-resolution': 'access',
  'assessed-same-weekday': 'access',
  'time-to-assessment': 'access',
  'time-to-visit': 'access',
  'within-legal-limit': 'access',
  'within-regional-limit': 'access',
  t3: 'access',
  'visit-demand': 'demand',
  'booked-time-share': 'demand',
  'demand-capacity': 'demand',
  'continuity-upc': 'continuity',
  'continuity-coci': 'continuity',
  'own-team-share': 'continuity',
  'self-monitoring-reach': 'experience',
  'feedback-nps': 'experience',
};

export interface MaturityEntry {
  /** A reporting period of the portfolio (`2021-H1`, `2020-Q4`, `2022`). */
  period: string;
  level: MaturityLevel;
}

export interface DevelopmentMeasure {
  /** Lower-case letters, digits and dashes; unique in the portfolio. */
  id: string;
  name: string;
  /** Who answers for it (a person or a role). */
  owner: string;
  /** The sub-project or spearhead it belongs to. */
  subProject?: string;
  maturity: MaturityEntry[];
  indicators: PortfolioIndicator[];
}

export interface BenefitGoal {
  id: BenefitGoalId;
  measures: DevelopmentMeasure[];
}

export interface Portfolio {
  /** The reporting periods, oldest first. */
  periods: string[];
  /** The five goals in BENEFIT_GOALS order. */
  goals: BenefitGoal[];
}

export const MAX_MEASURES = 300;
export const MAX_PERIODS = 40;
const MEASURE_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const PERIOD = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/;

/** An empty portfolio: the five goals, no measures yet. */
export function emptyPortfolio(): Portfolio {
  return { periods: [], goals: BENEFIT_GOALS.map((id) => ({ id, measures: [] })) };
}

/** The months a period covers, as [first, last] month numbers counted from year 0 (for ordering and overlap). */
export function periodMonths(period: string): [number, number] | undefined {
  const m = PERIOD.exec(period);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return undefined;
  const base = year * 12;
  const part = m[2];
  if (!part) return [base, base + 11];
  if (part.startsWith('H')) return part === 'H1' ? [base, base + 5] : [base + 6, base + 11];
  const q = Number(part.slice(1)) - 1;
  return [base + q * 3, base + q * 3 + 2];
}

/** Sorts periods oldest first (by their first month). */
export function sortPeriods(periods: readonly string[]): string[] {
  return [...periods].sort((a, b) => (periodMonths(a)?.[0] ?? 0) - (periodMonths(b)?.[0] ?? 0));
}

/**
 * Everything wrong with a portfolio sent by a client, each as `path: message` (the path names
 * the field, as the other admin checks do). Empty when it can be stored.
 */
export function portfolioProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['The portfolio must be an object with periods and goals'];
  const problems: string[] = [];
  const periods = periodProblems(value.periods, problems);
  if (!Array.isArray(value.goals)) return [...problems, 'goals: a list of the five benefit goals'];
  const ids = value.goals.map((g) => (isRecord(g) ? g.id : undefined));
  if (value.goals.length !== BENEFIT_GOALS.length || BENEFIT_GOALS.some((id, i) => ids[i] !== id)) {
    problems.push(`goals: the five benefit goals in this order: ${BENEFIT_GOALS.join(', ')}`);
    return problems;
  }
  const seen = new Set<string>();
  let count = 0;
  value.goals.forEach((goal, g) => {
    const measures = (goal as Record<string, unknown>).measures;
    if (!Array.isArray(measures)) {
      problems.push(`goals[${g}].measures: a list of development measures`);
      return;
    }
    count += measures.length;
    measures.forEach((measure, m) => measureProblems(measure, `goals[${g}].measures[${m}]`, periods, seen, problems));
  });
  if (count > MAX_MEASURES) problems.push(`goals: at most ${MAX_MEASURES} development measures`);
  return problems;
}

function periodProblems(value: unknown, problems: string[]): Set<string> {
  const periods = new Set<string>();
  if (!Array.isArray(value)) {
    problems.push('periods: a list of reporting periods such as 2021-H1, 2020-Q4 or 2022');
    return periods;
  }
  if (value.length > MAX_PERIODS) problems.push(`periods: at most ${MAX_PERIODS}`);
  let previous: [number, number] | undefined;
  value.forEach((p, i) => {
    const months = typeof p === 'string' ? periodMonths(p) : undefined;
    if (!months) {
      problems.push(`periods[${i}]: a year (2022), a half-year (2021-H1) or a quarter (2020-Q4)`);
      return;
    }
    if (periods.has(p as string)) problems.push(`periods[${i}]: ${String(p)} is listed twice`);
    else if (previous && months[0] <= previous[1]) problems.push(`periods[${i}]: ${String(p)} must start after the period before it ends (oldest first, no overlap)`);
    periods.add(p as string);
    previous = months;
  });
  return periods;
}

function measureProblems(value: unknown, at: string, periods: Set<string>, seen: Set<string>, problems: string[]): void {
  if (!isRecord(value)) {
    problems.push(`${at}: a development measure with id, name, owner, maturity and indicators`);
    return;
  }
  if (typeof value.id !== 'string' || !MEASURE_ID.test(value.id)) problems.push(`${at}.id: lower-case letters, digits and dashes, at most 64`);
  else if (seen.has(value.id)) problems.push(`${at}.id: ${value.id} is used by another measure`);
  else seen.add(value.id);
  text(value.name, `${at}.name`, 200, true, problems);
  text(value.owner, `${at}.owner`, 120, true, problems);
  text(value.subProject, `${at}.subProject`, 120, false, problems);
  if (!Array.isArray(value.maturity)) problems.push(`${at}.maturity: a list of {period, level}`);
  else {
    const reported = new Set<string>();
    value.maturity.forEach((entry, i) => {
      const path = `${at}.maturity[${i}]`;
      if (!isRecord(entry)) return void problems.push(`${path}: {period, level}`);
      if (typeof entry.period !== 'string' || !periods.has(entry.period)) problems.push(`${path}.period: one of the portfolio's periods`);
      else if (reported.has(entry.period)) problems.push(`${path}.period: ${entry.period} is reported twice`);
      else reported.add(entry.period);
      if (!MATURITY_LEVELS.includes(entry.level as MaturityLevel)) problems.push(`${path}.level: a whole number from 1 to 5`);
    });
  }
  if (!Array.isArray(value.indicators)) problems.push(`${at}.indicators: a list of indicator ids`);
  else {
    value.indicators.forEach((id, i) => {
      if (!PORTFOLIO_INDICATORS.includes(id as PortfolioIndicator)) problems.push(`${at}.indicators[${i}]: one of ${PORTFOLIO_INDICATORS.join(', ')}`);
    });
    if (new Set(value.indicators).size !== value.indicators.length) problems.push(`${at}.indicators: each indicator once`);
  }
}

function text(value: unknown, path: string, max: number, required: boolean, problems: string[]): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.trim() === '') problems.push(`${path}: text is needed`);
  else if (value.length > max) problems.push(`${path}: at most ${max} characters`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The portfolio as stored: only the known fields, periods and each measure's maturity oldest first. */
export function normalisePortfolio(portfolio: Portfolio): Portfolio {
  const order = new Map(sortPeriods(portfolio.periods).map((p, i) => [p, i]));
  return {
    periods: sortPeriods(portfolio.periods),
    goals: portfolio.goals.map((goal) => ({
      id: goal.id,
      measures: goal.measures.map((m) => ({
        id: m.id,
        name: m.name.trim(),
        owner: m.owner.trim(),
        ...(m.subProject?.trim() ? { subProject: m.subProject.trim() } : {}),
        maturity: [...m.maturity].sort((a, b) => (order.get(a.period) ?? 0) - (order.get(b.period) ?? 0)).map(({ period, level }) => ({ period, level })),
        indicators: [...m.indicators],
      })),
    })),
  };
}

export type MaturityChangeProblem = 'unknown-measure' | 'unknown-period' | 'invalid-level';

/** The portfolio with one measure's level in one period set (or a reason it cannot be). */
export function withMaturity(portfolio: Portfolio, measureId: string, period: string, level: unknown): Portfolio | MaturityChangeProblem {
  if (!portfolio.periods.includes(period)) return 'unknown-period';
  if (!MATURITY_LEVELS.includes(level as MaturityLevel)) return 'invalid-level';
  if (!portfolio.goals.some((g) => g.measures.some((m) => m.id === measureId))) return 'unknown-measure';
  const next = {
    ...portfolio,
    goals: portfolio.goals.map((goal) => ({
      ...goal,
      measures: goal.measures.map((m) => (m.id !== measureId ? m : { ...m, maturity: [...m.maturity.filter((e) => e.period !== period), { period, level: level as MaturityLevel }] })),
    })),
  };
  return normalisePortfolio(next);
}

/** One measure's row of the maturity table: a level (or none) per period, and what changed last. */
export interface MaturityRow {
  measure: DevelopmentMeasure;
  levels: Array<MaturityLevel | undefined>;
  /** The latest reported level. */
  latest?: MaturityLevel;
  /** The latest level minus the one reported before it; undefined with fewer than two reports. */
  change?: number;
}

export function maturityRow(measure: DevelopmentMeasure, periods: readonly string[]): MaturityRow {
  const byPeriod = new Map(measure.maturity.map((e) => [e.period, e.level]));
  const levels = periods.map((p) => byPeriod.get(p));
  const reported = levels.filter((l): l is MaturityLevel => l !== undefined);
  const latest = reported.at(-1);
  const before = reported.at(-2);
  return { measure, levels, ...(latest !== undefined ? { latest } : {}), ...(latest !== undefined && before !== undefined ? { change: latest - before } : {}) };
}

/** Where a goal's measures stand in one period: how many at each level, and how many not reported. */
export interface GoalStanding {
  goal: BenefitGoalId;
  period: string;
  measures: number;
  /** Index 0 is level 1. */
  atLevel: [number, number, number, number, number];
  notReported: number;
  /** Measures being piloted or in use (levels 4 and 5). */
  pilotedOrInUse: number;
  /** Mean level of those reported, one decimal; undefined when none is. */
  meanLevel?: number;
}

export function goalStanding(goal: BenefitGoal, period: string): GoalStanding {
  const atLevel: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let sum = 0;
  let reported = 0;
  for (const m of goal.measures) {
    const level = m.maturity.find((e) => e.period === period)?.level;
    if (level === undefined) continue;
    atLevel[level - 1] = (atLevel[level - 1] ?? 0) + 1;
    sum += level;
    reported += 1;
  }
  return {
    goal: goal.id,
    period,
    measures: goal.measures.length,
    atLevel,
    notReported: goal.measures.length - reported,
    pilotedOrInUse: atLevel[3] + atLevel[4],
    ...(reported > 0 ? { meanLevel: Math.round((sum / reported) * 10) / 10 } : {}),
  };
}

/**
 * The self-assessment of one period against the period before it: per goal, where it stands,
 * and the measures that moved forward, fell back, stayed or were not reported.
 */
export interface SelfAssessment {
  period: string;
  previous?: string;
  goals: Array<{
    goal: BenefitGoalId;
    standing: GoalStanding;
    previousStanding?: GoalStanding;
    advanced: Array<{ measure: DevelopmentMeasure; from?: MaturityLevel; to: MaturityLevel }>;
    fellBack: Array<{ measure: DevelopmentMeasure; from: MaturityLevel; to: MaturityLevel }>;
    unchanged: Array<{ measure: DevelopmentMeasure; level: MaturityLevel }>;
    notReported: DevelopmentMeasure[];
  }>;
}

export function selfAssessment(portfolio: Portfolio, period: string): SelfAssessment | undefined {
  const index = portfolio.periods.indexOf(period);
  if (index < 0) return undefined;
  const previous = index > 0 ? portfolio.periods[index - 1] : undefined;
  return {
    period,
    ...(previous ? { previous } : {}),
    goals: portfolio.goals.map((goal) => {
      const result: SelfAssessment['goals'][number] = {
        goal: goal.id,
        standing: goalStanding(goal, period),
        ...(previous ? { previousStanding: goalStanding(goal, previous) } : {}),
        advanced: [],
        fellBack: [],
        unchanged: [],
        notReported: [],
      };
      for (const measure of goal.measures) {
        const to = measure.maturity.find((e) => e.period === period)?.level;
        const from = previous ? measure.maturity.find((e) => e.period === previous)?.level : undefined;
        if (to === undefined) result.notReported.push(measure);
        else if (from === undefined || to > from) result.advanced.push({ measure, ...(from !== undefined ? { from } : {}), to });
        else if (to < from) result.fellBack.push({ measure, from, to });
        else result.unchanged.push({ measure, level: to });
      }
      return result;
    }),
  };
}

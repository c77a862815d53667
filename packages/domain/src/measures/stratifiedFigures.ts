/**
 * Publishing one indicator with its strata (pure): the counts the database returned for the
 * whole population and for each stratum of each stratifier (unit, municipality, age group,
 * profession), turned into what a manager may see.
 *
 * The rules are those of `smallNumbers.ts`, applied to the whole table at once, so that a hidden
 * stratum cannot be worked out from the others:
 * - a count under five (0 included) is hidden; a hidden stratum carries no count or score;
 * - each stratifier's strata add up to the total (every person is in exactly one stratum of each
 *   stratifier, an unknown value being a stratum of its own): when one stratum is hidden and the
 *   total shown, at least one more is hidden (and together they are at least five), so the
 *   total minus the shown strata reveals nothing;
 * - a share's numerator and its rest (denominator − numerator) are both counts of people and
 *   both must be published for the share to be shown; they add up across strata too;
 * - published counts are rounded to 5; shares are computed from the rounded counts;
 * - a quantile (median, 90th percentile) is shown only with five values at or below and at or
 *   above it, and only when the stratum's count is shown;
 * - a figure of how contacts were handled, in a stratum whose handling was all one
 *   professional's, is not shown (decision 009): its numerators are hidden and protected by
 *   complements like small counts, so they cannot be subtracted out either.
 */
import { publishCounts, publishedShare, SMALL_NUMBER_LIMIT, type Breakdown, type CountTable, type DisclosureOptions } from '../smallNumbers';
import { histogramCount, histogramMean, histogramQuantile, histogramQuantilePublishable, type Histogram } from './histogram';
import type { IndicatorDefinition, Stratifier } from './indicatorCatalogue';

/** What the database counted for the whole population (`stratifier: null`) or one stratum. */
export interface StratumCounts {
  stratifier: Stratifier | null;
  /** The stratum's value (a unit reference, municipality code, age group, profession code); '' for the whole. */
  value: string;
  /** People counted: the denominator of a proportion, the population of a continuous measure. */
  population: number;
  /** Proportion: per group, how many of the population are in its numerator. */
  numerators?: Record<string, number>;
  /** Continuous: the measured values. */
  histogram?: Histogram;
  /** Distinct professionals who handled the stratum's population (handling indicators only). */
  professionals?: number;
}

export interface PublishedStratum {
  value: string;
  /** The count is hidden (under five, or to protect another hidden stratum); then nothing else is shown. */
  hidden: boolean;
  population: number | null;
  /** Proportion: per group, the rounded numerator or null. */
  numerators: Record<string, number | null>;
  /** Per group: the share (0–1) or the quantile, or null when not shown. */
  scores: Record<string, number | null>;
  /** Handled by one professional only: the handling figures are not shown (decision 009). */
  oneProfessional?: boolean;
}

export interface PublishedIndicator {
  total: PublishedStratum;
  strata: Partial<Record<Stratifier, PublishedStratum[]>>;
}

const keyOf = (s: Stratifier | null, value: string, part: string) => `${s ?? ''}|${value}|${part}`;

/** The quantile a continuous group's code names ('median', 'p90'). */
export function quantileOfGroup(code: string): number {
  if (code === 'median') return 50;
  const m = /^p(\d{1,2})$/.exec(code);
  if (!m) throw new RangeError(`not a quantile group: ${code}`);
  return Number(m[1]);
}

/**
 * The published figures of one indicator. `rows` holds exactly one row for the whole
 * (stratifier null) and, per stratifier, one row per value met (which must add up to the whole).
 */
export function publishIndicator(definition: IndicatorDefinition, rows: readonly StratumCounts[], options: DisclosureOptions = {}): PublishedIndicator {
  const limit = options.limit ?? SMALL_NUMBER_LIMIT;
  const whole = rows.find((r) => r.stratifier === null) ?? { stratifier: null, value: '', population: 0, numerators: {}, histogram: [] };
  const all = [whole, ...rows.filter((r) => r.stratifier !== null && definition.stratifiers.includes(r.stratifier))];
  // A net group (NPS) has no numerator of its own: it is scored from the others.
  const groups = definition.groups.filter((g) => !g.net).map((g) => g.code);
  const counts: Record<string, number> = {};
  const breakdowns: Breakdown[] = [];
  const unpublished: string[] = [];
  const alsoHide: string[] = [];
  const handledByOne = (r: StratumCounts) => definition.handling === true && (r.professionals ?? 0) < 2 && r.population > 0;
  const metOne = (r: StratumCounts) => definition.markOneProfessional === true && r.professionals === 1;
  const parts = definition.scoring === 'proportion' ? (definition.partition ? groups.map((g) => `n:${g}`) : groups.flatMap((g) => [`n:${g}`, `rest:${g}`])) : [];

  for (const r of all) {
    counts[keyOf(r.stratifier, r.value, 'population')] = r.population;
    if (definition.scoring !== 'proportion') continue;
    for (const g of groups) {
      const n = r.numerators?.[g] ?? 0;
      if (n > r.population) throw new RangeError(`numerator ${g} of ${r.stratifier}:${r.value} exceeds its population`);
      counts[keyOf(r.stratifier, r.value, `n:${g}`)] = n;
      if (!definition.partition) {
        counts[keyOf(r.stratifier, r.value, `rest:${g}`)] = r.population - n;
        breakdowns.push({ total: keyOf(r.stratifier, r.value, 'population'), cells: [keyOf(r.stratifier, r.value, `n:${g}`), keyOf(r.stratifier, r.value, `rest:${g}`)] });
      }
    }
    if (definition.partition) {
      const sum = groups.reduce((s, g) => s + (r.numerators?.[g] ?? 0), 0);
      if (sum > r.population) throw new RangeError(`the groups of ${r.stratifier}:${r.value} exceed its population`);
      // People in none of the groups: never shown, assumed known to a reader (smallNumbers.ts).
      counts[keyOf(r.stratifier, r.value, 'other')] = r.population - sum;
      unpublished.push(keyOf(r.stratifier, r.value, 'other'));
      breakdowns.push({ total: keyOf(r.stratifier, r.value, 'population'), cells: [...groups.map((g) => keyOf(r.stratifier, r.value, `n:${g}`)), keyOf(r.stratifier, r.value, 'other')] });
    }
    if (handledByOne(r)) for (const p of parts) alsoHide.push(keyOf(r.stratifier, r.value, p));
  }
  for (const s of definition.stratifiers) {
    const strata = all.filter((r) => r.stratifier === s);
    if (strata.length === 0) continue;
    const total = strata.reduce((sum, r) => sum + r.population, 0);
    if (total !== whole.population) throw new RangeError(`the strata of ${s} add up to ${total}, not ${whole.population}`);
    for (const part of ['population', ...parts, ...(definition.partition ? ['other'] : [])]) {
      breakdowns.push({ total: keyOf(null, '', part), cells: strata.map((r) => keyOf(s, r.value, part)) });
    }
  }
  const table: CountTable = { counts, breakdowns, unpublished: [...new Set(unpublished)], alsoHide };
  const shown = publishCounts(table, options).counts;
  const get = (k: string) => shown[k] ?? null;

  const publish = (r: StratumCounts): PublishedStratum => {
    const population = get(keyOf(r.stratifier, r.value, 'population'));
    const one = handledByOne(r);
    const numerators: Record<string, number | null> = {};
    const scores: Record<string, number | null> = {};
    for (const group of definition.groups) {
      const g = group.code;
      if (group.net) {
        scores[g] = population === null || one ? null : netScore(group.net, groups.map((x) => get(keyOf(r.stratifier, r.value, `n:${x}`))), groups, limit);
        numerators[g] = null;
      } else if (definition.scoring === 'proportion') {
        const n = one ? null : get(keyOf(r.stratifier, r.value, `n:${g}`));
        const restShown = definition.partition || get(keyOf(r.stratifier, r.value, `rest:${g}`)) !== null;
        numerators[g] = population === null ? null : n;
        scores[g] = population === null || !restShown ? null : publishedShare(n, population, options);
      } else {
        const h = r.histogram ?? [];
        if (g === 'mean') {
          // A mean of per-client values over at least five clients is no one's own figure (decision 021).
          scores[g] = population !== null && !one && histogramCount(h) >= limit ? Math.round(histogramMean(h) * 100) / 100 : null;
          continue;
        }
        const q = histogramQuantile(h, quantileOfGroup(g));
        scores[g] = population !== null && !one && histogramQuantilePublishable(h, q, limit) ? q : null;
      }
    }
    return { value: r.value, hidden: population === null, population, numerators, scores, ...(one || metOne(r) ? { oneProfessional: true } : {}) };
  };
  const strata: Partial<Record<Stratifier, PublishedStratum[]>> = {};
  for (const s of definition.stratifiers) strata[s] = all.filter((r) => r.stratifier === s).map(publish).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { total: publish(whole), strata };
}

/**
 * A net score such as NPS: 100 × (plus − minus) / all, from the published (rounded) counts of
 * a partition's groups, whole, and only when every group is shown and they add up to at least
 * the limit (a hidden group would be pinned by the score and the total), as feedbackResults.ts.
 */
function netScore(net: { plus: string; minus: string }, counts: ReadonlyArray<number | null>, groups: readonly string[], limit: number): number | null {
  if (counts.some((c) => c === null)) return null;
  const all = (counts as number[]).reduce((s, c) => s + c, 0);
  if (all < limit) return null;
  const of = (code: string) => (counts[groups.indexOf(code)] as number | undefined) ?? 0;
  return Math.round(((of(net.plus) - of(net.minus)) / all) * 100) + 0;
}

/**
 * One week and profession of demand against capacity (`GET /api/demand-capacity`): counts of
 * people are null when hidden (under five); times are not people and are always shown.
 */
export interface PublishedWeek {
  /** Monday of the week (Helsinki). */
  week: string;
  profession: string;
  needVisit: number | null;
  arrived: number | null;
  backlog: number | null;
  freeTimes: number;
  bookedTimes: number;
}

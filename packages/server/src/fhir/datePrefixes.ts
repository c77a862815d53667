/**
 * R4's date prefixes (search.html#date) as comparisons between the range a resource's value
 * covers (`target`: a date's day, a Period's start to end) and the range the search value
 * covers (`search`). One table, read both by the SQL builder and by the unit tests.
 */
export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

export const DATE_PREFIXES: readonly DatePrefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

type Side = 'targetLow' | 'targetHigh' | 'searchLow' | 'searchHigh';
type Comparison = [Side, '<' | '<=' | '>' | '>=', Side];
/** Any one of the alternatives matches; within one, all comparisons must hold. */
export type DateRule = Comparison[][];

const CONTAINED: Comparison[] = [['targetLow', '>=', 'searchLow'], ['targetHigh', '<=', 'searchHigh']];

export const DATE_RULES: Record<DatePrefix, DateRule> = {
  // The search range fully contains the target range.
  eq: [CONTAINED],
  ne: [[['targetLow', '<', 'searchLow']], [['targetHigh', '>', 'searchHigh']]],
  // The range above (below) the search value overlaps the target.
  gt: [[['targetHigh', '>', 'searchHigh']]],
  lt: [[['targetLow', '<', 'searchLow']]],
  // ... or the search range fully contains the target: a Period that starts before the day
  // asked and ends on it is not "ge" that day.
  ge: [[['targetHigh', '>', 'searchHigh']], CONTAINED],
  le: [[['targetLow', '<', 'searchLow']], CONTAINED],
  // Starts after / ends before: no overlap at all.
  sa: [[['targetLow', '>', 'searchHigh']]],
  eb: [[['targetHigh', '<', 'searchLow']]],
  // Overlap with the search range widened (see `approximateRange`).
  ap: [[['targetLow', '<=', 'searchHigh'], ['targetHigh', '>=', 'searchLow']]],
};

/**
 * R4 leaves `ap` to the server and suggests 10 % of the distance between now and the value;
 * Ovi widens the search range by that on both sides, and by at least a day.
 */
export function approximateRange(low: string, high: string, nowMs: number): [string, string] {
  const lowMs = Date.parse(low);
  const highMs = Date.parse(high);
  const distance = nowMs < lowMs ? lowMs - nowMs : nowMs > highMs ? nowMs - highMs : 0;
  const margin = Math.max(distance / 10, 24 * 3600 * 1000);
  return [new Date(lowMs - margin).toISOString(), new Date(highMs + margin).toISOString()];
}

/** Whether a target range meets the rule: the meaning of the SQL, evaluated in TypeScript. */
export function dateRuleMatches(rule: DateRule, ranges: Record<Side, number>): boolean {
  const holds = ([a, op, b]: Comparison) => {
    const [x, y] = [ranges[a], ranges[b]];
    return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  };
  return rule.some((all) => all.every(holds));
}

/**
 * The rule as SQL over the given columns and values; `bind` is called only for the values the
 * rule uses (an unused bound parameter has no type in PostgreSQL) and once for each.
 */
export function dateRuleSql(rule: DateRule, sides: Record<Side, () => string>): string {
  const used = new Map<Side, string>();
  const side = (s: Side) => used.get(s) ?? used.set(s, sides[s]()).get(s);
  return `(${rule.map((all) => `(${all.map(([a, op, b]) => `${side(a)} ${op} ${side(b)}`).join(' AND ')})`).join(' OR ')})`;
}

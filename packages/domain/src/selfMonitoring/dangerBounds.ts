import { QUANTITIES, type Quantity } from './measures';

/**
 * The furthest a region may move a danger limit (docs/SAFETY.md, self-monitoring): a value past
 * these is dangerous whatever a region decides, so no setting may let it pass unnoticed. An
 * `atLeast` limit may be lowered freely (more alerts) but not raised past `max`; a `below` limit
 * raised freely but not lowered past `min`. Each kind must keep a rule: removing it would let
 * every value pass.
 */
export interface DangerBound {
  quantity: Quantity;
  direction: 'atLeast' | 'below';
  /** For `atLeast`: the highest limit allowed. */
  max?: number;
  /** For `below`: the lowest limit allowed. */
  min?: number;
}

export const DANGER_LIMIT_BOUNDS: readonly DangerBound[] = [
  { quantity: 'systolic', direction: 'atLeast', max: 220 },
  { quantity: 'diastolic', direction: 'atLeast', max: 130 },
  { quantity: 'systolic', direction: 'below', min: 70 },
  { quantity: 'glucose', direction: 'below', min: 3 },
  { quantity: 'glucose', direction: 'atLeast', max: 25 },
  { quantity: 'pulse', direction: 'below', min: 40 },
  { quantity: 'pulse', direction: 'atLeast', max: 150 },
];

interface RuleLike {
  quantity?: unknown;
  atLeast?: unknown;
  below?: unknown;
}

/** Problems of the danger rules against the bounds, as `path: message` (rules of a wrong shape are left to the shape check). */
export function dangerLimitProblems(rules: readonly RuleLike[]): string[] {
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    if (!rule || typeof rule !== 'object' || typeof rule.quantity !== 'string' || !(rule.quantity in QUANTITIES)) return;
    const quantity = rule.quantity as Quantity;
    const { min: plausibleMin, max: plausibleMax, unit } = QUANTITIES[quantity];
    for (const direction of ['atLeast', 'below'] as const) {
      const limit = rule[direction];
      if (typeof limit !== 'number' || !Number.isFinite(limit)) continue;
      const at = `danger[${i}].${direction}`;
      if (limit < plausibleMin || limit > plausibleMax) {
        problems.push(`${at}: a ${quantity} limit between ${plausibleMin} and ${plausibleMax} ${unit}`);
        continue;
      }
      const bound = DANGER_LIMIT_BOUNDS.find((b) => b.quantity === quantity && b.direction === direction);
      if (bound?.max !== undefined && limit > bound.max) problems.push(`${at}: a ${quantity} of ${bound.max} ${unit} or more is always dangerous; the limit can be at most ${bound.max}`);
      if (bound?.min !== undefined && limit < bound.min) problems.push(`${at}: a ${quantity} below ${bound.min} ${unit} is always dangerous; the limit can be at least ${bound.min}`);
    }
  });
  for (const bound of DANGER_LIMIT_BOUNDS) {
    const kept = rules.some((r) => r && typeof r === 'object' && r.quantity === bound.quantity && typeof r[bound.direction] === 'number');
    if (!kept) problems.push(`danger: a rule for ${bound.quantity} ${bound.direction === 'atLeast' ? 'at or above a limit' : 'below a limit'} is needed (without it every such value would pass)`);
  }
  return problems;
}

/** FHIR R4 Questionnaire enableWhen evaluation. */
import type {
  QuestionnaireItem,
  QuestionnaireItemEnableWhen,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';

type Answer = QuestionnaireResponseItemAnswer;
type Comparable = string | number | boolean;
export type AnswerLookup = (linkId: string) => Answer[];
interface Operands {
  expected: Comparable;
  actual: Comparable;
  ordered: boolean;
}

/** What an answer is compared with, and whether the value type has an order. */
function operands(ew: QuestionnaireItemEnableWhen, a: Answer): Omit<Operands, 'actual'> & { actual?: Comparable } | undefined {
  if (ew.answerBoolean !== undefined) return { expected: ew.answerBoolean, actual: a.valueBoolean, ordered: false };
  const number = ew.answerDecimal ?? ew.answerInteger;
  if (number !== undefined) return { expected: number, actual: a.valueDecimal ?? a.valueInteger, ordered: true };
  if (ew.answerDate !== undefined) return { expected: ew.answerDate, actual: a.valueDate, ordered: true };
  if (ew.answerDateTime !== undefined) return { expected: ew.answerDateTime, actual: a.valueDateTime, ordered: true };
  if (ew.answerTime !== undefined) return { expected: ew.answerTime, actual: a.valueTime, ordered: true };
  if (ew.answerString !== undefined) return { expected: ew.answerString, actual: a.valueString, ordered: true };
  if (ew.answerCoding) {
    const want = ew.answerCoding;
    const got = a.valueCoding;
    // A coding without a system matches on the code alone.
    const same = got && got.code === want.code && (!got.system || !want.system || got.system === want.system);
    return { expected: true, actual: got ? Boolean(same) : undefined, ordered: false };
  }
  if (ew.answerQuantity) {
    const want = ew.answerQuantity;
    const got = a.valueQuantity;
    const sameUnit = got && (got.code ?? got.unit) === (want.code ?? want.unit);
    return { expected: want.value ?? NaN, actual: sameUnit ? got.value : undefined, ordered: true };
  }
  if (ew.answerReference) return { expected: ew.answerReference.reference ?? '', actual: a.valueReference?.reference, ordered: false };
  return undefined;
}

function holds(op: QuestionnaireItemEnableWhen['operator'], actual: Comparable, expected: Comparable): boolean {
  switch (op) {
    case '=':
      return actual === expected;
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    default:
      return false;
  }
}

export function enableWhenHolds(ew: QuestionnaireItemEnableWhen, lookup: AnswerLookup): boolean {
  const answers = lookup(ew.question);
  if (ew.operator === 'exists') return (answers.length > 0) === (ew.answerBoolean ?? true);
  const pairs = answers
    .map((a) => operands(ew, a))
    .filter((p): p is Operands => p !== undefined && p.actual !== undefined);
  // R4: '!=' is true when no answer equals the value (also when there is no answer).
  if (ew.operator === '!=') return !pairs.some((p) => p.actual === p.expected);
  return pairs.some(
    (p) =>
      (ew.operator === '=' || (p.ordered && typeof p.actual === typeof p.expected)) &&
      holds(ew.operator, p.actual, p.expected),
  );
}

export function isItemEnabled(item: QuestionnaireItem, lookup: AnswerLookup): boolean {
  const conditions = item.enableWhen ?? [];
  if (conditions.length === 0) return true;
  const results = conditions.map((ew) => enableWhenHolds(ew, lookup));
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/**
 * linkIds of the items that are disabled, children of disabled items included. Answers of
 * disabled items do not count for other conditions, so this repeats until it settles.
 */
export function disabledLinkIds(items: QuestionnaireItem[], answers: Map<string, Answer[]>): Set<string> {
  let disabled = new Set<string>();
  for (let round = 0; round <= answers.size + 1; round += 1) {
    const lookup: AnswerLookup = (linkId) => (disabled.has(linkId) ? [] : (answers.get(linkId) ?? []));
    const next = new Set<string>();
    const walk = (list: QuestionnaireItem[], parentDisabled: boolean): void => {
      for (const item of list) {
        const off = parentDisabled || !isItemEnabled(item, lookup);
        if (off) next.add(item.linkId);
        walk(item.item ?? [], off);
      }
    };
    walk(items, false);
    const settled = next.size === disabled.size && [...next].every((id) => disabled.has(id));
    disabled = next;
    if (settled) break;
  }
  return disabled;
}

/** Validation of a routing rule set received as JSON (e.g. an admin PUT). */
import type { RoutingRuleSet } from './routingRules';
import { PROFESSIONS, URGENCIES } from './types';
import {
  checkAdviceList,
  checkInteger,
  checkLocalizedText,
  checkNumber,
  checkObject,
  checkOneOf,
  checkString,
  checkUniqueIds,
  isRecord,
  pathOf,
} from './validation';

const SET_KEYS = ['version', 'fallback', 'rules'] as const;
const RULE_KEYS = ['id', 'order', 'title', 'when', 'unless', 'then', 'explanation', 'advice'] as const;
const TARGET_KEYS = ['urgency', 'profession', 'service'] as const;
const ANSWER_KEYS = ['linkId', 'anyOf', 'equals', 'atLeast', 'atMost'] as const;
const AGE_KEYS = ['ageAtLeast', 'ageBelow'] as const;

export interface RoutingValidationOptions {
  /** When given, conditions may only refer to these questionnaire items. */
  knownLinkIds?: Iterable<string>;
}

function checkTarget(value: Record<string, unknown>, path: string, errors: string[]): void {
  checkOneOf(value.urgency, URGENCIES, pathOf(path, 'urgency'), errors);
  checkOneOf(value.profession, PROFESSIONS, pathOf(path, 'profession'), errors);
  checkString(value.service, pathOf(path, 'service'), errors);
}

function checkRange(low: unknown, high: unknown, path: string, names: [string, string], errors: string[], strict: boolean): void {
  if (typeof low !== 'number' || typeof high !== 'number') return;
  if (strict ? low >= high : low > high) {
    errors.push(`${path}: ${names[0]} (${low}) must be ${strict ? 'below' : 'at most'} ${names[1]} (${high})`);
  }
}

function checkCondition(value: unknown, path: string, errors: string[], linkIds: Set<string> | undefined): void {
  if (isRecord(value) && value.linkId !== undefined) {
    if (!checkObject(value, path, ANSWER_KEYS, errors)) return;
    if (checkString(value.linkId, pathOf(path, 'linkId'), errors) && linkIds && !linkIds.has(value.linkId)) {
      errors.push(`${pathOf(path, 'linkId')}: no questionnaire item "${value.linkId}"`);
    }
    const { anyOf, equals, atLeast, atMost } = value;
    if (anyOf !== undefined) {
      if (!Array.isArray(anyOf) || anyOf.length === 0) errors.push(`${pathOf(path, 'anyOf')}: must be a non-empty array`);
      else anyOf.forEach((v: unknown, i: number) => checkString(v, pathOf(pathOf(path, 'anyOf'), i), errors));
    }
    const okEquals = typeof equals === 'boolean' || typeof equals === 'string' || Number.isFinite(equals);
    if (equals !== undefined && !okEquals) errors.push(`${pathOf(path, 'equals')}: must be a string, number or boolean`);
    if (atLeast !== undefined) checkNumber(atLeast, pathOf(path, 'atLeast'), errors);
    if (atMost !== undefined) checkNumber(atMost, pathOf(path, 'atMost'), errors);
    checkRange(atLeast, atMost, path, ['atLeast', 'atMost'], errors, false);
    return;
  }
  if (!checkObject(value, path, AGE_KEYS, errors)) return;
  if (value.ageAtLeast === undefined && value.ageBelow === undefined) {
    errors.push(`${path}: must have a linkId, or ageAtLeast and/or ageBelow`);
    return;
  }
  if (value.ageAtLeast !== undefined) checkNumber(value.ageAtLeast, pathOf(path, 'ageAtLeast'), errors, 0);
  if (value.ageBelow !== undefined) checkNumber(value.ageBelow, pathOf(path, 'ageBelow'), errors, 0);
  checkRange(value.ageAtLeast, value.ageBelow, path, ['ageAtLeast', 'ageBelow'], errors, true);
}

function checkRule(value: unknown, path: string, errors: string[], linkIds: Set<string> | undefined): void {
  if (!checkObject(value, path, RULE_KEYS, errors)) return;
  if (checkString(value.id, pathOf(path, 'id'), errors) && value.id === 'fallback') {
    errors.push(`${pathOf(path, 'id')}: "fallback" is reserved`);
  }
  checkNumber(value.order, pathOf(path, 'order'), errors);
  checkLocalizedText(value.title, pathOf(path, 'title'), errors);
  for (const key of ['when', 'unless'] as const) {
    const list = value[key];
    if (key === 'unless' && list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) {
      errors.push(`${pathOf(path, key)}: must be a non-empty array of conditions`);
    } else {
      list.forEach((c: unknown, i: number) => checkCondition(c, pathOf(pathOf(path, key), i), errors, linkIds));
    }
  }
  if (checkObject(value.then, pathOf(path, 'then'), TARGET_KEYS, errors)) checkTarget(value.then, pathOf(path, 'then'), errors);
  checkLocalizedText(value.explanation, pathOf(path, 'explanation'), errors);
  if (value.advice !== undefined) checkAdviceList(value.advice, pathOf(path, 'advice'), errors);
}

export function validateRoutingRuleSet(
  value: unknown,
  options: RoutingValidationOptions = {},
): { ruleSet?: RoutingRuleSet; errors: string[] } {
  const errors: string[] = [];
  const linkIds = options.knownLinkIds ? new Set(options.knownLinkIds) : undefined;
  if (!checkObject(value, '', SET_KEYS, errors)) return { errors };
  checkInteger(value.version, 'version', errors, { min: 1 });
  if (checkObject(value.fallback, 'fallback', [...TARGET_KEYS, 'explanation'], errors)) {
    checkTarget(value.fallback, 'fallback', errors);
    checkLocalizedText(value.fallback.explanation, 'fallback.explanation', errors);
  }
  if (!Array.isArray(value.rules)) {
    errors.push('rules: must be an array');
  } else {
    value.rules.forEach((rule: unknown, i: number) => checkRule(rule, pathOf('rules', i), errors, linkIds));
    checkUniqueIds(value.rules.map((rule: unknown) => (rule as { id?: unknown } | null)?.id), 'rules', errors);
  }
  if (errors.length > 0) return { errors };
  return { ruleSet: structuredClone(value) as unknown as RoutingRuleSet, errors };
}

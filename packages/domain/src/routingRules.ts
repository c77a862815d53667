/**
 * Transparent routing: configurable rules turn questionnaire answers into a suggested
 * urgency, profession and service. A guidance professional always makes the decision.
 */
import { urgencyRank } from './guidanceQueue';
import type { AdviceKind, Language, LocalizedText, Profession, Urgency } from './types';

export { validateRoutingRuleSet } from './validateRoutingRules';

export type AnswerValue = string | number | boolean;
/** linkId → answers; a coding is represented by its `code`. */
export type AnswerMap = Record<string, AnswerValue[]>;

/**
 * Holds when some answer to `linkId` meets every constraint given. With no constraint the
 * item only has to be answered. `anyOf` compares the answer as text (codes).
 */
export interface AnswerCondition {
  linkId: string;
  anyOf?: string[];
  equals?: AnswerValue;
  atLeast?: number;
  atMost?: number;
}

/** Holds when the person's age in completed years is known and in [ageAtLeast, ageBelow). */
export interface AgeCondition {
  linkId?: never;
  ageAtLeast?: number;
  ageBelow?: number;
}

export type RuleCondition = AnswerCondition | AgeCondition;

export interface RoutingTarget {
  urgency: Urgency;
  profession: Profession;
  service: string;
}

export interface RoutingRule {
  id: string;
  order: number;
  title: LocalizedText;
  /** All conditions must hold. */
  when: RuleCondition[];
  /**
   * Optional exception: the rule does not fire when all of these hold. Lets a general rule
   * step aside for a milder, more specific one (safety first would otherwise always pick
   * the general rule, since it is the more urgent of the two).
   */
  unless?: RuleCondition[];
  then: RoutingTarget;
  explanation: LocalizedText;
  /** What the resident is told to do now when this rule matches (e.g. call 112); the numbers are where-to-turn data. */
  advice?: AdviceKind[];
}

export interface RoutingRuleSet {
  version: number;
  fallback: RoutingTarget & { explanation: LocalizedText };
  rules: RoutingRule[];
}

export interface RoutingSuggestion extends RoutingTarget {
  /** The rule that won, or 'fallback' when none matched. */
  ruleId: string;
  explanation: LocalizedText;
  /** Every rule that matched, winner first. */
  matchedRuleIds: string[];
}

export function isAnswerCondition(condition: RuleCondition): condition is AnswerCondition {
  return typeof condition.linkId === 'string';
}

function valueHolds(value: AnswerValue, c: AnswerCondition): boolean {
  if (c.anyOf !== undefined && !c.anyOf.includes(String(value))) return false;
  if (c.equals !== undefined && value !== c.equals) return false;
  if (c.atLeast !== undefined && !(typeof value === 'number' && value >= c.atLeast)) return false;
  if (c.atMost !== undefined && !(typeof value === 'number' && value <= c.atMost)) return false;
  return true;
}

function allHold(conditions: RuleCondition[], answers: AnswerMap, age: number | undefined): boolean {
  return conditions.every((c) => conditionHolds(c, answers, age));
}

/** Whether a rule fires: every `when` condition holds and the `unless` exception does not. */
export function ruleMatches(rule: RoutingRule, answers: AnswerMap, age: number | undefined): boolean {
  if (rule.when.length === 0 || !allHold(rule.when, answers, age)) return false;
  return !(rule.unless && rule.unless.length > 0 && allHold(rule.unless, answers, age));
}

export function conditionHolds(condition: RuleCondition, answers: AnswerMap, age: number | undefined): boolean {
  if (isAnswerCondition(condition)) {
    return (answers[condition.linkId] ?? []).some((value) => valueHolds(value, condition));
  }
  if (age === undefined) return false;
  return (
    (condition.ageAtLeast === undefined || age >= condition.ageAtLeast) &&
    (condition.ageBelow === undefined || age < condition.ageBelow)
  );
}

const WORDING: Record<Language, { rule: string; also: string; none: string }> = {
  fi: { rule: 'Sääntö', also: 'Myös nämä säännöt täyttyivät: {0}. Kiireellisin valittiin.', none: 'Mikään sääntö ei täyttynyt.' },
  sv: { rule: 'Regel', also: 'Även dessa regler uppfylldes: {0}. Den mest brådskande valdes.', none: 'Ingen regel uppfylldes.' },
  en: { rule: 'Rule', also: 'These rules also matched: {0}. The most urgent one was chosen.', none: 'No rule matched.' },
};

function explain(winner: RoutingRule, others: RoutingRule[]): LocalizedText {
  const text = (lang: Language): string => {
    const w = WORDING[lang];
    const main = `${w.rule} "${winner.title[lang]}": ${winner.explanation[lang]}`;
    if (others.length === 0) return main;
    return `${main} ${w.also.replace('{0}', others.map((r) => `"${r.title[lang]}"`).join(', '))}`;
  };
  return { fi: text('fi'), sv: text('sv'), en: text('en') };
}

/**
 * All matching rules are collected; the most urgent one wins (safety first), then the
 * lowest `order`, then the earlier position in the list.
 */
export function suggestRouting(answers: AnswerMap, context: { age?: number }, ruleSet: RoutingRuleSet): RoutingSuggestion {
  const matched = ruleSet.rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => ruleMatches(rule, answers, context.age))
    .sort(
      (a, b) =>
        urgencyRank(a.rule.then.urgency) - urgencyRank(b.rule.then.urgency) ||
        a.rule.order - b.rule.order ||
        a.index - b.index,
    )
    .map(({ rule }) => rule);

  const [winner, ...others] = matched;
  if (!winner) {
    const { explanation, urgency, profession, service } = ruleSet.fallback;
    const prefixed = (lang: Language): string => `${WORDING[lang].none} ${explanation[lang]}`;
    return {
      urgency,
      profession,
      service,
      ruleId: 'fallback',
      explanation: { fi: prefixed('fi'), sv: prefixed('sv'), en: prefixed('en') },
      matchedRuleIds: [],
    };
  }
  return { ...winner.then, ruleId: winner.id, explanation: explain(winner, others), matchedRuleIds: matched.map((r) => r.id) };
}

/**
 * A routing rule as the form edits it: each condition as question, operator and value(s),
 * turned back into the stored shape only when the form is done. Checks here give the reader
 * field-by-field messages before the server's own check of the whole configuration.
 */
import type { TFunction } from 'i18next';
import type { Language, LocalizedText } from '@ovi/domain/src/types';
import { isAnswerCondition, type RoutingRule, type RoutingRuleSet, type RuleCondition } from '../../api/admin.resource';
import { pickText } from '../../api/fhir';
import type { Question } from '../../api/questionnaire.resource';
import { missingLanguages } from './texts';
import { sameValue } from './sameValue';

/** The pseudo-question of a condition on the person's age. */
export const AGE = '@age';

export type Operator = 'anyOf' | 'is' | 'atLeast' | 'atMost' | 'between' | 'answered' | 'ageAtLeast' | 'ageBelow' | 'ageBetween' | 'kept';

export interface ConditionDraft {
  /** Keeps React's rows apart when conditions are removed. */
  key: number;
  /** A question's linkId, AGE, or '' before one is chosen. */
  question: string;
  operator: Operator | '';
  /** The chosen answer codes (anyOf). */
  choices: string[];
  value: string;
  /** The upper end of a range (between, ageBetween). */
  value2: string;
  /** A stored condition the form cannot show as fields (kept as it is until changed). */
  kept?: RuleCondition;
}

export interface RuleDraft {
  id: string;
  isNew: boolean;
  order: number;
  title: LocalizedText;
  when: ConditionDraft[];
  unless: ConditionDraft[];
  urgency: string;
  profession: string;
  service: string;
  advice: string[];
  explanation: LocalizedText;
}

let nextKey = 1;
export const newConditionKey = () => nextKey++;

export const emptyCondition = (): ConditionDraft => ({ key: newConditionKey(), question: '', operator: '', choices: [], value: '', value2: '' });

/** The questions a condition can name: every item that takes an answer. */
export function answerableQuestions(items: Question[]): Question[] {
  return items.flatMap((q) => [...(q.type === 'group' || q.type === 'display' ? [] : [q]), ...answerableQuestions(q.items)]);
}

export function operatorsFor(question: string, questions: Map<string, Question>): Operator[] {
  if (question === AGE) return ['ageAtLeast', 'ageBelow', 'ageBetween'];
  if (!question) return [];
  const q = questions.get(question);
  switch (q?.type) {
    case 'choice':
      return ['anyOf', 'answered'];
    case 'boolean':
      return ['is', 'answered'];
    case 'integer':
      return ['atLeast', 'atMost', 'between', 'is', 'answered'];
    default:
      return ['is', 'answered'];
  }
}

const numberText = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function toConditionDraft(c: RuleCondition): ConditionDraft {
  const base = { ...emptyCondition() };
  if (!isAnswerCondition(c)) {
    if (c.ageAtLeast !== undefined && c.ageBelow !== undefined) return { ...base, question: AGE, operator: 'ageBetween', value: numberText(c.ageAtLeast), value2: numberText(c.ageBelow) };
    if (c.ageAtLeast !== undefined) return { ...base, question: AGE, operator: 'ageAtLeast', value: numberText(c.ageAtLeast) };
    return { ...base, question: AGE, operator: 'ageBelow', value: numberText(c.ageBelow) };
  }
  const given = (['anyOf', 'equals', 'atLeast', 'atMost'] as const).filter((k) => c[k] !== undefined);
  const question = c.linkId;
  if (given.length === 0) return { ...base, question, operator: 'answered' };
  if (given.length === 1 && c.anyOf) return { ...base, question, operator: 'anyOf', choices: [...c.anyOf] };
  if (given.length === 1 && c.equals !== undefined) return { ...base, question, operator: 'is', value: String(c.equals) };
  if (given.length === 1 && c.atLeast !== undefined) return { ...base, question, operator: 'atLeast', value: numberText(c.atLeast) };
  if (given.length === 1 && c.atMost !== undefined) return { ...base, question, operator: 'atMost', value: numberText(c.atMost) };
  if (given.length === 2 && c.atLeast !== undefined && c.atMost !== undefined) return { ...base, question, operator: 'between', value: numberText(c.atLeast), value2: numberText(c.atMost) };
  return { ...base, question, operator: 'kept', kept: c };
}

/** A number as people write it ("3", "2,5"); undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const clean = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return undefined;
  return Number(clean);
}

export function fromConditionDraft(d: ConditionDraft, questions: Map<string, Question>): RuleCondition {
  if (d.operator === 'kept' && d.kept) return d.kept;
  const n = parseNumber(d.value);
  const n2 = parseNumber(d.value2);
  switch (d.operator) {
    case 'ageAtLeast':
      return { ageAtLeast: n };
    case 'ageBelow':
      return { ageBelow: n };
    case 'ageBetween':
      return { ageAtLeast: n, ageBelow: n2 };
    case 'anyOf':
      return { linkId: d.question, anyOf: [...d.choices] };
    case 'atLeast':
      return { linkId: d.question, atLeast: n };
    case 'atMost':
      return { linkId: d.question, atMost: n };
    case 'between':
      return { linkId: d.question, atLeast: n, atMost: n2 };
    case 'is': {
      const type = questions.get(d.question)?.type;
      if (type === 'boolean') return { linkId: d.question, equals: d.value === 'true' };
      if (type === 'integer') return { linkId: d.question, equals: n };
      return { linkId: d.question, equals: d.value.trim() };
    }
    default:
      return { linkId: d.question };
  }
}

export function toRuleDraft(rule: RoutingRule): RuleDraft {
  return {
    id: rule.id,
    isNew: false,
    order: rule.order,
    title: { ...rule.title },
    when: rule.when.map(toConditionDraft),
    unless: (rule.unless ?? []).map(toConditionDraft),
    urgency: rule.then.urgency,
    profession: rule.then.profession,
    service: rule.then.service,
    advice: [...(rule.advice ?? [])],
    explanation: { ...rule.explanation },
  };
}

export function newRuleDraft(set: RoutingRuleSet): RuleDraft {
  const ids = new Set(set.rules.map((r) => r.id));
  let n = set.rules.length + 1;
  while (ids.has(`rule-${n}`)) n += 1;
  return {
    id: `rule-${n}`,
    isNew: true,
    order: Math.max(0, ...set.rules.map((r) => r.order)) + 10,
    title: { fi: '', sv: '', en: '' },
    when: [emptyCondition()],
    unless: [],
    urgency: 'non-urgent',
    profession: '',
    service: '',
    advice: [],
    explanation: { fi: '', sv: '', en: '' },
  };
}

export function fromRuleDraft(d: RuleDraft, questions: Map<string, Question>): RoutingRule {
  const unless = d.unless.map((c) => fromConditionDraft(c, questions));
  return {
    id: d.id.trim(),
    order: d.order,
    title: trimmed(d.title),
    when: d.when.map((c) => fromConditionDraft(c, questions)),
    ...(unless.length > 0 ? { unless } : {}),
    then: { urgency: d.urgency, profession: d.profession, service: d.service } as RoutingRule['then'],
    explanation: trimmed(d.explanation),
    ...(d.advice.length > 0 ? { advice: [...d.advice] as RoutingRule['advice'] } : {}),
  };
}

const trimmed = (text: LocalizedText): LocalizedText => ({ fi: text.fi.trim(), sv: text.sv.trim(), en: text.en.trim() });

/** Field ids: `rule-title-fi`, `rule-when-0-question`, `rule-urgency` … */
export const conditionFieldId = (list: 'when' | 'unless', index: number, part: string) => `rule-${list}-${index}-${part}`;

/** Problems by field id, in the reader's words; empty when the form may be done. */
export function checkRuleDraft(d: RuleDraft, mode: 'rule' | 'fallback', questions: Map<string, Question>, otherIds: string[], t: TFunction): Record<string, string> {
  const problems: Record<string, string> = {};
  if (mode === 'rule') {
    if (d.isNew) {
      const id = d.id.trim();
      if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id) || id === 'fallback') problems['rule-id'] = t('adminEdit.rules.problems.id');
      else if (otherIds.includes(id)) problems['rule-id'] = t('adminEdit.rules.problems.idTaken');
    }
    Object.assign(problems, missingLanguages('rule-title', d.title, t('adminEdit.problems.language')));
    if (d.when.length === 0) problems['rule-when-add'] = t('adminEdit.rules.problems.noConditions');
    for (const list of ['when', 'unless'] as const) {
      d[list].forEach((c, i) => Object.assign(problems, checkCondition(c, list, i, questions, t)));
    }
  }
  if (!d.urgency) problems['rule-urgency'] = t('adminEdit.problems.choose');
  if (!d.profession) problems['rule-profession'] = t('adminEdit.problems.choose');
  if (!d.service) problems['rule-service'] = t('adminEdit.problems.choose');
  Object.assign(problems, missingLanguages('rule-explanation', d.explanation, t('adminEdit.problems.language')));
  return problems;
}

function checkCondition(c: ConditionDraft, list: 'when' | 'unless', i: number, questions: Map<string, Question>, t: TFunction): Record<string, string> {
  const id = (part: string) => conditionFieldId(list, i, part);
  if (!c.question) return { [id('question')]: t('adminEdit.problems.choose') };
  if (!c.operator) return { [id('operator')]: t('adminEdit.problems.choose') };
  const problems: Record<string, string> = {};
  const n = parseNumber(c.value);
  const n2 = parseNumber(c.value2);
  const type = questions.get(c.question)?.type;
  switch (c.operator) {
    case 'anyOf':
      if (c.choices.length === 0) problems[`${id('choices')}-0`] = t('adminEdit.rules.problems.chooseAnswer');
      break;
    case 'is':
      if (type === 'boolean' ? c.value !== 'true' && c.value !== 'false' : type === 'integer' ? n === undefined : !c.value.trim()) {
        problems[id('value')] = type === 'integer' ? t('adminEdit.problems.number') : type === 'boolean' ? t('adminEdit.problems.choose') : t('adminEdit.problems.required');
      }
      break;
    case 'atLeast':
    case 'atMost':
      if (n === undefined) problems[id('value')] = t('adminEdit.problems.number');
      break;
    case 'between':
      if (n === undefined) problems[id('value')] = t('adminEdit.problems.number');
      if (n2 === undefined) problems[id('value2')] = t('adminEdit.problems.number');
      else if (n !== undefined && n > n2) problems[id('value2')] = t('adminEdit.rules.problems.range');
      break;
    case 'ageAtLeast':
    case 'ageBelow':
      if (n === undefined || n < 0 || !Number.isInteger(n)) problems[id('value')] = t('adminEdit.problems.age');
      break;
    case 'ageBetween':
      if (n === undefined || n < 0 || !Number.isInteger(n)) problems[id('value')] = t('adminEdit.problems.age');
      if (n2 === undefined || n2 < 0 || !Number.isInteger(n2)) problems[id('value2')] = t('adminEdit.problems.age');
      else if (n !== undefined && n >= n2) problems[id('value2')] = t('adminEdit.rules.problems.ageRange');
      break;
    default:
      break;
  }
  return problems;
}

/** A rule set in which `rules` keep their order numbers in the order shown (a move swaps two rules' numbers). */
export function moveRule(set: RoutingRuleSet, index: number, by: -1 | 1): RoutingRuleSet {
  const target = index + by;
  if (target < 0 || target >= set.rules.length) return set;
  const rules = [...set.rules];
  const a = rules[index];
  const b = rules[target];
  if (!a || !b) return set;
  if (a.order !== b.order) {
    rules[index] = { ...b, order: a.order };
    rules[target] = { ...a, order: b.order };
    return { ...set, rules };
  }
  // Equal numbers do not say which comes first: number them all again.
  rules[index] = b;
  rules[target] = a;
  return { ...set, rules: rules.map((r, i) => ({ ...r, order: (i + 1) * 10 })) };
}


/** What a changed rule set changes, in the reader's words. */
export function describeRuleChanges(before: RoutingRuleSet, after: RoutingRuleSet, t: TFunction, lang: Language): string[] {
  const name = (r: RoutingRule) => pickText(r.title, lang) || r.id;
  const was = new Map(before.rules.map((r) => [r.id, r]));
  const now = new Map(after.rules.map((r) => [r.id, r]));
  const lines: string[] = [];
  for (const rule of after.rules) {
    const old = was.get(rule.id);
    if (!old) {
      lines.push(t('adminEdit.rules.changes.added', { rule: name(rule) }));
      continue;
    }
    const parts: string[] = [];
    if (!sameValue(old.title, rule.title)) parts.push(t('adminEdit.rules.changes.title'));
    if (!sameValue(old.when, rule.when) || !sameValue(old.unless ?? [], rule.unless ?? [])) parts.push(t('adminEdit.rules.changes.conditions'));
    if (!sameValue(old.then, rule.then)) parts.push(t('adminEdit.rules.changes.target'));
    if (!sameValue(old.explanation, rule.explanation)) parts.push(t('adminEdit.rules.changes.explanation'));
    if (!sameValue(old.advice ?? [], rule.advice ?? [])) parts.push(t('adminEdit.rules.changes.advice'));
    if (parts.length > 0) lines.push(t('adminEdit.rules.changes.changed', { rule: name(rule), parts: parts.join(', ') }));
  }
  for (const rule of before.rules) if (!now.has(rule.id)) lines.push(t('adminEdit.rules.changes.removed', { rule: name(rule) }));
  const order = (set: RoutingRuleSet) =>
    [...set.rules]
      .filter((r) => was.has(r.id) && now.has(r.id))
      .sort((a, b) => a.order - b.order)
      .map((r) => r.id);
  if (!sameValue(order(before), order(after))) lines.push(t('adminEdit.rules.changes.order'));
  if (!sameValue(before.fallback, after.fallback)) lines.push(t('adminEdit.rules.changes.fallback'));
  return lines;
}

/** The server's problems with `rules[3]` named by the rule's title, so the reader knows which. */
export function nameRulesIn(problem: string, set: RoutingRuleSet, lang: Language): string {
  return problem.replace(/\brules\[(\d+)\]/g, (whole, index: string) => {
    const rule = set.rules[Number(index)];
    return rule ? `${whole} “${pickText(rule.title, lang) || rule.id}”` : whole;
  });
}

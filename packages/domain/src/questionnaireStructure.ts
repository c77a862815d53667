/**
 * Whether a questionnaire an administrator has edited can still be filled in: every item has
 * its own linkId, a known type and its text in Finnish, Swedish and English; a choice offers
 * coded answers; a condition (enableWhen) asks about an earlier question with a value that
 * question can have. Each problem names the field it is about, so the form can show it there.
 */
import type { Element, Questionnaire, QuestionnaireItem, QuestionnaireItemEnableWhen } from '@medplum/fhirtypes';
import { translate } from './translation';
import type { Language } from './types';

/** One thing wrong with a questionnaire: where (a FHIRPath-like expression and the item) and what. */
export interface StructureProblem {
  /** E.g. `Questionnaire.item[2].answerOption[1].valueCoding.code`. */
  expression: string;
  /** The item the problem is about, when it is about one. */
  linkId?: string;
  message: string;
}

/** The item types Ovi's forms can show. */
export const EDITABLE_ITEM_TYPES = ['choice', 'boolean', 'integer', 'string', 'text', 'group', 'display'] as const;
export type EditableItemType = (typeof EDITABLE_ITEM_TYPES)[number];

export const ITEM_CONTROL_URL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl';
export const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';

/** A question's help text is a child display item marked with the item-control code `help`. */
export function isHelpItem(item: QuestionnaireItem): boolean {
  return item.type === 'display' && (item.extension ?? []).some((e) => e.url === ITEM_CONTROL_URL && e.valueCodeableConcept?.coding?.some((c) => c.code === 'help'));
}

const LINK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LANGS: Language[] = ['fi', 'sv', 'en'];
const OPERATORS = new Set(['exists', '=', '!=', '>', '<', '>=', '<=']);

type Translated = { _text?: Element; _title?: Element };

/** The languages in which `base`/`element` has no text. */
function missingLanguages(base: string | undefined, element: Element | undefined): Language[] {
  return LANGS.filter((lang) => (lang === 'fi' ? !base?.trim() : !translate(undefined, element, lang).trim()));
}

/** Every item in the order a resident meets them (pre-order), with its path. */
export function flattenItems(items: QuestionnaireItem[] | undefined, prefix = 'Questionnaire'): Array<{ item: QuestionnaireItem; path: string }> {
  const out: Array<{ item: QuestionnaireItem; path: string }> = [];
  (items ?? []).forEach((item, i) => {
    const path = `${prefix}.item[${i}]`;
    out.push({ item, path });
    out.push(...flattenItems(item.item, path));
  });
  return out;
}

function checkTexts(item: QuestionnaireItem, path: string, problems: StructureProblem[]): void {
  // A group may go without a heading; every other item is read by the resident.
  if (item.type === 'group' && !item.text) return;
  const missing = missingLanguages(item.text, (item as Translated)._text);
  if (missing.length > 0) problems.push({ expression: `${path}.text`, linkId: item.linkId, message: `Item "${item.linkId}" has no text in ${missing.join(', ')}.` });
}

function checkOptions(item: QuestionnaireItem, path: string, problems: StructureProblem[]): void {
  const options = item.answerOption ?? [];
  if (item.type !== 'choice') {
    if (options.length > 0) problems.push({ expression: `${path}.answerOption`, linkId: item.linkId, message: `Item "${item.linkId}" is a ${item.type} item: only a choice has answer options.` });
    return;
  }
  if (options.length === 0) problems.push({ expression: `${path}.answerOption`, linkId: item.linkId, message: `Choice "${item.linkId}" has no answer options.` });
  const seen = new Set<string>();
  options.forEach((option, i) => {
    const where = `${path}.answerOption[${i}]`;
    const coding = option.valueCoding;
    const code = coding?.code?.trim();
    if (!coding || !code) {
      problems.push({ expression: `${where}.valueCoding.code`, linkId: item.linkId, message: `Answer ${i + 1} of "${item.linkId}" has no code.` });
      return;
    }
    if (!LINK_ID.test(code)) problems.push({ expression: `${where}.valueCoding.code`, linkId: item.linkId, message: `The code "${code}" of "${item.linkId}" may hold only letters, digits, '.', '_' and '-'.` });
    if (seen.has(code)) problems.push({ expression: `${where}.valueCoding.code`, linkId: item.linkId, message: `The code "${code}" is used twice in "${item.linkId}".` });
    seen.add(code);
    const missing = missingLanguages(coding.display, (coding as { _display?: Element })._display);
    if (missing.length > 0) problems.push({ expression: `${where}.valueCoding.display`, linkId: item.linkId, message: `The answer "${code}" of "${item.linkId}" has no text in ${missing.join(', ')}.` });
  });
}

/** What a condition on `target` must compare with, for the target's type. */
function answerProblem(when: QuestionnaireItemEnableWhen, target: QuestionnaireItem): string | undefined {
  if (when.operator === 'exists') return when.answerBoolean === undefined ? 'an "exists" condition needs true or false' : undefined;
  const ordered = when.operator !== '=' && when.operator !== '!=';
  switch (target.type) {
    case 'choice': {
      if (ordered) return `a choice can only be compared with = or !=`;
      const code = when.answerCoding?.code;
      if (!code) return `it must name one of the answer options of "${target.linkId}"`;
      const codes = (target.answerOption ?? []).flatMap((o) => (o.valueCoding?.code ? [o.valueCoding.code] : []));
      return codes.includes(code) ? undefined : `"${target.linkId}" has no answer option "${code}"`;
    }
    case 'boolean':
      if (ordered) return 'a yes/no question can only be compared with = or !=';
      return when.answerBoolean === undefined ? 'it must compare with yes (true) or no (false)' : undefined;
    case 'integer':
      return when.answerInteger === undefined ? 'it must compare with a whole number' : undefined;
    case 'string':
    case 'text':
      return when.answerString === undefined ? 'it must compare with a text' : undefined;
    default:
      return `"${target.linkId}" is a ${target.type} item, which has no answer`;
  }
}

function checkConditions(item: QuestionnaireItem, path: string, earlier: Map<string, QuestionnaireItem>, problems: StructureProblem[]): void {
  const conditions = item.enableWhen ?? [];
  if (conditions.length > 1 && !item.enableBehavior) {
    problems.push({ expression: `${path}.enableBehavior`, linkId: item.linkId, message: `Item "${item.linkId}" has several conditions: say whether all or any of them must hold.` });
  }
  conditions.forEach((when, i) => {
    const where = `${path}.enableWhen[${i}]`;
    if (!OPERATORS.has(when.operator)) {
      problems.push({ expression: `${where}.operator`, linkId: item.linkId, message: `Condition ${i + 1} of "${item.linkId}" has an unknown operator "${String(when.operator)}".` });
      return;
    }
    const target = earlier.get(when.question);
    if (!target) {
      problems.push({
        expression: `${where}.question`,
        linkId: item.linkId,
        message: `Condition ${i + 1} of "${item.linkId}" asks about "${when.question}", which is not a question before it.`,
      });
      return;
    }
    const problem = answerProblem(when, target);
    if (problem) problems.push({ expression: `${where}.answer[x]`, linkId: item.linkId, message: `Condition ${i + 1} of "${item.linkId}": ${problem}.` });
  });
}

function checkItem(item: QuestionnaireItem, path: string, problems: StructureProblem[]): void {
  if (!(EDITABLE_ITEM_TYPES as readonly string[]).includes(item.type)) {
    problems.push({ expression: `${path}.type`, linkId: item.linkId, message: `Item "${item.linkId}" has the type "${item.type}", which Ovi's forms cannot show (${EDITABLE_ITEM_TYPES.join(', ')}).` });
  }
  if (item.type === 'display' && (item.required || item.repeats)) {
    problems.push({ expression: `${path}.required`, linkId: item.linkId, message: `Item "${item.linkId}" only shows text: it cannot be required or repeat.` });
  }
  if (item.type === 'group' && (item.item ?? []).length === 0) {
    problems.push({ expression: `${path}.item`, linkId: item.linkId, message: `Group "${item.linkId}" has no questions.` });
  }
  if (item.repeats && item.type !== 'choice' && item.type !== 'group' && item.type !== 'display') {
    problems.push({ expression: `${path}.repeats`, linkId: item.linkId, message: `Only a choice can take several answers; "${item.linkId}" is a ${item.type} item.` });
  }
  checkTexts(item, path, problems);
  checkOptions(item, path, problems);
}

/** The structural problems of a questionnaire; none means it can be saved as far as its own shape goes. */
export function checkQuestionnaireStructure(questionnaire: Questionnaire): StructureProblem[] {
  const problems: StructureProblem[] = [];
  if (!questionnaire.url) problems.push({ expression: 'Questionnaire.url', message: 'The questionnaire needs its canonical URL.' });
  const missingTitle = missingLanguages(questionnaire.title, (questionnaire as Translated)._title);
  if (missingTitle.length > 0) problems.push({ expression: 'Questionnaire.title', message: `The title has no text in ${missingTitle.join(', ')}.` });
  const all = flattenItems(questionnaire.item);
  if (all.length === 0) problems.push({ expression: 'Questionnaire.item', message: 'The questionnaire has no questions.' });
  const earlier = new Map<string, QuestionnaireItem>();
  for (const { item, path } of all) {
    if (!item.linkId || !LINK_ID.test(item.linkId)) {
      problems.push({ expression: `${path}.linkId`, linkId: item.linkId, message: `"${item.linkId ?? ''}" is not a usable linkId: 1–64 letters, digits, '.', '_' or '-'.` });
    } else if (earlier.has(item.linkId)) {
      problems.push({ expression: `${path}.linkId`, linkId: item.linkId, message: `The linkId "${item.linkId}" is used by two items.` });
    }
    checkItem(item, path, problems);
    // A condition may only look back: the resident has answered what it asks about.
    checkConditions(item, path, earlier, problems);
    if (item.linkId && !earlier.has(item.linkId)) earlier.set(item.linkId, item);
  }
  return problems;
}

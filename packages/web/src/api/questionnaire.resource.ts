/** The contact questionnaire: FHIR Questionnaire → plain view model, answers → QuestionnaireResponse items. */
import type {
  Bundle,
  Coding,
  Element,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemEnableWhen,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import { CONTACT_QUESTIONNAIRE_URL } from '@ovi/domain/src/codes';
import { isHelpItem } from '@ovi/domain/src/questionnaireStructure';
import { api } from './client';
import { FHIR_BASE, resourcesOf, textsOf, type Texts } from './fhir';

const MIN_VALUE = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE = 'http://hl7.org/fhir/StructureDefinition/maxValue';
const MAX_LENGTH_DEFAULT = 4000;
/** An answer option that cannot be chosen together with others ("none of these"). */
const OPTION_EXCLUSIVE = 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive';

export type QuestionType = 'choice' | 'boolean' | 'integer' | 'text' | 'string' | 'group' | 'display';

export interface AnswerOption {
  system?: string;
  code: string;
  display: Texts;
  /** Choosing it clears the others, and choosing another clears it. */
  exclusive?: boolean;
}

export interface CodeAnswer {
  code: string;
  system?: string;
}

export type AnswerValue =
  | { kind: 'coding'; code: string; system?: string }
  /** A repeating choice: one coding per ticked option. */
  | { kind: 'codings'; codes: CodeAnswer[] }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'integer'; value: number }
  | { kind: 'string'; value: string };

export type Answers = Record<string, AnswerValue | undefined>;

/** What an enableWhen condition compares with: always one value. */
export type SingleAnswer = Exclude<AnswerValue, { kind: 'codings' }>;

export interface EnableCondition {
  question: string;
  operator: QuestionnaireItemEnableWhen['operator'];
  answer: SingleAnswer | undefined;
  exists?: boolean;
}

export interface Question {
  linkId: string;
  type: QuestionType;
  text: Texts;
  required: boolean;
  /** A choice that takes several answers (checkboxes). */
  repeats: boolean;
  options: AnswerOption[];
  min?: number;
  max?: number;
  maxLength: number;
  enableWhen: EnableCondition[];
  enableBehavior: 'all' | 'any';
  items: Question[];
  /** Help text under the question (a child display item marked `help`). */
  help?: Texts;
}

export interface QuestionnaireView {
  id: string;
  url: string;
  version?: string;
  status: string;
  title: Texts;
  description: Texts;
  items: Question[];
}

type Translatable<T> = T & { _text?: Element; _display?: Element; _title?: Element; _description?: Element };

const KNOWN_TYPES = new Set<string>(['choice', 'boolean', 'integer', 'text', 'string', 'group', 'display']);

function toOption(coding: Translatable<Coding>, exclusive: boolean): AnswerOption {
  return {
    system: coding.system,
    code: coding.code ?? '',
    display: textsOf(coding.display ?? coding.code, coding._display),
    ...(exclusive ? { exclusive } : {}),
  };
}

function toCondition(when: QuestionnaireItemEnableWhen): EnableCondition {
  const answer: SingleAnswer | undefined =
    when.answerCoding !== undefined
      ? { kind: 'coding', code: when.answerCoding.code ?? '', system: when.answerCoding.system }
      : when.answerBoolean !== undefined && when.operator !== 'exists'
        ? { kind: 'boolean', value: when.answerBoolean }
        : when.answerInteger !== undefined
          ? { kind: 'integer', value: when.answerInteger }
          : when.answerString !== undefined
            ? { kind: 'string', value: when.answerString }
            : undefined;
  return { question: when.question, operator: when.operator, answer, exists: when.operator === 'exists' ? when.answerBoolean : undefined };
}

function toQuestion(item: Translatable<QuestionnaireItem>): Question {
  const type = (KNOWN_TYPES.has(item.type) ? item.type : 'string') as QuestionType;
  const min = item.extension?.find((e) => e.url === MIN_VALUE)?.valueInteger;
  const max = item.extension?.find((e) => e.url === MAX_VALUE)?.valueInteger;
  const help = item.item?.find(isHelpItem) as Translatable<QuestionnaireItem> | undefined;
  return {
    linkId: item.linkId,
    type,
    text: textsOf(item.text, item._text),
    required: item.required === true,
    repeats: item.repeats === true,
    options: (item.answerOption ?? []).flatMap((o) =>
      o.valueCoding
        ? [toOption(o.valueCoding as Translatable<Coding>, o.extension?.some((e) => e.url === OPTION_EXCLUSIVE && e.valueBoolean === true) === true)]
        : [],
    ),
    min: type === 'integer' ? (min ?? 0) : min,
    max: type === 'integer' ? (max ?? 10) : max,
    maxLength: item.maxLength ?? MAX_LENGTH_DEFAULT,
    enableWhen: (item.enableWhen ?? []).map(toCondition),
    enableBehavior: item.enableBehavior ?? 'all',
    items: (item.item ?? []).filter((child) => !isHelpItem(child)).map((child) => toQuestion(child as Translatable<QuestionnaireItem>)),
    ...(help ? { help: textsOf(help.text, help._text) } : {}),
  };
}

export function toQuestionnaireView(q: Questionnaire): QuestionnaireView {
  const t = q as Translatable<Questionnaire>;
  return {
    id: q.id ?? '',
    url: q.url ?? '',
    version: q.version,
    status: q.status,
    title: textsOf(q.title ?? q.name, t._title),
    description: textsOf(q.description, t._description),
    items: (q.item ?? []).map((i) => toQuestion(i as Translatable<QuestionnaireItem>)),
  };
}

export async function fetchQuestionnaires(activeOnly: boolean): Promise<QuestionnaireView[]> {
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Questionnaire?${activeOnly ? 'status=active&' : ''}_count=100`);
  return resourcesOf<Questionnaire>(bundle, 'Questionnaire').map(toQuestionnaireView);
}

/** The active contact-request questionnaire (its url ends with /Questionnaire/contact-request). */
export async function fetchContactQuestionnaire(): Promise<QuestionnaireView> {
  const all = await fetchQuestionnaires(true);
  const found =
    all.find((q) => q.url === CONTACT_QUESTIONNAIRE_URL) ?? all.find((q) => q.url.endsWith('/Questionnaire/contact-request'));
  if (!found) throw new Error('contact-questionnaire-missing');
  return found;
}

/* ---------- enableWhen and validation ---------- */

/** Whether an answer counts: text made only of spaces does not. */
export function hasAnswer(a: AnswerValue | undefined): a is AnswerValue {
  return a !== undefined && !(a.kind === 'string' && a.value.trim() === '') && !(a.kind === 'codings' && a.codes.length === 0);
}

function sameAnswer(a: AnswerValue, b: AnswerValue): boolean {
  // A repeating answer matches a condition when any of its codings does (FHIR enableWhen).
  if (a.kind === 'codings') return a.codes.some((c) => sameAnswer({ kind: 'coding', ...c }, b));
  if (a.kind === 'coding' && b.kind === 'coding') return a.code === b.code && (!a.system || !b.system || a.system === b.system);
  if (a.kind === 'boolean' && b.kind === 'boolean') return a.value === b.value;
  if (a.kind === 'integer' && b.kind === 'integer') return a.value === b.value;
  if (a.kind === 'string' && b.kind === 'string') return a.value === b.value;
  return false;
}

function compare(a: AnswerValue, b: AnswerValue): number | undefined {
  if (a.kind === 'integer' && b.kind === 'integer') return a.value - b.value;
  if (a.kind === 'string' && b.kind === 'string') return a.value.localeCompare(b.value);
  return undefined;
}

function conditionHolds(c: EnableCondition, answers: Answers): boolean {
  const given = answers[c.question];
  if (c.operator === 'exists') return (given !== undefined) === (c.exists ?? true);
  if (!c.answer) return false;
  if (c.operator === '!=') return given === undefined || !sameAnswer(given, c.answer);
  if (given === undefined) return false;
  if (c.operator === '=') return sameAnswer(given, c.answer);
  const diff = compare(given, c.answer);
  if (diff === undefined) return false;
  switch (c.operator) {
    case '>':
      return diff > 0;
    case '<':
      return diff < 0;
    case '>=':
      return diff >= 0;
    case '<=':
      return diff <= 0;
    default:
      return false;
  }
}

function isEnabledBy(q: Question, answers: Answers): boolean {
  if (q.enableWhen.length === 0) return true;
  return q.enableBehavior === 'any'
    ? q.enableWhen.some((c) => conditionHolds(c, answers))
    : q.enableWhen.every((c) => conditionHolds(c, answers));
}

/**
 * The linkIds shown now. Walks the items in order and counts only answers of items that
 * are themselves shown, so hiding a question also hides the questions that depend on it.
 */
export function enabledLinkIds(items: Question[], answers: Answers): Set<string> {
  const enabled = new Set<string>();
  const effective: Answers = {};
  const walk = (list: Question[]) => {
    for (const q of list) {
      if (!isEnabledBy(q, effective)) continue;
      enabled.add(q.linkId);
      const a = answers[q.linkId];
      if (hasAnswer(a)) effective[q.linkId] = a;
      walk(q.items);
    }
  };
  walk(items);
  return enabled;
}

export type FieldProblem = 'required' | 'range' | 'tooLong';

export function validateAnswers(items: Question[], answers: Answers): Record<string, FieldProblem> {
  const enabled = enabledLinkIds(items, answers);
  const problems: Record<string, FieldProblem> = {};
  const walk = (list: Question[]) => {
    for (const q of list) {
      if (!enabled.has(q.linkId)) continue;
      const a = answers[q.linkId];
      if (q.type !== 'group' && q.type !== 'display' && q.required && !hasAnswer(a)) problems[q.linkId] = 'required';
      if (a?.kind === 'integer' && (!Number.isInteger(a.value) || (q.min !== undefined && a.value < q.min) || (q.max !== undefined && a.value > q.max))) {
        problems[q.linkId] = 'range';
      }
      if (a?.kind === 'string' && a.value.trim().length > q.maxLength) problems[q.linkId] = 'tooLong';
      walk(q.items);
    }
  };
  walk(items);
  return problems;
}

/* ---------- building the response ---------- */

function codingAnswer(q: Question, a: CodeAnswer): QuestionnaireResponseItemAnswer {
  const option = q.options.find((o) => o.code === a.code);
  return { valueCoding: { system: option?.system ?? a.system, code: a.code, display: option?.display.fi } };
}

function toFhirAnswers(q: Question, a: AnswerValue): QuestionnaireResponseItemAnswer[] {
  return a.kind === 'codings' ? a.codes.map((c) => codingAnswer(q, c)) : [toFhirAnswer(q, a)];
}

function toFhirAnswer(q: Question, a: SingleAnswer): QuestionnaireResponseItemAnswer {
  switch (a.kind) {
    case 'coding':
      return codingAnswer(q, a);
    case 'boolean':
      return { valueBoolean: a.value };
    case 'integer':
      return { valueInteger: a.value };
    case 'string':
      return { valueString: a.value.trim() };
  }
}

/** QuestionnaireResponse.item for the shown, answered questions, nested as the questionnaire is. */
export function toResponseItems(items: Question[], answers: Answers): QuestionnaireResponseItem[] {
  const enabled = enabledLinkIds(items, answers);
  const build = (list: Question[]): QuestionnaireResponseItem[] =>
    list.flatMap((q): QuestionnaireResponseItem[] => {
      if (!enabled.has(q.linkId) || q.type === 'display') return [];
      if (q.type === 'group') {
        const children = build(q.items);
        return children.length > 0 ? [{ linkId: q.linkId, text: q.text.fi, item: children }] : [];
      }
      const a = answers[q.linkId];
      if (!hasAnswer(a)) return [];
      const nested = build(q.items);
      // Nested questions hang on the first answer: a repeating item has no single answer to own them.
      const answer = toFhirAnswers(q, a).map((one, i) => (i === 0 && nested.length ? { ...one, item: nested } : one));
      return [{ linkId: q.linkId, text: q.text.fi, answer }];
    });
  return build(items);
}

/** Every question of the questionnaire by linkId, nested ones included. */
export function questionsByLinkId(items: Question[]): Map<string, Question> {
  const map = new Map<string, Question>();
  const walk = (list: Question[]): void => {
    for (const q of list) {
      map.set(q.linkId, q);
      walk(q.items);
    }
  };
  walk(items);
  return map;
}

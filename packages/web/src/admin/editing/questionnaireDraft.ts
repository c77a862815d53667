/**
 * The questionnaire's questions as an editable draft: order, type, required, texts and help text
 * in three languages, coded answers and the conditions that show a question. Everything the
 * draft does not edit (extensions, limits, nested items) rides along unchanged.
 */
import type { Element, Extension, QuestionnaireItem, QuestionnaireItemEnableWhen } from '@medplum/fhirtypes';
import type { TranslatedQuestionnaireItem } from '@ovi/domain/src/translation';
import type { LocalizedText } from '@ovi/domain/src/types';
import { ITEM_CONTROL_SYSTEM, ITEM_CONTROL_URL, isHelpItem } from '@ovi/domain/src/questionnaireStructure';
import { toLocalizedText, translationsElement } from '@ovi/domain/src/translation';
import type { StoredQuestionnaire } from '../../api/questionnaireEdit.resource';

export const DRAFT_TYPES = ['choice', 'boolean', 'integer', 'string', 'text', 'display'] as const;
export type DraftType = (typeof DRAFT_TYPES)[number] | 'group';

export interface DraftOption {
  code: string;
  system?: string;
  display: LocalizedText;
  /** The option's own extensions (e.g. "none of these" is exclusive). */
  extension?: Extension[];
}

/** "Show when": an earlier question's answer is (or is not) one value; or it is answered at all. */
export interface DraftCondition {
  question: string;
  operator: '=' | '!=';
  /** An option code, or 'true'/'false' for a yes/no question. */
  value: string;
}

export interface DraftItem {
  /** Stable while the linkId is typed (React's key). */
  uid: string;
  linkId: string;
  type: DraftType;
  required: boolean;
  repeats: boolean;
  text: LocalizedText;
  help: LocalizedText;
  options: DraftOption[];
  conditions: DraftCondition[];
  enableBehavior: 'all' | 'any';
  /** The item as stored (unknown for a new one): what the draft does not edit is kept from it. */
  raw?: TranslatedQuestionnaireItem;
  isNew?: boolean;
}

const EMPTY: LocalizedText = { fi: '', sv: '', en: '' };
const textOf = (base: string | undefined, element: Element | undefined): LocalizedText => (base ? toLocalizedText(base, element) : { ...EMPTY });

function toCondition(when: QuestionnaireItemEnableWhen): DraftCondition | undefined {
  if (when.operator !== '=' && when.operator !== '!=') return undefined;
  const value = when.answerCoding?.code ?? (when.answerBoolean !== undefined ? String(when.answerBoolean) : undefined);
  return value === undefined ? undefined : { question: when.question, operator: when.operator, value };
}

let uids = 0;
const nextUid = () => `draft-${(uids += 1)}`;

export function toDraftItem(item: TranslatedQuestionnaireItem): DraftItem {
  const help = (item.item ?? []).find(isHelpItem) as TranslatedQuestionnaireItem | undefined;
  return {
    uid: nextUid(),
    linkId: item.linkId,
    type: item.type as DraftType,
    required: item.required === true,
    repeats: item.repeats === true,
    text: textOf(item.text, item._text),
    help: textOf(help?.text, help?._text),
    options: (item.answerOption ?? []).flatMap((o) =>
      o.valueCoding ? [{ code: o.valueCoding.code ?? '', system: o.valueCoding.system, display: textOf(o.valueCoding.display, o.valueCoding._display), ...(o.extension ? { extension: o.extension } : {}) }] : [],
    ),
    conditions: (item.enableWhen ?? []).flatMap((w) => toCondition(w) ?? []),
    enableBehavior: item.enableBehavior ?? 'all',
    raw: item,
  };
}

export const toDraft = (q: StoredQuestionnaire): DraftItem[] => (q.item ?? []).map(toDraftItem);

export function newDraftItem(linkId: string): DraftItem {
  return { uid: nextUid(), linkId, type: 'string', required: false, repeats: false, text: { ...EMPTY }, help: { ...EMPTY }, options: [], conditions: [], enableBehavior: 'all', isNew: true };
}

const hasText = (t: LocalizedText) => Boolean(t.fi.trim() || t.sv.trim() || t.en.trim());

/** The base (Finnish) text and its translations; a language left empty is left out, for the server to name. */
function localized(t: LocalizedText): { base?: string; element?: Element } {
  const others = (['sv', 'en'] as const).filter((lang) => t[lang].trim());
  const element = others.length > 0 ? translationsElement(Object.fromEntries([['fi', t.fi.trim()], ...others.map((l) => [l, t[l].trim()])]) as unknown as LocalizedText) : undefined;
  return { ...(t.fi.trim() ? { base: t.fi.trim() } : {}), ...(element ? { element } : {}) };
}

function textFields(t: LocalizedText): { text?: string; _text?: Element } {
  const { base, element } = localized(t);
  return { ...(base ? { text: base } : {}), ...(element ? { _text: element } : {}) };
}

function helpItem(item: DraftItem): QuestionnaireItem {
  return {
    linkId: `${item.linkId}-help`,
    type: 'display',
    ...textFields(item.help),
    extension: [{ url: ITEM_CONTROL_URL, valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: 'help' }] } }],
  } as QuestionnaireItem;
}

/** The system of an earlier question's option, so a condition compares like for like. */
function conditionAnswer(c: DraftCondition, all: DraftItem[]): Partial<QuestionnaireItemEnableWhen> {
  const target = all.find((i) => i.linkId === c.question);
  if (target?.type === 'boolean') return { answerBoolean: c.value === 'true' };
  const option = target?.options.find((o) => o.code === c.value);
  return { answerCoding: { ...(option?.system ? { system: option.system } : {}), code: c.value } };
}

function toItem(item: DraftItem, all: DraftItem[]): QuestionnaireItem {
  const raw = { ...(item.raw ?? {}) } as TranslatedQuestionnaireItem;
  const children = (raw.item ?? []).filter((child) => !isHelpItem(child));
  const typeChanged = raw.type !== undefined && raw.type !== item.type;
  const next: TranslatedQuestionnaireItem = { ...raw, linkId: item.linkId.trim(), type: item.type };
  delete next.text;
  delete next._text;
  Object.assign(next, textFields(item.text));
  // Limits of the old type (a text's length, a number's range) do not carry over to another type.
  if (typeChanged) {
    delete next.maxLength;
    next.extension = raw.extension?.filter((e) => !/minValue|maxValue/.test(e.url));
    if (!next.extension?.length) delete next.extension;
  }
  if (item.type === 'display') delete next.required;
  else next.required = item.required;
  if (item.type === 'choice') {
    next.answerOption = item.options.map((o) => {
      const { base, element } = localized(o.display);
      const code = o.code.trim();
      return {
        ...(o.extension ? { extension: o.extension } : {}),
        valueCoding: { ...(o.system ? { system: o.system } : {}), ...(code ? { code } : {}), ...(base ? { display: base } : {}), ...(element ? { _display: element } : {}) },
      };
    });
    if (item.repeats) next.repeats = true;
    else delete next.repeats;
  } else {
    delete next.answerOption;
    delete next.repeats;
  }
  if (item.conditions.length > 0) {
    next.enableWhen = item.conditions.map((c) => ({ question: c.question, operator: c.operator, ...conditionAnswer(c, all) }));
    if (item.conditions.length > 1) next.enableBehavior = item.enableBehavior;
    else delete next.enableBehavior;
  } else {
    delete next.enableWhen;
    delete next.enableBehavior;
  }
  const withHelp = hasText(item.help) ? [...children, helpItem(item)] : children;
  if (withHelp.length > 0) next.item = withHelp;
  else delete next.item;
  return next;
}

/** The questionnaire with the drafted questions in place of its own. */
export function withDraft(q: StoredQuestionnaire, items: DraftItem[]): StoredQuestionnaire {
  return { ...q, item: items.map((item) => toItem(item, items)) };
}

/** The questions a condition of item `index` may ask about: earlier ones with answers to compare. */
export function conditionTargets(items: DraftItem[], index: number): DraftItem[] {
  return items.slice(0, index).filter((i) => i.type === 'boolean' || (i.type === 'choice' && i.options.some((o) => o.code.trim())));
}

/** Moves item `from` by `by` places (−1 up, +1 down); conditions on later questions stay valid or the server says which broke. */
export function moved<T>(list: T[], from: number, by: number): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Checks of one answer against its Questionnaire item: value type, options, ranges, length. */
import type { QuestionnaireItem, QuestionnaireItemAnswerOption, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';

type ValueKey = `value${string}`;

const VALUE_KEYS: Partial<Record<QuestionnaireItem['type'], ValueKey[]>> = {
  boolean: ['valueBoolean'],
  decimal: ['valueDecimal'],
  integer: ['valueInteger'],
  date: ['valueDate'],
  dateTime: ['valueDateTime'],
  time: ['valueTime'],
  string: ['valueString'],
  text: ['valueString'],
  url: ['valueUri'],
  attachment: ['valueAttachment'],
  reference: ['valueReference'],
  quantity: ['valueQuantity'],
};

const JSON_TYPE: Record<string, (v: unknown) => boolean> = {
  valueBoolean: (v) => typeof v === 'boolean',
  valueInteger: (v) => Number.isInteger(v),
  valueDecimal: (v) => typeof v === 'number' && Number.isFinite(v),
  valueCoding: (v) => typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string',
};

function optionKeys(options: QuestionnaireItemAnswerOption[]): ValueKey[] {
  const keys = new Set(options.flatMap((o) => Object.keys(o).filter((k): k is ValueKey => k.startsWith('value'))));
  return keys.size > 0 ? [...keys] : ['valueCoding'];
}

function allowedKeys(item: QuestionnaireItem): ValueKey[] | undefined {
  if (item.type === 'choice') return optionKeys(item.answerOption ?? []);
  if (item.type === 'open-choice') return [...optionKeys(item.answerOption ?? []), 'valueString'];
  return VALUE_KEYS[item.type];
}

function extensionNumber(item: QuestionnaireItem, name: 'minValue' | 'maxValue'): number | undefined {
  const ext = item.extension?.find((e) => e.url === `http://hl7.org/fhir/StructureDefinition/${name}`);
  return ext?.valueInteger ?? ext?.valueDecimal;
}

/**
 * The standard extension on an answerOption that, when true, allows no other answer beside it
 * even on a repeating item ("none of these").
 */
export const OPTION_EXCLUSIVE_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive';

function isExclusive(option: QuestionnaireItemAnswerOption): boolean {
  return option.extension?.some((e) => e.url === OPTION_EXCLUSIVE_EXTENSION_URL && e.valueBoolean === true) ?? false;
}

function optionMatches(option: QuestionnaireItemAnswerOption, key: ValueKey, answer: QuestionnaireResponseItemAnswer): boolean {
  if (key === 'valueCoding') {
    const want = option.valueCoding;
    const got = answer.valueCoding;
    return !!want && !!got && want.code === got.code && (want.system === undefined || want.system === got.system);
  }
  if (key === 'valueReference') return option.valueReference?.reference === answer.valueReference?.reference;
  return (option as Record<string, unknown>)[key] === (answer as Record<string, unknown>)[key];
}

function matchesOption(item: QuestionnaireItem, key: ValueKey, answer: QuestionnaireResponseItemAnswer): boolean {
  return (item.answerOption ?? []).some((option) => optionMatches(option, key, answer));
}

function valueKey(answer: QuestionnaireResponseItemAnswer): ValueKey | undefined {
  return Object.keys(answer).find((k): k is ValueKey => k.startsWith('value'));
}

/**
 * Problems with the answers to one item taken together: the same option chosen twice, or an
 * exclusive option ("none of these") chosen beside others. Both only arise on repeating items.
 */
export function checkAnswerSet(item: QuestionnaireItem, answers: QuestionnaireResponseItemAnswer[]): string[] {
  if (answers.length < 2) return [];
  const problems: string[] = [];
  const options = item.answerOption ?? [];
  const chosen = answers.map((answer) => {
    const key = valueKey(answer);
    return key ? options.findIndex((o) => optionMatches(o, key, answer)) : -1;
  });
  chosen.forEach((index, i) => {
    if (index >= 0 && chosen.indexOf(index) !== i) {
      problems.push(`The answer ${describe(valueKey(answers[i]!)!, answers[i]!)} to "${item.linkId}" is given twice`);
    }
  });
  for (const index of new Set(chosen)) {
    const option = options[index];
    if (!option || !isExclusive(option) || chosen.every((c) => c === index)) continue;
    const first = answers[chosen.indexOf(index)]!;
    problems.push(`The answer ${describe(valueKey(first)!, first)} to "${item.linkId}" cannot be given together with other answers`);
  }
  return problems;
}

function describe(key: ValueKey, answer: QuestionnaireResponseItemAnswer): string {
  const value = (answer as Record<string, unknown>)[key];
  if (key === 'valueCoding') return `code "${answer.valueCoding?.code}"${answer.valueCoding?.system ? ` (${answer.valueCoding.system})` : ''}`;
  return JSON.stringify(value);
}

/** Problems with one answer to `item`, as English sentences. */
export function checkAnswer(item: QuestionnaireItem, answer: QuestionnaireResponseItemAnswer): string[] {
  const id = `"${item.linkId}"`;
  const keys = Object.keys(answer).filter((k): k is ValueKey => k.startsWith('value'));
  const [key] = keys;
  if (key === undefined || keys.length > 1) {
    return [`An answer to ${id} must have exactly one value[x], found ${keys.length === 0 ? 'none' : keys.join(', ')}`];
  }
  const allowed = allowedKeys(item);
  if (allowed && !allowed.includes(key)) {
    return [`Item ${id} (type ${item.type}) takes ${allowed.join(' or ')}, not ${key}`];
  }
  const value = (answer as Record<string, unknown>)[key];
  const jsonOk = JSON_TYPE[key] ?? ((v: unknown) => typeof v === 'string' || (typeof v === 'object' && v !== null));
  if (!jsonOk(value)) return [`The ${key} answer to ${id} is not a valid value: ${JSON.stringify(value)}`];

  const problems: string[] = [];
  const fromOptions = (item.type === 'choice' || item.type === 'open-choice') && (item.answerOption?.length ?? 0) > 0;
  if (fromOptions && !(item.type === 'open-choice' && key === 'valueString') && !matchesOption(item, key, answer)) {
    problems.push(`The answer ${describe(key, answer)} to ${id} is not one of its answer options`);
  }
  if (typeof value === 'number') {
    const min = extensionNumber(item, 'minValue');
    const max = extensionNumber(item, 'maxValue');
    if (min !== undefined && value < min) problems.push(`The answer ${value} to ${id} is below the minimum ${min}`);
    if (max !== undefined && value > max) problems.push(`The answer ${value} to ${id} is above the maximum ${max}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (value.trim() === '') problems.push(`The answer to ${id} is blank`);
    if (item.maxLength !== undefined && length > item.maxLength) {
      problems.push(`The answer to ${id} is ${length} characters long; the maximum is ${item.maxLength}`);
    }
  }
  return problems;
}

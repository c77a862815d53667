/**
 * Validation of a safety screen received as JSON (e.g. an admin PUT), and its fit with the
 * questionnaire it screens. A broken screen would silently stop catching danger, so every
 * mistake that can be seen from the data is refused.
 */
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { PROFESSIONS } from '../types';
import {
  checkAdviceList,
  checkInteger,
  checkLocalizedText,
  checkObject,
  checkOneOf,
  checkString,
  checkUniqueIds,
  LANGUAGES,
  pathOf,
} from '../validation';
import { SAFETY_URGENCIES, type SafetyScreen } from './safetyScreen';
import { parsePattern } from './wordPattern';

const SCREEN_KEYS = ['version', 'questionLinkId', 'noneCode', 'textLinkIds', 'signs', 'wordGroups'] as const;
const SIGN_KEYS = ['code', 'label', 'urgency', 'advice', 'profession', 'service'] as const;
const GROUP_KEYS = ['id', 'label', 'urgency', 'advice', 'profession', 'service', 'patterns'] as const;

/** Urgency, advice and the optional profession and service, shared by signs and word groups. */
function checkOutcome(value: Record<string, unknown>, path: string, errors: string[]): void {
  checkOneOf(value.urgency, SAFETY_URGENCIES, pathOf(path, 'urgency'), errors);
  checkAdviceList(value.advice, pathOf(path, 'advice'), errors);
  // Whatever a region configures, an emergency tells the resident to call 112.
  if (value.urgency === 'emergent' && Array.isArray(value.advice) && !value.advice.includes('call-112')) {
    errors.push(`${pathOf(path, 'advice')}: an emergent item must include "call-112"`);
  }
  if (value.profession !== undefined) checkOneOf(value.profession, PROFESSIONS, pathOf(path, 'profession'), errors);
  if (value.service !== undefined) checkString(value.service, pathOf(path, 'service'), errors);
}

/** Checks an array of distinct non-empty strings; calls `each` with every string that passed. */
function checkStringList(
  value: unknown,
  path: string,
  errors: string[],
  nonEmpty: boolean,
  each: (item: string, path: string) => void = () => {},
): void {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
    errors.push(`${path}: must be ${nonEmpty ? 'a non-empty' : 'an'} array of strings`);
    return;
  }
  value.forEach((item: unknown, i: number) => {
    if (!checkString(item, pathOf(path, i), errors)) return;
    if (value.indexOf(item) !== i) errors.push(`${pathOf(path, i)}: "${item}" is given twice`);
    else each(item, pathOf(path, i));
  });
}

function checkPatterns(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, LANGUAGES, errors)) return;
  for (const lang of LANGUAGES) {
    checkStringList(value[lang], pathOf(path, lang), errors, true, (pattern, patternPath) => {
      const parsed = parsePattern(pattern);
      if (typeof parsed === 'string') errors.push(`${patternPath}: ${parsed}`);
    });
  }
}

function checkSign(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, SIGN_KEYS, errors)) return;
  checkString(value.code, pathOf(path, 'code'), errors);
  checkLocalizedText(value.label, pathOf(path, 'label'), errors);
  checkOutcome(value, path, errors);
}

function checkGroup(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, GROUP_KEYS, errors)) return;
  checkString(value.id, pathOf(path, 'id'), errors);
  checkLocalizedText(value.label, pathOf(path, 'label'), errors);
  checkOutcome(value, path, errors);
  checkPatterns(value.patterns, pathOf(path, 'patterns'), errors);
}

/** Reports every sign code given twice (a code is a sign's id). */
function checkUniqueCodes(signs: unknown[], noneCode: unknown, errors: string[]): void {
  const first = new Map<string, number>();
  signs.forEach((sign, i) => {
    const code = (sign as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return;
    if (code === noneCode) errors.push(`${pathOf(pathOf('signs', i), 'code')}: "${code}" is the noneCode`);
    const seen = first.get(code);
    if (seen === undefined) first.set(code, i);
    else errors.push(`${pathOf(pathOf('signs', i), 'code')}: duplicate code "${code}" (also ${pathOf('signs', seen)})`);
  });
}

export function validateSafetyScreen(value: unknown): { screen?: SafetyScreen; errors: string[] } {
  const errors: string[] = [];
  if (!checkObject(value, '', SCREEN_KEYS, errors)) return { errors };
  checkInteger(value.version, 'version', errors, { min: 1 });
  checkString(value.questionLinkId, 'questionLinkId', errors);
  checkString(value.noneCode, 'noneCode', errors);
  checkStringList(value.textLinkIds, 'textLinkIds', errors, false);
  if (!Array.isArray(value.signs) || value.signs.length === 0) {
    errors.push('signs: must be a non-empty array');
  } else {
    value.signs.forEach((sign: unknown, i: number) => checkSign(sign, pathOf('signs', i), errors));
    checkUniqueCodes(value.signs, value.noneCode, errors);
  }
  if (!Array.isArray(value.wordGroups)) {
    errors.push('wordGroups: must be an array');
  } else {
    value.wordGroups.forEach((group: unknown, i: number) => checkGroup(group, pathOf('wordGroups', i), errors));
    checkUniqueIds(value.wordGroups.map((g: unknown) => (g as { id?: unknown } | null)?.id), 'wordGroups', errors);
  }
  if (errors.length > 0) return { errors };
  return { screen: structuredClone(value) as unknown as SafetyScreen, errors };
}

function findItem(items: QuestionnaireItem[] | undefined, linkId: string): QuestionnaireItem | undefined {
  for (const item of items ?? []) {
    if (item.linkId === linkId) return item;
    const inner = findItem(item.item, linkId);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Problems in how the screen fits the questionnaire. Every option of the danger-sign question
 * must be a sign of the screen (or "none"): an option the screen does not know would be ticked
 * and then ignored.
 */
export function checkScreenAgainstQuestionnaire(screen: SafetyScreen, questionnaire: Questionnaire): string[] {
  const problems: string[] = [];
  const question = findItem(questionnaire.item, screen.questionLinkId);
  if (!question) {
    problems.push(`questionLinkId: the questionnaire has no item "${screen.questionLinkId}"`);
  } else {
    if (question.type !== 'choice') problems.push(`questionLinkId: item "${question.linkId}" is a ${question.type} item, not a choice`);
    if (!question.repeats) problems.push(`questionLinkId: item "${question.linkId}" must repeat (several signs can be ticked)`);
    const options = (question.answerOption ?? []).flatMap((o) => (o.valueCoding?.code ? [o.valueCoding.code] : []));
    const known = new Set([screen.noneCode, ...screen.signs.map((s) => s.code)]);
    screen.signs.forEach((sign, i) => {
      if (!options.includes(sign.code)) problems.push(`signs[${i}].code: "${sign.code}" is not an answer option of "${question.linkId}"`);
    });
    if (!options.includes(screen.noneCode)) problems.push(`noneCode: "${screen.noneCode}" is not an answer option of "${question.linkId}"`);
    for (const code of options) {
      if (!known.has(code)) problems.push(`questionLinkId: the option "${code}" of "${question.linkId}" is not a sign of the screen`);
    }
  }
  screen.textLinkIds.forEach((linkId, i) => {
    const item = findItem(questionnaire.item, linkId);
    if (!item) problems.push(`textLinkIds[${i}]: the questionnaire has no item "${linkId}"`);
    else if (item.type !== 'text' && item.type !== 'string') problems.push(`textLinkIds[${i}]: item "${linkId}" is a ${item.type} item, not free text`);
  });
  return problems;
}

/** Routing-rule conditions in words, with question and answer texts from the questionnaire. */
import type { TFunction } from 'i18next';
import type { Language } from '@ovi/domain/src/types';
import { isAnswerCondition, type RuleCondition } from '../api/admin.resource';
import { pickText } from '../api/fhir';
import type { Question } from '../api/questionnaire.resource';

export function conditionText(c: RuleCondition, questions: Map<string, Question>, t: TFunction, lang: Language): string {
  if (!isAnswerCondition(c)) {
    const parts = [
      c.ageAtLeast !== undefined ? t('admin.rules.ageAtLeast', { age: c.ageAtLeast }) : '',
      c.ageBelow !== undefined ? t('admin.rules.ageBelow', { age: c.ageBelow }) : '',
    ].filter(Boolean);
    return parts.join(` ${t('admin.rules.and')} `);
  }
  const q = questions.get(c.linkId);
  const question = pickText(q?.text, lang) || c.linkId;
  const valueText = (v: string | number | boolean): string => {
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    const option = q?.options.find((o) => o.code === String(v));
    return option ? `“${pickText(option.display, lang)}”` : String(v);
  };
  const parts: string[] = [];
  if (c.anyOf) parts.push(t('admin.rules.answerAny', { question, values: c.anyOf.map(valueText).join(` ${t('admin.rules.or')} `) }));
  if (c.equals !== undefined) parts.push(t('admin.rules.answerEquals', { question, value: valueText(c.equals) }));
  if (c.atLeast !== undefined) parts.push(t('admin.rules.answerAtLeast', { question, value: c.atLeast }));
  if (c.atMost !== undefined) parts.push(t('admin.rules.answerAtMost', { question, value: c.atMost }));
  if (parts.length === 0) parts.push(t('admin.rules.answered', { question }));
  return parts.join(` ${t('admin.rules.and')} `);
}

/** Low-level reading of QuestionnaireResponse answers. */
import type { QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import type { AnswerValue } from './routingRules';

/** The plain value of an answer: a coding becomes its code, a quantity its number, a reference its string. */
export function answerValue(answer: QuestionnaireResponseItemAnswer): AnswerValue | undefined {
  if (answer.valueCoding) return answer.valueCoding.code;
  return (
    answer.valueBoolean ??
    answer.valueInteger ??
    answer.valueDecimal ??
    answer.valueString ??
    answer.valueDate ??
    answer.valueDateTime ??
    answer.valueTime ??
    answer.valueUri ??
    answer.valueQuantity?.value ??
    answer.valueReference?.reference ??
    answer.valueAttachment?.url
  );
}

/** Every answer in the response by linkId, however deeply nested (groups and answer.item). */
export function collectResponseAnswers(
  items: QuestionnaireResponseItem[] | undefined,
  into = new Map<string, QuestionnaireResponseItemAnswer[]>(),
): Map<string, QuestionnaireResponseItemAnswer[]> {
  for (const item of items ?? []) {
    for (const answer of item.answer ?? []) {
      into.set(item.linkId, [...(into.get(item.linkId) ?? []), answer]);
      collectResponseAnswers(answer.item, into);
    }
    collectResponseAnswers(item.item, into);
  }
  return into;
}

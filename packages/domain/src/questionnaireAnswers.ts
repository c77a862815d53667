/** Answers of a QuestionnaireResponse as plain values, and the check against the Questionnaire. */
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { answerValue, collectResponseAnswers } from './responseAnswers';
import type { AnswerMap, AnswerValue } from './routingRules';

export { checkResponseAgainstQuestionnaire, type ResponseIssue } from './checkResponse';
export { answerValue, collectResponseAnswers } from './responseAnswers';

/** linkId → plain answer values, nested items flattened; answers without a usable value are left out. */
export function extractAnswers(response: QuestionnaireResponse): AnswerMap {
  const map: AnswerMap = {};
  for (const [linkId, answers] of collectResponseAnswers(response.item)) {
    const values = answers.map(answerValue).filter((v): v is AnswerValue => v !== undefined);
    if (values.length > 0) map[linkId] = values;
  }
  return map;
}

/** Checks a QuestionnaireResponse against its Questionnaire before it is accepted. */
import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { checkAnswer, checkAnswerSet } from './answerChecks';
import { disabledLinkIds } from './enableWhen';
import { collectResponseAnswers } from './responseAnswers';

export interface ResponseIssue {
  linkId: string;
  message: string;
}

function checkLevel(
  questions: QuestionnaireItem[],
  responses: QuestionnaireResponseItem[],
  disabled: Set<string>,
  issues: ResponseIssue[],
): void {
  const add = (linkId: string, message: string): void => {
    issues.push({ linkId, message });
  };
  const known = new Set(questions.map((q) => q.linkId));
  for (const r of responses) {
    if (!known.has(r.linkId)) add(r.linkId, `Unknown item "${r.linkId}": the questionnaire has no such item here`);
  }

  for (const q of questions) {
    const id = q.linkId;
    const present = responses.filter((r) => r.linkId === id);
    const answers = present.flatMap((r) => r.answer ?? []);
    if (present.length > 1 && !q.repeats) add(id, `Item "${id}" occurs ${present.length} times but does not repeat`);

    if (disabled.has(id)) {
      if (answers.length > 0 || present.some((r) => (r.item?.length ?? 0) > 0)) {
        add(id, `Item "${id}" must not be answered: its enableWhen conditions are not met`);
      }
      continue;
    }
    if (q.type === 'display' || q.type === 'group') {
      if (q.type === 'display' && present.length > 0) add(id, `Item "${id}" is display text and cannot be answered`);
      if (q.type === 'group' && answers.length > 0) add(id, `Group "${id}" cannot have answers of its own`);
      if (q.type === 'group' && q.required && present.length === 0) add(id, `Required group "${id}" is missing`);
      for (const r of present) checkLevel(q.item ?? [], r.item ?? [], disabled, issues);
      continue;
    }

    if (q.required && answers.length === 0) add(id, `Required item "${id}" is not answered`);
    if (answers.length > 1 && !q.repeats) add(id, `Item "${id}" takes one answer but has ${answers.length}`);
    for (const answer of answers) {
      for (const message of checkAnswer(q, answer)) add(id, message);
      if (answer.item) checkLevel(q.item ?? [], answer.item, disabled, issues);
    }
    if (q.repeats) for (const message of checkAnswerSet(q, answers)) add(id, message);
    if (present.some((r) => (r.item?.length ?? 0) > 0)) {
      add(id, `Nested items of question "${id}" belong under its answer, not under the item`);
    }
  }
}

/**
 * Every problem found, in questionnaire order. Disabled items (enableWhen not met) are not
 * required and must not be answered.
 */
export function checkResponseAgainstQuestionnaire(q: Questionnaire, r: QuestionnaireResponse): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const questions = q.item ?? [];
  const disabled = disabledLinkIds(questions, collectResponseAnswers(r.item));
  checkLevel(questions, r.item ?? [], disabled, issues);
  return issues;
}

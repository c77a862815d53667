import type { AnswerValue, Question } from '../../api/questionnaire.resource';

/** What every field component gets from the form. */
export interface FieldProps {
  question: Question;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange: (value: AnswerValue | undefined) => void;
}

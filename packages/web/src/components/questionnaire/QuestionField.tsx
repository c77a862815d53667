/** Picks the control for one question; groups nest their own questions. */
import { pickText } from '../../api/fhir';
import { enabledLinkIds, type AnswerValue, type Answers, type Question } from '../../api/questionnaire.resource';
import { useLanguage } from '../../i18n/useLanguage';
import { BooleanField } from './BooleanField';
import { ChoiceField } from './ChoiceField';
import { IntegerField } from './IntegerField';
import { MultiChoiceField } from './MultiChoiceField';
import { TextField } from './TextField';

export interface QuestionListProps {
  questions: Question[];
  answers: Answers;
  enabled: ReturnType<typeof enabledLinkIds>;
  errors: Record<string, string>;
  onAnswer: (linkId: string, value: AnswerValue | undefined) => void;
}

export function QuestionList(props: QuestionListProps) {
  return (
    <>
      {props.questions
        .filter((q) => props.enabled.has(q.linkId))
        .map((q) => (
          <QuestionField key={q.linkId} question={q} {...props} />
        ))}
    </>
  );
}

function QuestionField({ question, ...props }: QuestionListProps & { question: Question }) {
  const lang = useLanguage();
  const fieldProps = {
    question,
    value: props.answers[question.linkId],
    error: props.errors[question.linkId],
    onChange: (value: AnswerValue | undefined) => props.onAnswer(question.linkId, value),
  };
  const children = question.items.length > 0 ? <QuestionList {...props} questions={question.items} /> : null;
  switch (question.type) {
    case 'choice':
      return (
        <>
          {question.repeats ? <MultiChoiceField {...fieldProps} /> : <ChoiceField {...fieldProps} />}
          {children}
        </>
      );
    case 'boolean':
      return (
        <>
          <BooleanField {...fieldProps} />
          {children}
        </>
      );
    case 'integer':
      return (
        <>
          <IntegerField {...fieldProps} />
          {children}
        </>
      );
    case 'text':
    case 'string':
      return (
        <>
          <TextField {...fieldProps} />
          {children}
        </>
      );
    case 'group':
      return (
        <fieldset className="field group" data-testid={`answer-${question.linkId}`}>
          <legend>{pickText(question.text, lang)}</legend>
          {children}
        </fieldset>
      );
    case 'display':
      return <p className="display-item">{pickText(question.text, lang)}</p>;
  }
}

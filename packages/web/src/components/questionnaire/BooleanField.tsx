/** A yes/no question: two radios, so "no" is a real answer and not an unticked box. */
import { useTranslation } from 'react-i18next';
import { FieldError } from './FieldError';
import { QuestionLabel } from './QuestionLabel';
import { describedBy, fieldIds } from './fieldIds';
import type { FieldProps } from './fieldProps';

export function BooleanField({ question, value, error, onChange }: FieldProps) {
  const { t } = useTranslation();
  const ids = fieldIds(question.linkId);
  const selected = value?.kind === 'boolean' ? value.value : undefined;
  const choices = [
    { id: ids.field, answer: true, label: t('common.yes') },
    { id: `${ids.field}-no`, answer: false, label: t('common.no') },
  ];
  return (
    <fieldset className={error ? 'field boolean has-error' : 'field boolean'} data-testid={`answer-${question.linkId}`} aria-describedby={describedBy(ids, false, !!error)}>
      <legend>
        <QuestionLabel question={question} />
      </legend>
      <FieldError id={ids.error} message={error} />
      <div className="options options-inline">
        {choices.map((choice) => (
          <div className="option" key={String(choice.answer)}>
            <input
              type="radio"
              id={choice.id}
              name={ids.field}
              value={choice.answer ? 'yes' : 'no'}
              checked={selected === choice.answer}
              required={question.required}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange({ kind: 'boolean', value: choice.answer })}
            />
            <label htmlFor={choice.id}>{choice.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A choice question: a radio group in a fieldset whose legend is the question. */
import { pickText } from '../../api/fhir';
import { useLanguage } from '../../i18n/useLanguage';
import { FieldError } from './FieldError';
import { QuestionLabel } from './QuestionLabel';
import { describedBy, fieldIds } from './fieldIds';
import type { FieldProps } from './fieldProps';

export function ChoiceField({ question, value, error, onChange }: FieldProps) {
  const lang = useLanguage();
  const ids = fieldIds(question.linkId);
  const selected = value?.kind === 'coding' ? value.code : undefined;
  return (
    <fieldset className={error ? 'field choice has-error' : 'field choice'} data-testid={`answer-${question.linkId}`} aria-describedby={describedBy(ids, false, !!error)}>
      <legend>
        <QuestionLabel question={question} />
      </legend>
      <FieldError id={ids.error} message={error} />
      <div className="options">
        {question.options.map((option, index) => {
          const id = index === 0 ? ids.field : `${ids.field}-${index}`;
          return (
            <div className="option" key={option.code}>
              <input
                type="radio"
                id={id}
                name={ids.field}
                value={option.code}
                checked={selected === option.code}
                required={question.required}
                aria-invalid={error ? true : undefined}
                onChange={() => onChange({ kind: 'coding', code: option.code, system: option.system })}
              />
              <label htmlFor={id}>{pickText(option.display, lang)}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

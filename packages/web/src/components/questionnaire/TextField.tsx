/** A free-text question: a textarea for `text`, a one-line input for `string`. */
import { FieldError } from './FieldError';
import { QuestionLabel } from './QuestionLabel';
import { describedBy, fieldIds } from './fieldIds';
import type { FieldProps } from './fieldProps';

export function TextField({ question, value, error, onChange }: FieldProps) {
  const ids = fieldIds(question.linkId);
  const text = value?.kind === 'string' ? value.value : '';
  const common = {
    id: ids.field,
    value: text,
    maxLength: question.maxLength,
    required: question.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(ids, false, !!error),
  };
  const change = (next: string) => onChange(next === '' ? undefined : { kind: 'string', value: next });
  return (
    <div className={error ? 'field text has-error' : 'field text'} data-testid={`answer-${question.linkId}`}>
      <label htmlFor={ids.field}>
        <QuestionLabel question={question} />
      </label>
      <FieldError id={ids.error} message={error} />
      {question.type === 'text' ? (
        <textarea {...common} rows={5} className="input" onChange={(e) => change(e.target.value)} />
      ) : (
        <input {...common} type="text" className="input" onChange={(e) => change(e.target.value)} />
      )}
    </div>
  );
}

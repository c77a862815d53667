/** A number question (e.g. pain 0–10) with its range as a visible hint. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from './FieldError';
import { QuestionLabel } from './QuestionLabel';
import { describedBy, fieldIds } from './fieldIds';
import type { FieldProps } from './fieldProps';

export function IntegerField({ question, value, error, onChange }: FieldProps) {
  const { t } = useTranslation();
  const ids = fieldIds(question.linkId);
  const [text, setText] = useState(value?.kind === 'integer' ? String(value.value) : '');
  const hasRange = question.min !== undefined && question.max !== undefined;

  const change = (next: string) => {
    setText(next);
    const n = Number(next);
    onChange(next.trim() === '' || Number.isNaN(n) ? undefined : { kind: 'integer', value: n });
  };

  return (
    <div className={error ? 'field integer has-error' : 'field integer'} data-testid={`answer-${question.linkId}`}>
      <label htmlFor={ids.field}>
        <QuestionLabel question={question} />
      </label>
      {hasRange && (
        <p id={ids.hint} className="hint">
          {t('form.scaleHint', { min: question.min, max: question.max })}
        </p>
      )}
      <FieldError id={ids.error} message={error} />
      <input
        type="number"
        id={ids.field}
        inputMode="numeric"
        step={1}
        min={question.min}
        max={question.max}
        value={text}
        required={question.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hasRange, !!error)}
        onChange={(e) => change(e.target.value)}
        className="input input-number"
      />
    </div>
  );
}

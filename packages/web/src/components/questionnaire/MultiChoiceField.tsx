/**
 * A choice question that takes several answers: checkboxes in a fieldset. An exclusive option
 * ("none of these") clears the others when ticked, and ticking another clears it, so the
 * answer can never say both.
 */
import type { ReactNode } from 'react';
import { pickText } from '../../api/fhir';
import type { AnswerOption, CodeAnswer } from '../../api/questionnaire.resource';
import { useLanguage } from '../../i18n/useLanguage';
import { FieldError } from './FieldError';
import { QuestionLabel } from './QuestionLabel';
import { describedBy, fieldIds } from './fieldIds';
import type { FieldProps } from './fieldProps';

/** The next set of ticked options after one box changed. */
export function toggleCode(codes: CodeAnswer[], option: AnswerOption, checked: boolean, options: AnswerOption[]): CodeAnswer[] {
  if (!checked) return codes.filter((c) => c.code !== option.code);
  const exclusive = new Set(options.filter((o) => o.exclusive).map((o) => o.code));
  const kept = option.exclusive ? [] : codes.filter((c) => !exclusive.has(c.code));
  return [...kept, { code: option.code, system: option.system }];
}

export function MultiChoiceField({ question, value, error, onChange, hint, testIdPrefix }: FieldProps & { hint?: ReactNode; testIdPrefix?: string }) {
  const lang = useLanguage();
  const ids = fieldIds(question.linkId);
  const codes = value?.kind === 'codings' ? value.codes : [];
  const ticked = new Set(codes.map((c) => c.code));
  return (
    <fieldset
      className={error ? 'field choice has-error' : 'field choice'}
      data-testid={`answer-${question.linkId}`}
      aria-describedby={describedBy(ids, hint !== undefined, !!error)}
    >
      <legend>
        <QuestionLabel question={question} />
      </legend>
      {hint !== undefined && (
        <p id={ids.hint} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={ids.error} message={error} />
      <div className="options">
        {question.options.map((option, index) => {
          const id = index === 0 ? ids.field : `${ids.field}-${index}`;
          return (
            <div className={option.exclusive ? 'option option-exclusive' : 'option'} key={option.code}>
              <input
                type="checkbox"
                id={id}
                name={ids.field}
                value={option.code}
                checked={ticked.has(option.code)}
                aria-invalid={error ? true : undefined}
                data-testid={testIdPrefix ? `${testIdPrefix}-${option.code}` : undefined}
                onChange={(e) => {
                  const next = toggleCode(codes, option, e.target.checked, question.options);
                  onChange(next.length > 0 ? { kind: 'codings', codes: next } : undefined);
                }}
              />
              <label htmlFor={id}>{pickText(option.display, lang)}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

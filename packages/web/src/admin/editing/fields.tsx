/**
 * Labelled controls of the admin editing forms. Each control has a visible label, its hint and
 * error above it, both named in aria-describedby; the error summary links to the control's id.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, LocalizedText } from '@ovi/domain/src/types';
import './editing.css';

import { LANGS } from './texts';

export { LANGS, languageErrors, missingLanguages } from './texts';

const describedBy = (id: string, hint: boolean, error: boolean): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={`${id}-hint`} className="hint">
      {hint}
    </p>
  );
}

function RequiredMark({ required }: { required?: boolean }) {
  const { t } = useTranslation();
  return required ? <span className="required-mark"> ({t('common.required')})</span> : null;
}

interface Common {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  testId?: string;
  /** The language of what is written in the control, when it is not the page's. */
  lang?: Language;
}

function Frame({ id, label, hint, error, required, children }: Common & { children: ReactNode }) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </div>
  );
}

export function TextInput({
  value,
  onChange,
  width,
  inputMode,
  ...common
}: Common & { value: string; onChange: (value: string) => void; width?: 'short' | 'number' | 'full'; inputMode?: 'numeric' | 'text' }) {
  const { id, hint, error, required, testId, lang } = common;
  const widthClass = width === 'short' ? ' input-short' : width === 'number' ? ' input-number' : '';
  return (
    <Frame {...common}>
      <input
        id={id}
        type="text"
        className={`input${widthClass}`}
        value={value}
        lang={lang}
        inputMode={inputMode}
        autoComplete="off"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, !!hint, !!error)}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
    </Frame>
  );
}

export function TextArea({ value, onChange, rows = 3, ...common }: Common & { value: string; onChange: (value: string) => void; rows?: number }) {
  const { id, hint, error, required, testId, lang } = common;
  return (
    <Frame {...common}>
      <textarea
        id={id}
        className="input"
        rows={rows}
        value={value}
        lang={lang}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, !!hint, !!error)}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
    </Frame>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectInput({
  value,
  onChange,
  choices,
  emptyLabel,
  ...common
}: Common & { value: string; onChange: (value: string) => void; choices: Choice[]; emptyLabel?: string }) {
  const { id, hint, error, required, testId } = common;
  return (
    <Frame {...common}>
      <select
        id={id}
        className="input"
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, !!hint, !!error)}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** Checkboxes in a fieldset; the error summary links to the first box (`<id>-0`). */
export function CheckboxGroup({
  id,
  legend,
  choices,
  selected,
  onChange,
  hint,
  error,
  required,
  testId,
}: {
  id: string;
  legend: string;
  choices: Choice[];
  selected: string[];
  onChange: (selected: string[]) => void;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  testId?: string;
}) {
  return (
    <fieldset className={error ? 'field has-error' : 'field'} aria-describedby={describedBy(id, !!hint, !!error)} data-testid={testId}>
      <legend>
        {legend}
        <RequiredMark required={required} />
      </legend>
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
      <div className="options options-inline">
        {choices.map((c, i) => (
          <div className="option" key={c.value}>
            <input
              id={`${id}-${i}`}
              type="checkbox"
              checked={selected.includes(c.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, c.value] : selected.filter((v) => v !== c.value))}
            />
            <label htmlFor={`${id}-${i}`}>{c.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** One choice of a few, as radio buttons in a fieldset; the error summary links to the first (`<id>-0`). */
export function RadioGroup({
  id,
  legend,
  choices,
  value,
  onChange,
  hint,
  error,
  testId,
}: {
  id: string;
  legend: string;
  choices: Choice[];
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  testId?: string;
}) {
  return (
    <fieldset className={error ? 'field has-error' : 'field'} aria-describedby={describedBy(id, !!hint, !!error)} data-testid={testId}>
      <legend>{legend}</legend>
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
      <div className="options options-inline">
        {choices.map((c, i) => (
          <div className="option" key={c.value}>
            <input id={`${id}-${i}`} type="radio" name={id} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} />
            <label htmlFor={`${id}-${i}`}>{c.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The first control of a checkbox group, for the error summary. */
export const firstBoxId = (id: string) => `${id}-0`;

/** A text in Finnish, Swedish and English: three labelled controls in one group. */
export function LocalizedInputs({
  id,
  legend,
  value,
  onChange,
  errors = {},
  multiline,
  hint,
  testId,
  required = true,
}: {
  id: string;
  legend: string;
  value: LocalizedText;
  onChange: (value: LocalizedText) => void;
  errors?: Partial<Record<Language, string>>;
  multiline?: boolean;
  hint?: ReactNode;
  testId?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field-group" data-testid={testId}>
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {LANGS.map((lang) => {
        const common = {
          id: `${id}-${lang}`,
          label: t(`adminEdit.lang.${lang}`),
          required,
          error: errors[lang],
          lang,
          testId: testId ? `${testId}-${lang}` : undefined,
          value: value[lang],
          onChange: (text: string) => onChange({ ...value, [lang]: text }),
        };
        return multiline ? <TextArea key={lang} {...common} /> : <TextInput key={lang} {...common} />;
      })}
    </fieldset>
  );
}

/**
 * The error summary's items: each message after the name of its field as the form shows it
 * (the group's legend, then the field's label), read from the page once the form is on it.
 */
export function summaryItems(problems: Record<string, string>, requiredWord: string): Array<{ fieldId: string; message: string }> {
  const clean = (text: string | null | undefined) => (text ?? '').replace(`(${requiredWord})`, '').trim();
  return Object.entries(problems).map(([fieldId, message]) => {
    const field = typeof document === 'undefined' ? null : document.getElementById(fieldId);
    const own = clean(field?.closest('.field')?.querySelector(':scope > label, :scope > legend')?.textContent);
    const group = clean(field?.closest('.field-group, .condition-row, .block-row')?.querySelector(':scope > legend')?.textContent);
    const name = [group, own].filter(Boolean).join(' – ');
    return { fieldId, message: name ? `${name}: ${message}` : message };
  });
}

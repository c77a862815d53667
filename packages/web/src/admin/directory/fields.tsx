/**
 * Small labelled controls for the directory forms. Each shows its error above the control and
 * names it in aria-describedby; a server's own words come after ours, marked as English.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldProblem {
  /** Our words, in the reader's language. */
  message: string;
  /** The server's words (English), when it said something about the field. */
  detail?: string;
}

/** Field ids: `dir-name`, `dir-participants-1-member` … */
export const fieldId = (field: string) => `dir-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function Problem({ id, problem }: { id: string; problem?: FieldProblem }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {problem.message}
      {problem.detail && (
        <span className="field-error-detail">
          {' '}
          {t('directory.serverSaid')} <span lang="en">{problem.detail}</span>
        </span>
      )}
    </p>
  );
}

const describedBy = (id: string, hint: boolean, problem: boolean) => [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={id}>
      {label}
      {required && <span className="required-mark"> ({t('common.required')})</span>}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  if (!hint) return null;
  return (
    <p id={`${id}-hint`} className="hint">
      {hint}
    </p>
  );
}

/** Label, hint and error above one control: the frame text inputs and selects share. */
function LabelledField({ id, label, required, hint, problem, children }: { id: string; label: string; required?: boolean; hint?: string; problem?: FieldProblem; children: ReactNode }) {
  return (
    <div className={problem ? 'field has-error' : 'field'}>
      <Label id={id} label={label} required={required} />
      <Hint id={id} hint={hint} />
      <Problem id={`${id}-error`} problem={problem} />
      {children}
    </div>
  );
}

interface TextProps {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: FieldProblem;
  hint?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
  width?: 'short' | 'full';
}

export function TextField({ field, label, value, onChange, problem, hint, required, inputMode, autoComplete = 'off', width = 'full' }: TextProps) {
  const id = fieldId(field);
  return (
    <LabelledField id={id} label={label} required={required} hint={hint} problem={problem}>
      <input
        id={id}
        type="text"
        className={width === 'short' ? 'input input-short' : 'input'}
        value={value}
        required={required}
        inputMode={inputMode}
        autoComplete={autoComplete}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, !!hint, !!problem)}
        onChange={(e) => onChange(e.target.value)}
      />
    </LabelledField>
  );
}

export interface Choice {
  value: string;
  label: string;
}

interface SelectProps {
  field: string;
  label: string;
  value: string;
  choices: Choice[];
  onChange: (value: string) => void;
  /** The text of the empty choice; without it the select has no empty choice. */
  emptyLabel?: string;
  problem?: FieldProblem;
  hint?: string;
  required?: boolean;
}

export function SelectField({ field, label, value, choices, onChange, emptyLabel, problem, hint, required }: SelectProps) {
  const id = fieldId(field);
  // A value the lists do not know (e.g. an inactive target) stays visible and selected.
  const known = value === '' || choices.some((c) => c.value === value);
  return (
    <LabelledField id={id} label={label} required={required} hint={hint} problem={problem}>
      <select
        id={id}
        className="input"
        value={value}
        required={required}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, !!hint, !!problem)}
        onChange={(e) => onChange(e.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {!known && <option value={value}>{value}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

interface ChecksProps {
  field: string;
  legend: string;
  values: string[];
  choices: Choice[];
  onChange: (values: string[]) => void;
  problem?: FieldProblem;
  hint?: string;
  inline?: boolean;
}

/** Several choices in a fieldset; the first box carries the id the error summary links to. */
export function CheckboxesField({ field, legend, values, choices, onChange, problem, hint, inline }: ChecksProps) {
  const id = fieldId(field);
  const toggle = (value: string, on: boolean) => onChange(on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value));
  return (
    <fieldset className={problem ? 'field has-error' : 'field'} aria-describedby={describedBy(id, !!hint, !!problem)}>
      <legend>{legend}</legend>
      <Hint id={id} hint={hint} />
      <Problem id={`${id}-error`} problem={problem} />
      <ul className={inline ? 'options options-inline plain-options' : 'options plain-options'}>
        {choices.map((c, i) => {
          const boxId = i === 0 ? id : `${id}-${i}`;
          return (
            <li key={c.value} className="option">
              <input id={boxId} type="checkbox" checked={values.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} />
              <label htmlFor={boxId}>{c.label}</label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

export function CheckboxField({ field, label, checked, onChange, hint }: { field: string; label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  const id = fieldId(field);
  return (
    <div className="field">
      <div className="option">
        <input id={id} type="checkbox" checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
      <Hint id={id} hint={hint} />
    </div>
  );
}

/** A group of fields under a heading of its own (fieldset + legend). */
export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="field-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

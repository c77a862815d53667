/**
 * Registering or changing one SMART app: its client id (fixed once registered), name, the
 * addresses it may be sent back to after log-in, and the browser origins that may call Ovi's
 * FHIR API. Checked as one types with the server's own rules (`registrationFieldProblems`), each
 * problem under its field and, for the lists, naming the line.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_APP_ADDRESSES, registrationFieldProblems, type RegistrationProblem } from '@ovi/domain';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { FieldError } from '../../components/questionnaire/FieldError';
import { linesOf, saveSmartApp, type SmartApp } from './smartApps.resource';

type Field = 'clientId' | 'name' | 'redirectUris' | 'origins';
const FIELDS: Field[] = ['clientId', 'name', 'redirectUris', 'origins'];
const fieldId = (field: Field) => `smart-app-${field}`;

export function SmartAppForm({ editing, onSaved, onCancel }: { editing?: SmartApp; onSaved: (app: SmartApp) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>({
    clientId: editing?.clientId ?? '',
    name: editing?.name ?? '',
    redirectUris: (editing?.redirectUris ?? []).join('\n'),
    origins: (editing?.origins ?? []).join('\n'),
  });
  const [shown, setShown] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const registration = { clientId: values.clientId.trim(), name: values.name, redirectUris: linesOf(values.redirectUris), origins: linesOf(values.origins) };
  const problems = registrationFieldProblems(registration);
  const messageOf = (p: RegistrationProblem): string => {
    if (p.field === 'redirectUris' || p.field === 'origins') {
      return p.kind === 'count' ? t(`smartApps.problem.${p.field}Count`, { max: MAX_APP_ADDRESSES }) : t(`smartApps.problem.${p.field}Line`, { line: p.index + 1, value: p.value });
    }
    return t(`smartApps.problem.${p.field}`);
  };
  const errorsOf = (field: Field) => (shown ? problems.filter((p) => p.field === field).map(messageOf) : []);
  const summary: SummaryItem[] = shown ? FIELDS.flatMap((f) => errorsOf(f).map((message) => ({ fieldId: fieldId(f), message: `${t(`smartApps.field.${f}`)} – ${message}` }))) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setShown(true);
    setAttempt((n) => n + 1);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      onSaved(await saveSmartApp(registration));
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const control = (field: Field, input: (describedBy: string, invalid: boolean) => ReactNode) => {
    const errors = errorsOf(field);
    const hint = `${fieldId(field)}-hint`;
    const error = `${fieldId(field)}-error`;
    return (
      <div className={errors.length > 0 ? 'field has-error' : 'field'}>
        <label htmlFor={fieldId(field)}>{t(`smartApps.field.${field}`)}</label>
        <p id={hint} className="hint">
          {t(`smartApps.hint.${field}`, { max: MAX_APP_ADDRESSES })}
        </p>
        <FieldError id={error} message={errors.length > 0 ? errors.join(' ') : undefined} />
        {input(errors.length > 0 ? `${hint} ${error}` : hint, errors.length > 0)}
      </div>
    );
  };

  return (
    <form className="panel" noValidate onSubmit={(e) => void submit(e)} aria-busy={saving} data-testid="smart-app-form">
      <h2>{editing ? t('smartApps.editTitle', { name: editing.name }) : t('smartApps.newTitle')}</h2>
      <ErrorSummary items={summary} focusKey={attempt} />
      {failure !== undefined && <ErrorMessage error={failure} />}
      {control('clientId', (describedBy, invalid) => (
        <input
          id={fieldId('clientId')}
          className="input"
          autoComplete="off"
          spellCheck={false}
          value={values.clientId}
          readOnly={editing !== undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid="smart-app-client-id"
          onChange={(e) => setValues((v) => ({ ...v, clientId: e.target.value }))}
        />
      ))}
      {control('name', (describedBy, invalid) => (
        <input
          id={fieldId('name')}
          className="input"
          autoComplete="off"
          maxLength={100}
          value={values.name}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid="smart-app-name"
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
        />
      ))}
      {control('redirectUris', (describedBy, invalid) => (
        <textarea
          id={fieldId('redirectUris')}
          className="input"
          rows={3}
          spellCheck={false}
          value={values.redirectUris}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid="smart-app-redirect-uris"
          onChange={(e) => setValues((v) => ({ ...v, redirectUris: e.target.value }))}
        />
      ))}
      {control('origins', (describedBy, invalid) => (
        <textarea
          id={fieldId('origins')}
          className="input"
          rows={2}
          spellCheck={false}
          value={values.origins}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid="smart-app-origins"
          onChange={(e) => setValues((v) => ({ ...v, origins: e.target.value }))}
        />
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="smart-app-save">
          {saving ? t('smartApps.saving') : t('smartApps.save')}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="smart-app-cancel">
          {t('smartApps.cancel')}
        </button>
      </div>
    </form>
  );
}

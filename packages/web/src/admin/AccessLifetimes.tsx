/**
 * How long a professional still sees a client after the work ends (`GET/PUT
 * /api/admin/access-lifetimes`): two numbers of whole days, 0–365, saved by an administrator.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAccessLifetimes, MAX_LIFETIME_DAYS, parseDays, saveAccessLifetimes, type AccessLifetimes as Lifetimes } from '../api/accessLifetimes.resource';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { FieldError } from '../components/questionnaire/FieldError';
import { useAsync } from '../components/useAsync';

type Field = 'taskFollowUpDays' | 'appointmentDays';
const FIELDS: Field[] = ['taskFollowUpDays', 'appointmentDays'];
const FIELD_ID: Record<Field, string> = { taskFollowUpDays: 'lifetime-task-days', appointmentDays: 'lifetime-appointment-days' };
const TEST_ID: Record<Field, string> = { taskFollowUpDays: 'access-lifetimes-task-days', appointmentDays: 'access-lifetimes-appointment-days' };

export function AccessLifetimes() {
  const { t } = useTranslation();
  const stored = useAsync(fetchAccessLifetimes, []);
  const [saved, setSaved] = useState<Lifetimes>();
  const current = saved ?? stored.data;
  const [values, setValues] = useState<Record<Field, string>>({ taskFollowUpDays: '', appointmentDays: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (stored.data) setValues({ taskFollowUpDays: String(stored.data.taskFollowUpDays), appointmentDays: String(stored.data.appointmentDays) });
  }, [stored.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setDone(false);
    const found: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) if (parseDays(values[field]) === undefined) found[field] = t('lifetimes.invalid', { max: MAX_LIFETIME_DAYS });
    setErrors(found);
    setAttempt((n) => n + 1);
    const taskFollowUpDays = parseDays(values.taskFollowUpDays);
    const appointmentDays = parseDays(values.appointmentDays);
    if (taskFollowUpDays === undefined || appointmentDays === undefined) return;
    setSaving(true);
    try {
      const answer = await saveAccessLifetimes({ taskFollowUpDays, appointmentDays });
      setSaved(answer);
      setValues({ taskFollowUpDays: String(answer.taskFollowUpDays), appointmentDays: String(answer.appointmentDays) });
      setDone(true);
    } catch (error) {
      const named = error instanceof ApiError && error.status === 400 ? FIELDS.filter((f) => error.issues.some((i) => i.expression.includes(f))) : [];
      if (named.length > 0) {
        setErrors(Object.fromEntries(named.map((f) => [f, t('lifetimes.invalid', { max: MAX_LIFETIME_DAYS })])));
        setAttempt((n) => n + 1);
      } else setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const summary: SummaryItem[] = FIELDS.filter((f) => errors[f]).map((f) => ({ fieldId: FIELD_ID[f], message: `${t(`lifetimes.${f}`)} – ${errors[f] ?? ''}` }));
  const forbidden = failure instanceof ApiError && failure.status === 403;

  return (
    <>
      <PageHeading title={t('lifetimes.title')}>{t('lifetimes.title')}</PageHeading>
      <p className="lead">{t('lifetimes.intro')}</p>
      <p>{t('lifetimes.why')}</p>
      {stored.loading && !stored.data && <Loading />}
      {stored.error !== undefined && !stored.data && <ErrorMessage error={stored.error} onRetry={stored.reload} />}
      {current && (
        <form className="panel" noValidate onSubmit={(e) => void submit(e)} data-testid="access-lifetimes" aria-busy={saving}>
          <ErrorSummary items={summary} focusKey={attempt} />
          {forbidden ? (
            <div role="alert" className="notice notice-error">
              <p>{t('lifetimes.forbidden')}</p>
            </div>
          ) : (
            failure !== undefined && <ErrorMessage error={failure} />
          )}
          {FIELDS.map((field) => (
            <div key={field} className={errors[field] ? 'field has-error' : 'field'}>
              <label htmlFor={FIELD_ID[field]}>
                {t(`lifetimes.${field}`)}
              </label>
              <p id={`${FIELD_ID[field]}-hint`} className="hint">
                {t(`lifetimes.${field}Hint`, { max: MAX_LIFETIME_DAYS })}
              </p>
              <FieldError id={`${FIELD_ID[field]}-error`} message={errors[field]} />
              <input
                id={FIELD_ID[field]}
                className="input input-number"
                inputMode="numeric"
                autoComplete="off"
                maxLength={3}
                value={values[field]}
                required
                aria-invalid={errors[field] ? true : undefined}
                aria-describedby={errors[field] ? `${FIELD_ID[field]}-hint ${FIELD_ID[field]}-error` : `${FIELD_ID[field]}-hint`}
                data-testid={TEST_ID[field]}
                onChange={(e) => {
                  const text = e.target.value;
                  setValues((v) => ({ ...v, [field]: text }));
                  setDone(false);
                }}
              />
            </div>
          ))}
          <p className="hint">{t('lifetimes.appliesAtOnce')}</p>
          <p className="muted small">{t('lifetimes.version', { version: current.version })}</p>
          <button type="submit" className="button button-primary" disabled={saving} data-testid="access-lifetimes-save">
            {saving ? t('lifetimes.saving') : t('lifetimes.save')}
          </button>
          <StatusMessage tone="success" testId="access-lifetimes-saved">
            {done ? t('lifetimes.saved') : undefined}
          </StatusMessage>
        </form>
      )}
    </>
  );
}

/**
 * No care relationship with this client: the professional may still open the data by writing
 * down why. The reason goes with the request (X-Access-Reason); the access is flagged and logged.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ACCESS_REASON } from '../api/accessReason';
import { FieldError } from '../components/questionnaire/FieldError';

export function AccessReasonForm({ onSubmit }: { onSubmit: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setError(t('accessReason.required'));
      document.getElementById('access-reason')?.focus();
      return;
    }
    onSubmit(text);
  };

  return (
    <section className="panel access-reason" aria-labelledby="access-reason-title" data-testid="access-reason-form">
      <h2 id="access-reason-title" ref={ref} tabIndex={-1}>
        {t('accessReason.title')}
      </h2>
      <p>{t('accessReason.body')}</p>
      <p className="callout callout-warning">
        <span aria-hidden="true">⚑ </span>
        {t('accessReason.logged')}
      </p>
      <form noValidate onSubmit={submit}>
        <div className={error ? 'field has-error' : 'field'}>
          <label htmlFor="access-reason">
            {t('accessReason.label')} <span className="required-mark">({t('common.required')})</span>
          </label>
          <p id="access-reason-hint" className="hint">
            {t('accessReason.hint')}
          </p>
          <FieldError id="access-reason-error" message={error} />
          <textarea
            id="access-reason"
            className="input"
            rows={3}
            maxLength={MAX_ACCESS_REASON}
            value={reason}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'access-reason-hint access-reason-error' : 'access-reason-hint'}
            data-testid="access-reason-input"
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setError(undefined);
            }}
          />
        </div>
        <button type="submit" className="button button-primary" data-testid="access-reason-submit">
          {t('accessReason.submit')}
        </button>
      </form>
    </section>
  );
}

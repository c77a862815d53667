/**
 * No care relationship with this client, or a record of the other register: the professional
 * may still open the data by writing down why (for the other register: the legal basis). The
 * reason goes with the request (X-Access-Reason); the access is flagged and logged.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ACCESS_REASON, type AccessRefusal } from '../api/accessReason';
import { FieldError } from '../components/questionnaire/FieldError';

export function AccessReasonForm({ onSubmit, refusal }: { onSubmit: (reason: string) => void; refusal?: AccessRefusal }) {
  const { t } = useTranslation();
  const register = refusal?.kind === 'register' ? refusal : undefined;
  /** The other register asks for the legal basis; no relationship asks for the reason. */
  const says = (key: string): string => (register ? t(`accessReason.register.${key}`, { register: t(`accessReason.register.name.${register.register}`) }) : t(`accessReason.${key}`));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setError(says('required'));
      document.getElementById('access-reason')?.focus();
      return;
    }
    onSubmit(text);
  };

  return (
    <section
      className="panel access-reason"
      aria-labelledby="access-reason-title"
      data-testid="access-reason-form"
      data-kind={refusal?.kind ?? 'relationship'}
      {...(register ? { 'data-register': register.register } : {})}
    >
      <h2 id="access-reason-title" ref={ref} tabIndex={-1}>
        {says('title')}
      </h2>
      <p>{says('body')}</p>
      {register?.message && (
        <p className="small muted" data-testid="access-reason-server">
          {t('phone.serverSaid')} <span lang="en">{register.message}</span>
        </p>
      )}
      <p className="callout callout-warning">
        <span aria-hidden="true">⚑ </span>
        {t('accessReason.logged')}
      </p>
      <form noValidate onSubmit={submit}>
        <div className={error ? 'field has-error' : 'field'}>
          <label htmlFor="access-reason">
            {says('label')} <span className="required-mark">({t('common.required')})</span>
          </label>
          <p id="access-reason-hint" className="hint">
            {says('hint')}
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
          {says('submit')}
        </button>
      </form>
    </section>
  );
}

/**
 * How the visit went: realised, or not realised (the client did not come, or it did not take
 * place for another reason, with the reason). Realised and not-come wait for the start time;
 * the server checks the same and refuses a second, different record.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitOutcome } from '@ovi/domain/src/visitOutcome';
import { MAX_OUTCOME_REASON } from '@ovi/domain/src/visitOutcome';
import { recordVisitOutcome, type VisitDetail } from '../../api/visitOutcome.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldError } from '../../components/questionnaire/FieldError';
import { formatClock } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';

type NotRealised = Exclude<VisitOutcome, 'fulfilled'>;

export function VisitOutcomeForm({ visit, onRecorded }: { visit: VisitDetail; onRecorded: (next: VisitDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const begun = visit.start !== undefined && Date.parse(visit.start) <= Date.now();
  const [notRealised, setNotRealised] = useState(false);
  const [kind, setKind] = useState<NotRealised>(begun ? 'noshow' : 'cancelled');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [sending, setSending] = useState(false);

  const send = async (outcome: VisitOutcome, text?: string) => {
    setSending(true);
    setFailure(undefined);
    try {
      onRecorded(await recordVisitOutcome(visit, outcome, text));
    } catch (e) {
      setFailure(e);
    } finally {
      setSending(false);
    }
  };

  const submitNotRealised = (event: FormEvent) => {
    event.preventDefault();
    if (kind === 'cancelled' && !reason.trim()) {
      setError(t('visit.reasonRequired'));
      document.getElementById('visit-reason')?.focus();
      return;
    }
    void send(kind, reason.trim() || undefined);
  };

  return (
    <section className="panel" aria-labelledby="visit-outcome-title" data-testid="visit-outcome">
      <h2 id="visit-outcome-title">{t('visit.outcomeTitle')}</h2>
      {!begun && <p className="small muted" data-testid="visit-not-begun">{t('visit.notBegun', { time: formatClock(visit.start, lang) })}</p>}
      {failure !== undefined && <ErrorMessage error={failure} />}
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={!begun || sending} data-testid="visit-realised" onClick={() => void send('fulfilled')}>
          {t('visit.realised')}
        </button>
        <button type="button" className="button button-secondary" aria-expanded={notRealised} aria-controls="visit-not-realised" data-testid="visit-not-realised" onClick={() => setNotRealised((v) => !v)}>
          {t('visit.notRealised')}
        </button>
      </div>
      {notRealised && (
        <form id="visit-not-realised" noValidate onSubmit={submitNotRealised}>
          <fieldset className="field">
            <legend>{t('visit.whyNot')}</legend>
            <div className="options">
              {(['noshow', 'cancelled'] as const).map((k) => (
                <div className="option" key={k}>
                  <input type="radio" id={`visit-kind-${k}`} name="visit-not-realised" value={k} checked={kind === k} disabled={k === 'noshow' && !begun} data-testid={`visit-kind-${k}`} onChange={() => setKind(k)} />
                  <label htmlFor={`visit-kind-${k}`}>{t(`visit.kind.${k}`)}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <div className={error ? 'field has-error' : 'field'}>
            <label htmlFor="visit-reason">{kind === 'cancelled' ? t('visit.reason') : t('visit.note')}</label>
            <FieldError id="visit-reason-error" message={error} />
            <textarea
              id="visit-reason"
              className="input"
              rows={3}
              maxLength={MAX_OUTCOME_REASON}
              value={reason}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'visit-reason-error' : undefined}
              data-testid="visit-reason"
              onChange={(e) => {
                setReason(e.target.value);
                if (e.target.value.trim()) setError(undefined);
              }}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={sending} data-testid="visit-not-realised-submit">
            {t('visit.record')}
          </button>
        </form>
      )}
    </section>
  );
}

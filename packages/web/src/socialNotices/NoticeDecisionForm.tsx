/**
 * The social worker's acts on one notice: the same-day urgency assessment, and the decision
 * (investigation or not, LSL 26 §; service-need assessment or not, SHL 36 §). Nothing is sent
 * to anyone: the worker informs the family or the reporter themself as the law allows.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { assessUrgency, decideNotice, DECISIONS, type NoticeItem, type NoticeState } from './notice.resource';

const URGENCIES = ['emergent', 'urgent', 'non-urgent'] as const;

export function NoticeDecisionForm({ notice, onDone }: { notice: NoticeItem; onDone: (state: NoticeState) => void }) {
  const { t } = useTranslation();
  const assessed = notice.assessedAt !== undefined;
  const [urgency, setUrgency] = useState(URGENCIES.includes(notice.urgency as (typeof URGENCIES)[number]) ? notice.urgency : 'urgent');
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const id = notice.taskId;

  async function run(action: () => Promise<NoticeState>) {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await action());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const trimmed = note.trim() ? { note: note.trim() } : {};
  const decide = (event: FormEvent) => {
    event.preventDefault();
    void run(() => decideNotice(id, { decision, ...(assessed ? {} : { urgency }), ...trimmed }));
  };

  return (
    <form className="notice-decision" onSubmit={decide} data-testid={`decide-${id}`}>
      {!assessed && (
        <>
          <label htmlFor={`urgency-${id}`}>{t('noticeDecisions.urgency')}</label>
          <select id={`urgency-${id}`} value={urgency} onChange={(e) => setUrgency(e.target.value)} data-testid="notice-urgency">
            {URGENCIES.map((u) => <option key={u} value={u}>{t(`urgency.${u}`)}</option>)}
          </select>
        </>
      )}
      <fieldset>
        <legend>{t('noticeDecisions.decision')}</legend>
        {(DECISIONS[notice.kind] ?? []).map((d) => (
          <label key={d} className="choice">
            <input type="radio" name={`decision-${id}`} value={d} checked={decision === d} onChange={() => setDecision(d)} data-testid={`decision-${d}`} /> {t(`noticeDecisions.codes.${d}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`note-${id}`}>{t('noticeDecisions.note')}</label>
      <textarea id={`note-${id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <p className="hint">{t('noticeDecisions.nothingSent')}</p>
      {error !== undefined && <ErrorMessage error={error} />}
      <div className="button-row">
        {!assessed && (
          <button type="button" className="button button-secondary" disabled={busy} data-testid="notice-assess" onClick={() => void run(() => assessUrgency(id, { urgency, ...trimmed }))}>
            {t('noticeDecisions.assess')}
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy || !decision} data-testid="notice-decide">{t('noticeDecisions.decide')}</button>
      </div>
    </form>
  );
}

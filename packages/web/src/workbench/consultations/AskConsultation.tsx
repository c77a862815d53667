/**
 * "Ask a colleague" on a client's contact: whom (a professional, a team or a service), the
 * question, and by when an answer is needed. The one asked finds it in their inbox; the answer
 * comes back to the asker's outbox and to the client's history.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addCalendarDays } from '@ovi/domain/src/calendarDate';
import { askConsultation, fetchConsultationTargets, type ConsultationTarget } from '../../api/consultation.resource';
import { useUser } from '../../auth/SessionContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StatusMessage } from '../../components/StatusMessage';
import { FieldError } from '../../components/questionnaire/FieldError';
import { useAsync } from '../../components/useAsync';
import { todayInHelsinki } from '../schedule/scheduleDays';
import { announceConsultationsChanged } from './consultationEvents';

const MAX_QUESTION = 4000;
type Field = 'owner' | 'question' | 'due';

interface Props {
  patientRef: string;
  /** `Task/<id>` of the contact asked from. */
  contact: string;
  onAsked: () => void;
}

export function AskConsultation({ patientRef, contact, onAsked }: Props) {
  const { t } = useTranslation();
  const user = useUser();
  const [open, setOpen] = useState(false);
  const targets = useAsync(async () => (open ? fetchConsultationTargets(user.fhirUser) : []), [open, user.fhirUser]);
  const today = todayInHelsinki();
  const [owner, setOwner] = useState('');
  const [question, setQuestion] = useState('');
  const [due, setDue] = useState(() => addCalendarDays(today, 2));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string>();

  const check = (): Partial<Record<Field, string>> => ({
    ...(owner ? {} : { owner: t('consultations.ask.ownerRequired') }),
    ...(question.trim() ? {} : { question: t('consultations.ask.questionRequired') }),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(due) && due >= today ? {} : { due: t('consultations.ask.dueInvalid') }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    const first = (['owner', 'question', 'due'] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(`ask-${first}`)?.focus();
      return;
    }
    setSending(true);
    setFailure(undefined);
    try {
      await askConsultation({ patientRef, owner, question: question.trim(), dueDate: due, contact });
      setSentTo(targets.data?.find((x) => x.reference === owner)?.name ?? '');
      setQuestion('');
      setOwner('');
      setOpen(false);
      announceConsultationsChanged();
      onAsked();
    } catch (e) {
      setFailure(e);
    } finally {
      setSending(false);
    }
  };

  const groups: Array<{ kind: ConsultationTarget['kind']; label: string }> = [
    { kind: 'professional', label: t('consultations.ask.professionals') },
    { kind: 'team', label: t('consultations.ask.teams') },
    { kind: 'service', label: t('consultations.ask.services') },
  ];
  const describedBy = (f: Field, hint?: string) => [hint, errors[f] ? `ask-${f}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <section className="panel" aria-labelledby="ask-title" data-testid="ask-consultation">
      <h2 id="ask-title">{t('consultations.ask.title')}</h2>
      <p className="small">{t('consultations.ask.intro')}</p>
      <StatusMessage tone="success" testId="ask-consultation-sent">
        {sentTo !== undefined ? t('consultations.ask.sent', { name: sentTo }) : undefined}
      </StatusMessage>
      {!open ? (
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={false}
          data-testid="ask-consultation-open"
          onClick={() => {
            setSentTo(undefined);
            setOpen(true);
          }}
        >
          {t('consultations.ask.open')}
        </button>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          {targets.error !== undefined && <ErrorMessage error={targets.error} onRetry={targets.reload} />}
          <div className={errors.owner ? 'field has-error' : 'field'}>
            <label htmlFor="ask-owner">{t('consultations.ask.owner')}</label>
            <FieldError id="ask-owner-error" message={errors.owner} />
            <select
              id="ask-owner"
              className="input"
              value={owner}
              aria-invalid={errors.owner ? true : undefined}
              aria-describedby={describedBy('owner')}
              data-testid="ask-consultation-owner"
              onChange={(e) => setOwner(e.target.value)}
            >
              <option value="">{targets.loading ? t('consultations.ask.loading') : t('consultations.ask.choose')}</option>
              {groups.map((group) => {
                const options = (targets.data ?? []).filter((x) => x.kind === group.kind);
                return options.length === 0 ? null : (
                  <optgroup key={group.kind} label={group.label}>
                    {options.map((x) => (
                      <option key={x.reference} value={x.reference}>
                        {x.profession ? `${x.name} (${t(`profession.${x.profession}`)})` : x.name}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </div>
          <div className={errors.question ? 'field has-error' : 'field'}>
            <label htmlFor="ask-question">{t('consultations.ask.question')}</label>
            <p id="ask-question-hint" className="hint">
              {t('consultations.ask.questionHint')}
            </p>
            <FieldError id="ask-question-error" message={errors.question} />
            <textarea
              id="ask-question"
              className="input"
              rows={4}
              maxLength={MAX_QUESTION}
              value={question}
              aria-invalid={errors.question ? true : undefined}
              aria-describedby={describedBy('question', 'ask-question-hint')}
              data-testid="ask-consultation-question"
              onChange={(e) => setQuestion(e.target.value)}
            />
          </div>
          <div className={errors.due ? 'field has-error' : 'field'}>
            <label htmlFor="ask-due">{t('consultations.ask.due')}</label>
            <FieldError id="ask-due-error" message={errors.due} />
            <input
              id="ask-due"
              type="date"
              className="input"
              min={today}
              value={due}
              aria-invalid={errors.due ? true : undefined}
              aria-describedby={describedBy('due')}
              data-testid="ask-consultation-due"
              onChange={(e) => setDue(e.target.value)}
            />
          </div>
          {failure !== undefined && <ErrorMessage error={failure} />}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={sending} data-testid="ask-consultation-submit">
              {sending ? t('consultations.sending') : t('consultations.ask.submit')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              {t('consultations.ask.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The answer to a question in the inbox: one text, sent with $answer; the asker sees it at once. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answerConsultation } from '../../api/consultation.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldError } from '../../components/questionnaire/FieldError';

const MAX_ANSWER = 8000;

export function AnswerForm({ taskRef, onAnswered }: { taskRef: string; onAnswered: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const id = `answer-${taskRef.replace(/\W/g, '-')}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('consultations.answerRequired'));
      document.getElementById(id)?.focus();
      return;
    }
    setSending(true);
    setFailure(undefined);
    try {
      await answerConsultation(taskRef, text.trim());
      onAnswered();
    } catch (e) {
      setFailure(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="consultation-answer-form">
      <div className={error ? 'field has-error' : 'field'}>
        <label htmlFor={id}>{t('consultations.answerLabel')}</label>
        <FieldError id={`${id}-error`} message={error} />
        <textarea
          id={id}
          className="input"
          rows={4}
          maxLength={MAX_ANSWER}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="consultation-answer-input"
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) setError(undefined);
          }}
        />
      </div>
      {failure !== undefined && <ErrorMessage error={failure} />}
      <button type="submit" className="button button-primary" disabled={sending} data-testid="consultation-answer-submit">
        {sending ? t('consultations.sending') : t('consultations.sendAnswer')}
      </button>
    </form>
  );
}

/**
 * The professional's own need assessment: urgency, service, professional and a note. It
 * overrides the rules' suggestion; the deadlines follow it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFESSIONS, URGENCIES } from '@ovi/domain/src/types';
import { assessContact, fetchServices, type Register } from '../api/assessment.resource';
import type { ContactTask } from '../api/task.resource';
import { ErrorSummary } from '../components/ErrorSummary';
import { FieldError } from '../components/questionnaire/FieldError';
import { useAsync } from '../components/useAsync';
import { AssessmentFailure } from './AssessmentFailure';

const MAX_NOTE = 4000;
const REGISTERS: Register[] = ['health', 'social'];

interface Props {
  task: ContactTask;
  reason?: string;
  onAssessed: (task: ContactTask) => void;
}

export function AssessmentForm({ task, reason, onAssessed }: Props) {
  const { t } = useTranslation();
  const services = useAsync(() => fetchServices().catch(() => []), []);
  // Starts from the current need, so that changing one part does not mean choosing all three again.
  const [urgency, setUrgency] = useState(task.urgency ?? '');
  const [service, setService] = useState(task.service ?? '');
  const [profession, setProfession] = useState(task.profession ?? '');
  const [note, setNote] = useState('');
  const [urgencyError, setUrgencyError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setFailure(undefined);
    setAttempt((n) => n + 1);
    if (!urgency) {
      setUrgencyError(t('assessment.urgencyRequired'));
      return;
    }
    setSaving(true);
    try {
      onAssessed(await assessContact(task.id, { urgency, service: service || undefined, profession: profession || undefined, note }, reason));
      setNote('');
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const known = services.data ?? [];
  // A service the list does not have (an older code) is still shown, so the select never lies.
  const listed = service && !known.some((s) => s.code === service) ? [...known, { code: service, register: 'health' as const }] : known;

  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="assessment-form" aria-busy={saving}>
      <ErrorSummary items={urgencyError ? [{ fieldId: `assessment-urgency-${URGENCIES[0]}`, message: urgencyError }] : []} focusKey={attempt} />
      {failure !== undefined && <AssessmentFailure error={failure} />}
      <fieldset className={urgencyError ? 'field choice has-error' : 'field choice'} aria-describedby={urgencyError ? 'assessment-urgency-error' : undefined}>
        <legend>
          {t('assessment.urgency')} <span className="required-mark">({t('common.required')})</span>
        </legend>
        <FieldError id="assessment-urgency-error" message={urgencyError} />
        <div className="options options-compact">
          {URGENCIES.map((code) => (
            <div className="option" key={code}>
              <input
                type="radio"
                id={`assessment-urgency-${code}`}
                name="assessment-urgency"
                value={code}
                checked={urgency === code}
                data-testid={`assessment-urgency-${code}`}
                onChange={() => {
                  setUrgency(code);
                  setUrgencyError(undefined);
                }}
              />
              <label htmlFor={`assessment-urgency-${code}`}>{t(`urgency.${code}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="assessment-service">{t('assessment.service')}</label>
        <select id="assessment-service" className="input" value={service} data-testid="assessment-service" onChange={(e) => setService(e.target.value)}>
          <option value="">{t('assessment.keep')}</option>
          {REGISTERS.map((register) => {
            const inRegister = listed.filter((s) => s.register === register);
            if (inRegister.length === 0) return null;
            return (
              <optgroup key={register} label={t(`assessment.register.${register}`)}>
                {inRegister.map((s) => (
                  <option key={s.code} value={s.code}>
                    {t(`service.${s.code}`, { defaultValue: s.code })}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </div>
      <div className="field">
        <label htmlFor="assessment-profession">{t('assessment.profession')}</label>
        <select id="assessment-profession" className="input" value={profession} data-testid="assessment-profession" onChange={(e) => setProfession(e.target.value)}>
          <option value="">{t('assessment.keep')}</option>
          {PROFESSIONS.map((code) => (
            <option key={code} value={code}>
              {t(`profession.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="assessment-note">{t('assessment.note')}</label>
        <p id="assessment-note-hint" className="hint">
          {t('assessment.noteHint')}
        </p>
        <textarea
          id="assessment-note"
          className="input"
          rows={3}
          maxLength={MAX_NOTE}
          value={note}
          aria-describedby="assessment-note-hint"
          data-testid="assessment-note"
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="assessment-submit">
          {saving ? t('assessment.saving') : t('assessment.save')}
        </button>
      </div>
    </form>
  );
}

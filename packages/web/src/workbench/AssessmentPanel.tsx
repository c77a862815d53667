/**
 * "Assessment": the rules' suggestion beside the professional's own assessment. Once
 * assessed, who did it and when, and what differs; it can be assessed again until resolved.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactTask } from '../api/task.resource';
import { StatusMessage } from '../components/StatusMessage';
import { AssessmentForm } from './AssessmentForm';
import { AssessmentSummary } from './AssessmentSummary';
import { SuggestionFacts } from './SuggestionFacts';

interface Props {
  task: ContactTask;
  reason?: string;
  onAssessed: (task: ContactTask) => void;
}

export function AssessmentPanel({ task, reason, onAssessed }: Props) {
  const { t } = useTranslation();
  const assessed = Boolean(task.assessedAt);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const open = task.status === 'waiting';
  return (
    <section className="panel" aria-labelledby="assessment-title" data-testid="assessment">
      <h2 id="assessment-title">{t('assessment.title')}</h2>
      <StatusMessage tone="success" testId="assessment-saved">
        {saved ? t('assessment.saved') : undefined}
      </StatusMessage>
      {task.suggested && <SuggestionFacts suggested={task.suggested} />}
      {assessed ? <AssessmentSummary task={task} /> : <p className="muted">{t('assessment.notYet')}</p>}
      {open && (!assessed || editing) && (
        <AssessmentForm
          task={task}
          reason={reason}
          onAssessed={(updated) => {
            setEditing(false);
            setSaved(true);
            onAssessed(updated);
          }}
        />
      )}
      {open && assessed && !editing && (
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)} data-testid="assessment-change">
          {t('assessment.change')}
        </button>
      )}
    </section>
  );
}

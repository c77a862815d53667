/** A contact that has been decided: its outcome and the message the resident got. */
import { useTranslation } from 'react-i18next';
import type { ContactTask } from '../api/task.resource';

export function HandledSummary({ task }: { task: ContactTask }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="handled-title">
      <h2 id="handled-title">{t('contact.handled')}</h2>
      <dl className="facts">
        {task.outcome && (
          <div>
            <dt>{t('outcome.label')}</dt>
            <dd>{t(`outcome.${task.outcome}`, { defaultValue: task.outcome })}</dd>
          </div>
        )}
        {task.note && (
          <div>
            <dt>{t('contact.note')}</dt>
            <dd className="reply-text">{task.note}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

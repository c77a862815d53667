/** After staff record a contact: it is in the queue; an emergency is flagged at once. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SentContact } from '../api/contact.resource';
import { Link } from '../app/router';
import { taskPath } from '../app/routes';
import { ResidentNoteList } from '../components/ResidentNoteList';

export function ContactRecorded({ sent, onAnother }: { sent: SentContact; onAnother: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const isEmergent = sent.task?.urgency === 'emergent';
  return (
    <section className="confirmation" aria-labelledby="recorded-title" data-testid="contact-confirmation">
      <h2 id="recorded-title" ref={ref} tabIndex={-1}>
        {t('phone.recorded')}
      </h2>
      {isEmergent && (
        <p role="alert" className="emergency emergency-compact" data-testid="emergency-advice">
          {t('phone.emergent')}
        </p>
      )}
      {sent.task && sent.task.notes.length > 0 && (
        <>
          <h3 className="notes-title">{t('phone.tellClient')}</h3>
          <ResidentNoteList notes={sent.task.notes} />
        </>
      )}
      <div className="button-row">
        {sent.task && (
          <Link to={taskPath(sent.task.id)} className="button button-primary">
            {t('phone.openTask')}
          </Link>
        )}
        <button type="button" className="button button-secondary" onClick={onAnother}>
          {t('phone.another')}
        </button>
      </div>
    </section>
  );
}

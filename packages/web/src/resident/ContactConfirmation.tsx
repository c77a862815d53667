/**
 * After a contact has been sent: when we will be in touch — or, when we are closed and
 * nobody reads it in time, that we are closed and where to turn now — and the advice the
 * server gave, most serious first.
 */
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Child } from '../api/children.resource';
import type { ContactTask } from '../api/task.resource';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { PhoneText } from '../components/PhoneText';
import { ResidentNoteList } from '../components/ResidentNoteList';
import { formatDeadline } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { OutOfHoursNotice } from './OutOfHoursNotice';

interface Props {
  task: ContactTask | undefined;
  /** The child the contact is about, when a guardian sent it. */
  child?: Child;
  onSendAnother: () => void;
}

export function ContactConfirmation({ task, child, onSendAnother }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const when = formatDeadline(task?.deadline ?? task?.assessmentDue, lang);
  const closed = task?.outOfHours === true;
  const notes = task?.notes ?? [];
  // 112 comes before everything, the closed notice included; the notice says what the
  // out-of-hours note says, with the opening time, so that note is not told twice.
  const urgentFirst = notes.filter((n) => n.kind === 'call-112');
  const rest = notes.filter((n) => n.kind !== 'call-112' && !(closed && n.kind === 'out-of-hours'));
  return (
    <section className="confirmation" aria-labelledby="confirmation-title" data-testid="contact-confirmation">
      <h2 id="confirmation-title" ref={ref} tabIndex={-1}>
        <span aria-hidden="true" className="confirmation-mark">
          ✓{' '}
        </span>
        {t('confirmation.title')}
      </h2>
      {child && (
        <p data-testid="contact-about">{t('confirmation.about', { name: child.name || t('subject.child', { number: 1 }) })}</p>
      )}
      <ResidentNoteList notes={urgentFirst} />
      {closed ? (
        <OutOfHoursNotice queueOpens={task?.queueOpens} />
      ) : (
        <p className="confirmation-deadline" data-testid="confirmation-deadline">
          {when ? <Trans i18nKey="confirmation.deadline" values={{ deadline: when }} components={{ strong: <strong /> }} /> : t('confirmation.noDeadline')}
        </p>
      )}
      {rest.length > 0 && (
        <>
          <h3 className="notes-title">{closed ? t('confirmation.whereToTurn') : t('confirmation.advice')}</h3>
          <ResidentNoteList notes={rest} />
        </>
      )}
      {/* Closed with no advice on record: never leave the resident without a door. */}
      {closed && rest.length === 0 && (
        <p className="resident-note note-info">
          <PhoneText text={t('outOfHours.fallback')} />
        </p>
      )}
      <p>{closed ? t('confirmation.nextClosed') : t('confirmation.next')}</p>
      <div className="button-row">
        <Link to={PATHS.myContacts} className="button button-primary">
          {t('confirmation.seeMyContacts')}
        </Link>
        <button type="button" className="button button-secondary" onClick={onSendAnother}>
          {t('confirmation.sendAnother')}
        </button>
      </div>
    </section>
  );
}

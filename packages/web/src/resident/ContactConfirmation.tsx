/**
 * After a contact has been sent: when we will be in touch — or, when we are closed and
 * nobody reads it in time, that we are closed and where to turn now — and the advice the
 * server gave, most serious first. "Call us" names the number: the client's own unit's phone.
 */
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Child } from '../api/children.resource';
import type { Principal } from '../api/principals.resource';
import type { ContactTask } from '../api/task.resource';
import { fetchHomeUnit } from '../api/unit.resource';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { PhoneText } from '../components/PhoneText';
import { ResidentNoteList } from '../components/ResidentNoteList';
import { useAsync } from '../components/useAsync';
import { formatDeadline } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { OutOfHoursNotice } from './OutOfHoursNotice';

interface Props {
  task: ContactTask | undefined;
  /** The child the contact is about, when a guardian sent it. */
  child?: Child;
  /** Whom the contact is about when the resident acted for someone else (a child or an adult who authorised them). */
  principal?: Principal;
  onSendAnother: () => void;
}

export function ContactConfirmation({ task, child, principal, onSendAnother }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  // The unit to call while waiting: the client's own health station (from the directory).
  const home = useAsync(() => fetchHomeUnit(task?.patientRef), [task?.patientRef]);
  const phone = home.data?.phone;
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
      {child && !principal && (
        <p data-testid="contact-about">{t('confirmation.about', { name: child.name || t('subject.child', { number: 1 }) })}</p>
      )}
      {principal && (
        <p data-testid="contact-about" data-kind={principal.kind}>
          {principal.kind === 'guardian'
            ? t('confirmation.about', { name: principal.name || t('subject.child', { number: 1 }) })
            : t('portal.aboutPrincipal', { name: principal.name ?? '' })}
        </p>
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
      <p data-testid="confirmation-next">
        {closed ? (
          t('confirmation.nextClosed')
        ) : home.loading ? (
          t('portal.confirmation.nextLoading')
        ) : (
          <PhoneText
            text={phone ? t('portal.confirmation.next', { name: home.data?.name ?? t('portal.call.yourUnit'), phone }) : t('portal.confirmation.nextFallback')}
          />
        )}
      </p>
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

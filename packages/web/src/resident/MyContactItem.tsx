/** One sent contact: reason, status, deadline and the reply. */
import { useTranslation } from 'react-i18next';
import type { MyContact } from '../api/contact.resource';
import { pickText } from '../api/fhir';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { AppointmentFacts, AppointmentWhen } from '../components/appointment/AppointmentFacts';
import { AppointmentStatus } from '../components/appointment/AppointmentStatus';
import { ResidentNoteList } from '../components/ResidentNoteList';
import { formatDateTime, formatDeadline } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function MyContactItem({ contact }: { contact: MyContact }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const reason = pickText(contact.reason, lang) || contact.description || t('myContacts.reasonFallback');
  const headingId = `contact-${contact.id}-title`;
  return (
    <li className="card my-contact" data-testid="my-contact" data-task-id={contact.id} aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId} className="card-title">
          {reason}
        </h2>
        <span className={`status status-${contact.status}`}>
          <span className="visually-hidden">{t('myContacts.statusLabel')}: </span>
          {t(`myContacts.status.${contact.status}`)}
        </span>
      </div>
      {contact.about && <p className="meta" data-testid="my-contact-about">{t('myContacts.about', { name: contact.about })}</p>}
      {contact.authoredOn && <p className="meta">{t('myContacts.sentOn', { date: formatDateTime(contact.authoredOn, lang) })}</p>}
      {/* Out of hours nobody reads it by the deadline, so no deadline is promised; the notes say where to turn. */}
      {contact.status === 'waiting' && contact.deadline && !contact.outOfHours && (
        <dl className="facts">
          <div>
            <dt>{t('myContacts.deadline')}</dt>
            <dd>
              <time dateTime={contact.deadline}>{formatDeadline(contact.deadline, lang)}</time>
            </dd>
          </div>
        </dl>
      )}
      {contact.status === 'waiting' && contact.notes.length > 0 && (
        <div className="my-contact-notes" data-testid="my-contact-notes">
          <h3 className="reply-title">{t('myContacts.advice')}</h3>
          <ResidentNoteList notes={contact.notes} />
        </div>
      )}
      {contact.appointment && (
        <div className="appointment-box" data-testid="my-contact-appointment" data-appointment-id={contact.appointment.id}>
          <h3 className="reply-title">
            {t('myContacts.appointment')}: <AppointmentWhen appointment={contact.appointment} />{' '}
            <AppointmentStatus status={contact.appointment.status} />
          </h3>
          <AppointmentFacts appointment={contact.appointment} showWhen={false} />
          <p className="reply-time">
            <Link to={PATHS.appointments}>{t('myAppointments.seeAll')}</Link>
          </p>
        </div>
      )}
      {contact.replies.length > 0 ? (
        contact.replies.map((reply) => (
          <div key={reply.id} className="reply" data-testid="my-contact-reply">
            <h3 className="reply-title">{t('myContacts.reply')}</h3>
            <p className="reply-text">{reply.text}</p>
            {reply.sent && <p className="reply-time">{formatDateTime(reply.sent, lang)}</p>}
          </div>
        ))
      ) : (
        <p className="muted">{t('myContacts.noReply')}</p>
      )}
    </li>
  );
}

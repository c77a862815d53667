/**
 * One sent contact: reason, where it is now (with the team it was routed to, by name), the
 * deadline, the emergency advice again for an emergency, the replies signed by profession and
 * unit, and the number to call.
 */
import { useTranslation } from 'react-i18next';
import type { MyContact, ReplySignature } from '../api/contact.resource';
import { pickText } from '../api/fhir';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { AppointmentFacts, AppointmentWhen } from '../components/appointment/AppointmentFacts';
import { AppointmentStatus } from '../components/appointment/AppointmentStatus';
import { CallUs } from '../components/CallUs';
import { ResidentNoteList } from '../components/ResidentNoteList';
import { formatDateTime, formatDeadline } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { EmergencyAdvice } from './EmergencyAdvice';

/** Progress → the status colours there are: open work is "waiting", done is "handled". */
const STATUS_CLASS = { waiting: 'waiting', 'with-team': 'waiting', handled: 'handled', cancelled: 'cancelled' } as const;

export function MyContactItem({ contact }: { contact: MyContact }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const reason = pickText(contact.reason, lang) || contact.description || t('myContacts.reasonFallback');
  const headingId = `contact-${contact.id}-title`;
  const open = contact.progress === 'waiting' || contact.progress === 'with-team';
  const emergency = contact.urgency === 'emergent';
  const signed = (s: ReplySignature | undefined) =>
    s && (s.text ?? [s.profession ? t(`profession.${s.profession}`, { defaultValue: s.professionText ?? s.profession }) : s.professionText, s.unit].filter(Boolean).join(', '));
  return (
    <li className="card my-contact" data-testid="my-contact" data-task-id={contact.id} data-progress={contact.progress} aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId} className="card-title">
          {reason}
        </h2>
        <span className={`status status-${STATUS_CLASS[contact.progress]}`} data-testid="my-contact-status">
          <span className="visually-hidden">{t('myContacts.statusLabel')}: </span>
          {t(`portal.progress.${contact.progress}`)}
        </span>
      </div>
      {contact.progress === 'with-team' && (
        <p data-testid="my-contact-handler">
          {contact.handledBy?.name ? t('portal.withTeam', { name: contact.handledBy.name }) : t('portal.withTeamUnnamed')}
        </p>
      )}
      {contact.progress === 'handled' && contact.handledBy?.name && (
        <p className="meta" data-testid="my-contact-handler">
          {t('portal.handledBy', { name: contact.handledBy.name })}
        </p>
      )}
      {contact.about && <p className="meta" data-testid="my-contact-about">{t('myContacts.about', { name: contact.about })}</p>}
      {contact.authoredOn && <p className="meta">{t('myContacts.sentOn', { date: formatDateTime(contact.authoredOn, lang) })}</p>}
      {/* The advice given when an emergency was sent stays here: 112 first, then the rest. */}
      {emergency && <EmergencyAdvice notes={contact.notes} compact id={`contact-${contact.id}`} />}
      {/* Out of hours nobody reads it by the deadline, so no deadline is promised; the notes say where to turn. */}
      {open && contact.deadline && !contact.outOfHours && !emergency && (
        <dl className="facts">
          <div>
            <dt>{t('myContacts.deadline')}</dt>
            <dd>
              <time dateTime={contact.deadline}>{formatDeadline(contact.deadline, lang)}</time>
            </dd>
          </div>
        </dl>
      )}
      {!emergency && contact.progress === 'waiting' && contact.notes.length > 0 && (
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
        contact.replies.map((reply) => {
          const signature = signed(reply.signature);
          return (
            <div key={reply.id} className="reply" data-testid="my-contact-reply">
              <h3 className="reply-title">{t('portal.reply')}</h3>
              <p className="reply-text">{reply.text}</p>
              {signature && (
                <p className="reply-signature" data-testid="my-contact-reply-signature">
                  <span className="visually-hidden">{t('portal.signedBy')}: </span>
                  <span aria-hidden="true">– </span>
                  {signature}
                </p>
              )}
              {reply.sent && <p className="reply-time">{formatDateTime(reply.sent, lang)}</p>}
            </div>
          );
        })
      ) : (
        <p className="muted">{t('myContacts.noReply')}</p>
      )}
      {contact.progress !== 'cancelled' && <CallUs unit={contact.callUnit} open={open} />}
    </li>
  );
}

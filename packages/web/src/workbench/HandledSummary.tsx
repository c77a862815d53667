/** A contact that has been decided: its outcome, the message the resident got and any booked visit. */
import { useTranslation } from 'react-i18next';
import { fetchAppointment } from '../api/appointment.resource';
import type { ContactTask } from '../api/task.resource';
import { AppointmentFacts } from '../components/appointment/AppointmentFacts';
import { AppointmentStatus } from '../components/appointment/AppointmentStatus';
import { useAsync } from '../components/useAsync';

/** `handover`: the internal note sent with the routed work (staff only). */
export function HandledSummary({ task, reason, handover }: { task: ContactTask; reason?: string; handover?: string }) {
  const { t } = useTranslation();
  const ref = task.appointmentRef;
  const appointment = useAsync(async () => (ref ? fetchAppointment(ref, reason) : undefined), [ref, reason]);
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
        {handover && (
          <div data-testid="handled-handover">
            <dt>{t('workday.handover.sent')}</dt>
            <dd className="reply-text">{handover}</dd>
          </div>
        )}
      </dl>
      {appointment.data && (
        <div className="appointment-box">
          <h3 className="reply-title">
            {t('contact.appointment')} <AppointmentStatus status={appointment.data.status} />
          </h3>
          <AppointmentFacts appointment={appointment.data} />
          {task.waitingDays !== undefined && <p className="muted">{t('contact.waitingDays', { count: task.waitingDays })}</p>}
        </div>
      )}
    </section>
  );
}

/** One visit in the day list: time, client (opens the visit), what and how, and its state. */
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../api/appointment.resource';
import { AppointmentStatus } from '../../components/appointment/AppointmentStatus';
import { modesText, timeRangeText, visitTypeLabel } from '../../components/appointment/visitLabels';
import { Link } from '../../app/router';
import { visitPath } from '../../app/routes';
import { formatClock } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';

export function ScheduleItem({ appointment: a }: { appointment: AppointmentView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const inactive = a.status === 'cancelled' || a.status === 'noshow' || a.status === 'entered-in-error';
  return (
    <li className={inactive ? 'card schedule-item schedule-item-inactive' : 'card schedule-item'} data-testid="schedule-appointment" data-appointment-id={a.id}>
      <div className="card-head">
        <p className="schedule-time">
          <time dateTime={a.start}>{timeRangeText(formatClock(a.start, lang), formatClock(a.end, lang), t)}</time>
        </p>
        {a.status !== 'booked' && <AppointmentStatus status={a.status} />}
      </div>
      <p className="schedule-client">
        {/* The visit opens from the client's name: reason, how, the contact, and how it went. */}
        <Link to={visitPath(a.id)} data-testid="schedule-open-visit">
          {a.patientName || t('appointment.clientFallback')}
        </Link>
      </p>
      <p className="muted">{[visitTypeLabel(a.visitType, lang), modesText(a.modes, t), a.locationName].filter(Boolean).join(' · ')}</p>
    </li>
  );
}

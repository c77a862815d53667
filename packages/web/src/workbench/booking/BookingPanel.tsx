/** Booking a visit as part of the decision "booked a visit": search and book for the contact, or the visit booked for it. */
import { useTranslation } from 'react-i18next';
import type { AppointmentView, BookingConflict } from '../../api/appointment.resource';
import type { ContactTask } from '../../api/task.resource';
import { BookedVisit } from './BookedVisit';
import { BookingSearch } from './BookingSearch';

interface Props {
  task: ContactTask;
  reason?: string;
  booked?: AppointmentView;
  error?: string;
  onBooked: (appointment: AppointmentView | undefined) => void;
  onContactBooked: (conflict: BookingConflict) => void;
}

export function BookingPanel({ task, reason, booked, error, onBooked, onContactBooked }: Props) {
  const { t } = useTranslation();
  return (
    <section className="booking-panel" aria-labelledby="booking-title" data-testid="booking-panel">
      <h3 id="booking-title">{t('booking.title')}</h3>
      {booked ? (
        <BookedVisit appointment={booked} reason={reason} onCancelled={() => onBooked(undefined)} />
      ) : (
        <BookingSearch task={task} reason={reason} error={error} onBooked={onBooked} onContactBooked={onContactBooked} />
      )}
    </section>
  );
}

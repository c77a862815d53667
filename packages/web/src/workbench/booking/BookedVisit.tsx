/** The visit just booked, with a way back if it was the wrong time. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelAppointment, type AppointmentView } from '../../api/appointment.resource';
import { AppointmentFacts } from '../../components/appointment/AppointmentFacts';
import { ErrorMessage } from '../../components/ErrorMessage';

interface Props {
  appointment: AppointmentView;
  reason?: string;
  onCancelled: () => void;
}

export function BookedVisit({ appointment, reason, onCancelled }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => ref.current?.focus(), []);

  const cancel = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await cancelAppointment(appointment.id, undefined, reason);
      onCancelled();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <div ref={ref} tabIndex={-1} className="booked" data-testid="booking-booked" data-appointment-id={appointment.id} aria-labelledby="booking-booked-title">
      <h4 id="booking-booked-title" className="booked-title">
        <span aria-hidden="true">✓ </span>
        {t('booking.booked')}
      </h4>
      <AppointmentFacts appointment={appointment} />
      <p className="hint">{t('booking.bookedHint')}</p>
      {failure !== undefined && <ErrorMessage error={failure} />}
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void cancel()}>
        {busy ? t('booking.cancelling') : t('booking.cancel')}
      </button>
    </div>
  );
}

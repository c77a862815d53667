/**
 * "Add to calendar": the appointment as an .ics file (RFC 5545) for the phone's or computer's
 * calendar. The file says when and where only, like the confirmation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCalendarFile } from '../../api/appointment.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLanguage } from '../../i18n/useLanguage';

export function AddToCalendar({ appointmentId, className = 'button button-secondary' }: { appointmentId: string; className?: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const save = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await downloadCalendarFile(appointmentId, lang);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={className} disabled={busy} data-testid="appointment-calendar" onClick={() => void save()}>
        <span aria-hidden="true">📅 </span>
        {t('bookingGuard.addToCalendar')}
      </button>
      {failure !== undefined && <ErrorMessage error={failure} />}
    </>
  );
}

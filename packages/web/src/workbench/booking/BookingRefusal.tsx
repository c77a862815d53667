/** A booking or move the rules refused (too late to change here, no longer booked): the server's own words, e.g. whom to call. */
import { useTranslation } from 'react-i18next';
import type { BookingConflict } from '../../api/appointment.resource';
import { pickText } from '../../api/fhir';
import { useLanguage } from '../../i18n/useLanguage';

export function BookingRefusal({ refusal, testId }: { refusal: BookingConflict; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const text = pickText(refusal.text, lang);
  return (
    <div role="alert" className="notice notice-error" data-testid={testId}>
      {refusal.kind === 'notice-passed' && <p>{t('bookingGuard.tooLateToChange')}</p>}
      {refusal.kind === 'not-booked' && <p>{t('bookingGuard.notBooked')}</p>}
      {text && <p>{text}</p>}
    </div>
  );
}

/** The state of an appointment in words (never colour alone). */
import { useTranslation } from 'react-i18next';

const TONE: Record<string, string> = { booked: 'handled', fulfilled: 'handled', cancelled: 'cancelled', noshow: 'cancelled', 'entered-in-error': 'cancelled' };

export function AppointmentStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`status status-${TONE[status] ?? 'waiting'}`}>
      <span className="visually-hidden">{t('appointmentStatus.label')}: </span>
      {t(`appointmentStatus.${status}`, { defaultValue: status })}
    </span>
  );
}

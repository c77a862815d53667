/** A time too close to change here: whom to call instead (the unit's own phone when known). */
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../api/appointment.resource';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { telHref } from '../../components/PhoneText';

export function ChangeByPhone({ appointment: a, until }: { appointment: AppointmentView; until?: Date }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div className="notice notice-info" data-testid="appointment-call-to-change">
      <p>{until ? t('bookingGuard.noLongerChangeableSince', { time: formatDateTime(until.toISOString(), lang) }) : t('bookingGuard.noLongerChangeable')}</p>
      <p>
        {a.locationPhone ? (
          <>
            {t('bookingGuard.callUnit', { unit: a.locationName || t('bookingGuard.theUnit') })}{' '}
            <span className="nowrap">
              <a className="tel-link" href={telHref(a.locationPhone)}>
                {a.locationPhone}
              </a>
            </span>
          </>
        ) : (
          t('bookingGuard.callHealthCentre')
        )}
      </p>
    </div>
  );
}

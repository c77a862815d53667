/**
 * The service is closed and will not read the contact in time: said plainly, with when it
 * opens, instead of a promise to call back that nobody could keep.
 */
import { useTranslation } from 'react-i18next';
import { formatDeadline } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function OutOfHoursNotice({ queueOpens }: { queueOpens: string | undefined }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const when = formatDeadline(queueOpens, lang);
  return (
    <div className="callout callout-warning out-of-hours" data-testid="out-of-hours-notice">
      <h3>{t('outOfHours.title')}</h3>
      <p>{when ? t('outOfHours.opens', { when }) : t('outOfHours.opensLater')}</p>
      <p>{t('outOfHours.dontWait')}</p>
    </div>
  );
}

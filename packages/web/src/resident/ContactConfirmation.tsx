/** "Thank you — we will contact you by …" after a contact has been sent. */
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { formatDeadline } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function ContactConfirmation({ deadline, onSendAnother }: { deadline: string | undefined; onSendAnother: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const when = formatDeadline(deadline, lang);
  return (
    <section className="confirmation" aria-labelledby="confirmation-title" data-testid="contact-confirmation">
      <h2 id="confirmation-title" ref={ref} tabIndex={-1}>
        <span aria-hidden="true" className="confirmation-mark">
          ✓{' '}
        </span>
        {t('confirmation.title')}
      </h2>
      <p className="confirmation-deadline">
        {when ? <Trans i18nKey="confirmation.deadline" values={{ deadline: when }} components={{ strong: <strong /> }} /> : t('confirmation.noDeadline')}
      </p>
      <p>{t('confirmation.next')}</p>
      <div className="button-row">
        <Link to={PATHS.myContacts} className="button button-primary">
          {t('confirmation.seeMyContacts')}
        </Link>
        <button type="button" className="button button-secondary" onClick={onSendAnother}>
          {t('confirmation.sendAnother')}
        </button>
      </div>
    </section>
  );
}

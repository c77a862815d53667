/** The help button (Apu-nappi) on the front page: ask to be called back, no log-in needed. */
import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';

export const HELP_PATH = '/help';
export const NOTICE_PATH = '/notice';

export function HelpButton() {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  return (
    <section className="help-button-box" aria-labelledby="help-button-heading">
      <h2 id="help-button-heading">{t('helpButton.heading')}</h2>
      <p>{t('helpButton.lead')}</p>
      <a className="button" href={HELP_PATH} data-testid="help-button" onClick={(e) => { e.preventDefault(); navigate(HELP_PATH); }}>
        {t('helpButton.button')}
      </a>{' '}
      <a href={NOTICE_PATH} data-testid="notice-link" onClick={(e) => { e.preventDefault(); navigate(NOTICE_PATH); }}>
        {t('socialNotices.link')}
      </a>
    </section>
  );
}

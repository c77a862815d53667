/** How a resident's chat ended, and where to turn next when nobody could answer. */
import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';
import { HELP_PATH } from '../helpRequests/HelpButton';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import type { ChatEnd } from './useChatSocket';

export function ChatEnded({ end, signedIn, onNew }: { end: ChatEnd; signedIn: boolean; onNew: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { navigate } = useRouter();
  const link = (path: string, label: string, testId: string) => (
    <a href={path} data-testid={testId} onClick={(e) => { e.preventDefault(); navigate(path); }}>
      {label}
    </a>
  );
  if (end.kind === 'closed') {
    return (
      <section className="notice" role="status" data-testid="chat-ended">
        <h2>{t('chat.endedTitle')}</h2>
        {end.note && <p data-testid="chat-closing-note">{end.note}</p>}
        {signedIn && <p>{t('chat.endedSignedIn')}</p>}
        <button type="button" className="button button-secondary" onClick={onNew}>{t('chat.newChat')}</button>
      </section>
    );
  }
  return (
    <section className="notice notice-warning" role="alert" data-testid="chat-service-closed">
      <h2>{t('chat.serviceClosedTitle')}</h2>
      <p>{end.kept ? t('chat.serviceClosedKept') : t('chat.serviceClosedAnonymous')}</p>
      {end.opensAt && <p>{t('chat.opensAgain', { time: formatDateTime(end.opensAt, lang) })}</p>}
      <ul className="chat-alternatives">
        <li>{link(HELP_PATH, t('chat.useHelpButton'), 'chat-help-button')}</li>
        <li>{signedIn ? link('/contact', t('chat.useContactForm'), 'chat-contact-form') : t('chat.contactFormNeedsLogin')}</li>
        <li>{t('chat.emergencyLine')}</li>
      </ul>
      <button type="button" className="button button-secondary" onClick={onNew}>{t('chat.newChat')}</button>
    </section>
  );
}

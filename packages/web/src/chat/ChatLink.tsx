/** On the front page: the live chat, open without logging in. */
import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';

export function ChatLink() {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  return (
    <section className="help-button-box" aria-labelledby="chat-link-heading">
      <h2 id="chat-link-heading">{t('chat.frontHeading')}</h2>
      <p>{t('chat.frontLead')}</p>
      <a className="button button-secondary" href="/chat" data-testid="chat-link" onClick={(e) => { e.preventDefault(); navigate('/chat'); }}>
        {t('chat.frontButton')}
      </a>
    </section>
  );
}

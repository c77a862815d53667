/** Choosing a chat service that is open now and saying in a line what it is about. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../api/fhir';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { useAsync } from '../components/useAsync';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { chatServices, openChat, type OpenedChat } from './chat.resource';

export const MAX_TOPIC = 200;

export function ChatStart({ signedIn, onOpened }: { signedIn: boolean; onOpened: (chat: OpenedChat, label: string) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const services = useAsync(chatServices, []);
  const [service, setService] = useState('');
  const [topic, setTopic] = useState('');
  const [error, setError] = useState<unknown>();
  const [missing, setMissing] = useState(false);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = services.data?.find((s) => s.id === service && s.open);
    if (!chosen || !topic.trim()) return setMissing(true);
    setSending(true);
    setError(undefined);
    try {
      onOpened(await openChat(chosen.id, topic.trim()), pickText(chosen.label, lang));
    } catch (e) {
      setError(e);
      services.reload();
    } finally {
      setSending(false);
    }
  }

  if (services.loading && !services.data) return <Loading />;
  if (services.error && !services.data) return <ErrorMessage error={services.error} onRetry={services.reload} />;
  const list = services.data ?? [];
  const anyOpen = list.some((s) => s.open);
  return (
    <form onSubmit={submit} noValidate className="chat-start" data-testid="chat-start">
      <p>{t('chat.lead')}</p>
      <p className="chat-emergency-line">{t('chat.emergencyLine')}</p>
      <p className={signedIn ? '' : 'notice'} data-testid="chat-login-note">{signedIn ? t('chat.signedInNote') : t('chat.anonymousNote')}</p>
      <fieldset>
        <legend>{t('chat.chooseService')}</legend>
        {list.map((s) => (
          <div key={s.id} className="chat-service-choice">
            <input type="radio" name="chat-service" id={`chat-service-${s.id}`} value={s.id} disabled={!s.open} checked={service === s.id} onChange={() => setService(s.id)} data-testid={`chat-service-${s.id}`} />
            <label htmlFor={`chat-service-${s.id}`}>
              {pickText(s.label, lang)}{' '}
              <span className="chat-service-state">
                {s.open ? t('chat.openQueue', { count: s.queue }) : s.opensAt ? t('chat.closedUntil', { time: formatDateTime(s.opensAt, lang) }) : t('chat.closed')}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      {!anyOpen && <p role="status">{t('chat.noneOpen')}</p>}
      <label htmlFor="chat-topic">{t('chat.topic')}</label>
      <input id="chat-topic" type="text" maxLength={MAX_TOPIC} value={topic} onChange={(e) => setTopic(e.target.value)} aria-describedby="chat-topic-hint" data-testid="chat-topic" />
      <p id="chat-topic-hint" className="hint">{t('chat.topicHint')}</p>
      {missing && (!topic.trim() || !service) && <p className="field-error" role="alert">{t('chat.chooseFirst')}</p>}
      {error !== undefined && <ErrorMessage error={error} />}
      <button type="submit" className="button" disabled={sending || !anyOpen} data-testid="chat-open">{t('chat.start')}</button>
    </form>
  );
}

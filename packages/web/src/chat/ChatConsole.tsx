/** The staff chat console: the queues of the chat services, "take the next", and the chats one has open side by side. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './chat.css';
import { pickText } from '../api/fhir';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { ChatPanel } from './ChatPanel';
import { activeChats, chatServices, takeNextChat, type TakenChat } from './chat.resource';

/** The queue lengths are read again this often (the console is open for hours). */
const QUEUE_REFRESH_MS = 10_000;

export function ChatConsole() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const services = useAsync(chatServices, []);
  const [service, setService] = useState('');
  const [chats, setChats] = useState<TakenChat[]>([]);
  const [error, setError] = useState<unknown>();
  const [nothing, setNothing] = useState(false);
  const { reload } = services;

  useEffect(() => {
    activeChats().then(setChats, setError);
    const timer = setInterval(reload, QUEUE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  async function next() {
    setError(undefined);
    setNothing(false);
    try {
      const chat = await takeNextChat(service);
      if (chat) setChats((c) => [...c, chat]);
      else setNothing(true);
    } catch (e) {
      setError(e);
    }
    reload();
  }

  return (
    <div className="chat-console">
      <PageHeading title={t('chat.consoleTitle')}>{t('chat.consoleTitle')}</PageHeading>
      <div className="chat-console-bar">
        <label htmlFor="chat-console-service">{t('chat.queueOf')}</label>
        <select id="chat-console-service" value={service} onChange={(e) => setService(e.target.value)} data-testid="chat-console-service">
          <option value="">{t('chat.chooseService')}</option>
          {(services.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {pickText(s.label, lang)} — {s.open ? t('chat.waiting', { count: s.queue }) : t('chat.closed')}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={!service} onClick={() => void next()} data-testid="chat-take-next">{t('chat.takeNext')}</button>
      </div>
      <p role="status">{nothing ? t('chat.nobodyWaiting') : ''}</p>
      {error !== undefined && <ErrorMessage error={error} />}
      {chats.length === 0 ? (
        <p>{t('chat.noChats')}</p>
      ) : (
        <div className="chat-panels">
          {chats.map((c) => (
            <ChatPanel key={c.id} chat={c} onDone={(id) => setChats((all) => all.filter((x) => x.id !== id))} />
          ))}
        </div>
      )}
    </div>
  );
}

/** A logged-in resident's earlier chats, each transcript opened on request (the opening is audited). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { useAsync } from '../components/useAsync';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { ChatLog } from './ChatLog';
import { chatTranscript, myChats, type Transcript } from './chat.resource';

export function MyChats() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const chats = useAsync(myChats, []);
  const [open, setOpen] = useState<Transcript>();
  const [error, setError] = useState<unknown>();
  const done = (chats.data ?? []).filter((c) => c.state === 'closed');
  if (done.length === 0) return null;
  return (
    <section aria-labelledby="my-chats-title" data-testid="my-chats">
      <h2 id="my-chats-title">{t('chat.earlier')}</h2>
      <ul className="chat-earlier">
        {done.map((c) => (
          <li key={c.id}>
            <button type="button" className="button button-secondary" aria-expanded={open?.id === c.id} onClick={() => (open?.id === c.id ? setOpen(undefined) : chatTranscript(c.id).then(setOpen, setError))} data-testid="my-chat">
              {t(`chat.services.${c.service}`, { defaultValue: c.service })}, {formatDateTime(c.createdAt, lang)}
            </button>
            {open?.id === c.id && <ChatLog id={`transcript-${c.id}`} lines={open.messages} side="resident" otherTyping={false} />}
          </li>
        ))}
      </ul>
      {error !== undefined && <ErrorMessage error={error} />}
    </section>
  );
}

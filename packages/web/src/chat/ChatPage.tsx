/**
 * The resident's chat (`/chat`, with or without logging in). The chat in progress is kept in
 * this tab's sessionStorage, so a reload or a lost connection comes back to it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './chat.css';
import { useSession } from '../auth/SessionContext';
import { PageHeading } from '../components/PageHeading';
import { ChatRoom, type CurrentChat } from './ChatRoom';
import { ChatStart } from './ChatStart';
import { MyChats } from './MyChats';

const KEY = 'ovi.chat';

function stored(): CurrentChat | undefined {
  try {
    const value = sessionStorage.getItem(KEY);
    return value ? (JSON.parse(value) as CurrentChat) : undefined;
  } catch {
    return undefined;
  }
}

export function ChatPage() {
  const { t } = useTranslation();
  const { status } = useSession();
  const signedIn = status === 'signed-in';
  const [chat, setChat] = useState<CurrentChat | undefined>(stored);
  const forget = () => {
    sessionStorage.removeItem(KEY);
    setChat(undefined);
  };
  return (
    <div className="chat-page">
      <PageHeading title={t('chat.title')}>{t('chat.title')}</PageHeading>
      {chat ? (
        <ChatRoom chat={chat} signedIn={signedIn} onNew={forget} />
      ) : (
        <ChatStart
          signedIn={signedIn}
          onOpened={(opened, label) => {
            const current: CurrentChat = { id: opened.id, token: opened.token, service: opened.service, serviceLabel: label, anonymous: opened.anonymous, notes: opened.notes };
            sessionStorage.setItem(KEY, JSON.stringify(current));
            setChat(current);
          }}
        />
      )}
      {signedIn && !chat && <MyChats />}
    </div>
  );
}

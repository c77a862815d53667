/** The resident's side of one chat: place in the queue, the professional joining, messages, advice. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { leaveChat } from './chat.resource';
import type { ResidentNote } from '../api/residentNotes';
import { ChatAdvice } from './ChatAdvice';
import { ChatComposer } from './ChatComposer';
import { ChatEnded } from './ChatEnded';
import { ChatLog } from './ChatLog';
import { useChatSocket } from './useChatSocket';

export interface CurrentChat {
  id: string;
  token: string;
  service: string;
  serviceLabel: string;
  anonymous: boolean;
  /** The advice the topic itself got when the chat opened. */
  notes?: ResidentNote[];
}

export function ChatRoom({ chat, signedIn, onNew }: { chat: CurrentChat; signedIn: boolean; onNew: () => void }) {
  const { t } = useTranslation();
  const { view, sendText, typing } = useChatSocket(chat.id, { token: chat.token }, 'resident');
  const [leaveError, setLeaveError] = useState<unknown>();
  const leave = () => leaveChat(chat.id, chat.token).then(onNew, setLeaveError);
  const status = view.ended
    ? undefined
    : view.connection === 'gone'
      ? t('chat.gone')
      : view.connection === 'lost'
      ? t('chat.reconnecting')
      : view.joined
        ? t('chat.joined', { name: view.joined })
        : view.position !== undefined
          ? t('chat.position', { count: view.position })
          : t('chat.connecting');
  return (
    <section className="chat-room" aria-labelledby="chat-room-title" data-testid="chat-room">
      <h2 id="chat-room-title">{chat.serviceLabel}</h2>
      {chat.anonymous && <p className="chat-anonymous-note">{t('chat.anonymousNote')}</p>}
      <p role="status" className="chat-status" data-testid="chat-status">{status}</p>
      <ChatAdvice notes={view.advice.length > 0 ? view.advice : (chat.notes ?? [])} />
      <ChatLog id={`chat-${chat.id}`} lines={view.lines} side="resident" otherTyping={view.otherTyping} otherName={view.joined} />
      {view.problem && <p className="field-error" role="alert">{view.problem}</p>}
      {view.ended ? (
        <ChatEnded end={view.ended} signedIn={signedIn} onNew={onNew} />
      ) : view.connection === 'gone' ? (
        <button type="button" className="button" onClick={onNew} data-testid="chat-new">{t('chat.newChat')}</button>
      ) : (
        <>
          <ChatComposer id={`chat-${chat.id}`} disabled={view.connection !== 'open'} onSend={sendText} onTyping={typing} />
          <button type="button" className="button button-secondary chat-leave" onClick={() => void leave()} data-testid="chat-leave">
            {t('chat.leave')}
          </button>
          {leaveError !== undefined && <ErrorMessage error={leaveError} />}
        </>
      )}
    </section>
  );
}

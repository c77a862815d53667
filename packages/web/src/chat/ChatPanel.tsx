/** One chat in the staff console: the messages, the danger-word flag, and closing it with an outcome. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { ChatComposer } from './ChatComposer';
import { ChatLog } from './ChatLog';
import { CHAT_OUTCOMES, closeChat, type TakenChat } from './chat.resource';
import { useChatSocket } from './useChatSocket';

export function ChatPanel({ chat, onDone }: { chat: TakenChat; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const { view, sendText, typing } = useChatSocket(chat.id, 'session', 'professional');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [closing, setClosing] = useState(false);
  const id = `panel-${chat.id}`;
  const urgency = view.flagged?.urgency ?? chat.urgency;

  async function close(event: FormEvent) {
    event.preventDefault();
    setClosing(true);
    setError(undefined);
    try {
      await closeChat(chat.id, outcome, note);
    } catch (e) {
      setError(e);
    } finally {
      setClosing(false);
    }
  }

  return (
    <section className={`chat-panel${view.flagged ? ' chat-panel-flagged' : ''}`} aria-labelledby={`${id}-title`} data-testid="chat-panel">
      <h2 id={`${id}-title`}>
        {chat.anonymous ? t('chat.anonymousClient') : chat.client} <UrgencyBadge urgency={urgency} />
      </h2>
      <p className="chat-panel-topic">{t(`chat.services.${chat.service}`, { defaultValue: chat.service })}: {chat.topic}</p>
      {chat.anonymous && <p className="hint">{t('chat.anonymousForStaff')}</p>}
      {view.flagged && (
        <p className="notice notice-error" role="alert" data-testid="chat-flagged">
          {t('chat.flagged', { words: view.flagged.words.join(', ') })}
        </p>
      )}
      {view.left && !view.ended && (
        <p className="notice" role="status" data-testid="chat-left">
          {t('chat.residentLeft')}
        </p>
      )}
      <ChatLog id={id} lines={view.lines} side="professional" otherTyping={view.otherTyping} />
      {view.ended ? (
        <div role="status" className="notice">
          <p>{t('chat.endedTitle')}</p>
          <button type="button" className="button button-secondary" onClick={() => onDone(chat.id)} data-testid="chat-panel-remove">{t('chat.removePanel')}</button>
        </div>
      ) : (
        <>
          <ChatComposer id={id} disabled={view.connection !== 'open'} onSend={sendText} onTyping={typing} />
          <form className="chat-close" onSubmit={close}>
            <label htmlFor={`${id}-outcome`}>{t('chat.outcome')}</label>
            <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="chat-outcome">
              <option value="">{t('chat.chooseOutcome')}</option>
              {CHAT_OUTCOMES.map((o) => (
                <option key={o} value={o}>{t(`outcome.${o}`)}</option>
              ))}
            </select>
            <label htmlFor={`${id}-note`}>{t('chat.closingNote')}</label>
            <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="chat-note" />
            {error !== undefined && <ErrorMessage error={error} />}
            <button type="submit" className="button button-secondary" disabled={closing || !outcome || !note.trim()} data-testid="chat-close">{t('chat.close')}</button>
          </form>
        </>
      )}
    </section>
  );
}

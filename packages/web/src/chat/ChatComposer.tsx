/** Writing a chat message: Enter sends, Shift+Enter starts a new line; "typing…" is told as one types. */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const MAX_CHAT_TEXT = 2000;

interface Props {
  id: string;
  disabled: boolean;
  onSend: (text: string) => void;
  onTyping: () => void;
}

export function ChatComposer({ id, disabled, onSend, onTyping }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const tooLong = text.trim().length > MAX_CHAT_TEXT;

  function send(event?: FormEvent) {
    event?.preventDefault();
    const value = text.trim();
    if (!value || tooLong || disabled) return;
    onSend(value);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey) send(event as unknown as FormEvent);
  }

  return (
    <form className="chat-composer" onSubmit={send}>
      <label htmlFor={`${id}-text`}>{t('chat.write')}</label>
      <textarea
        id={`${id}-text`}
        rows={2}
        value={text}
        disabled={disabled}
        aria-describedby={tooLong ? `${id}-too-long` : undefined}
        aria-invalid={tooLong || undefined}
        onChange={(e) => {
          setText(e.target.value);
          onTyping();
        }}
        onKeyDown={onKeyDown}
        data-testid="chat-text"
      />
      {tooLong && (
        <p id={`${id}-too-long`} className="field-error">
          {t('chat.tooLong', { max: MAX_CHAT_TEXT })}
        </p>
      )}
      <button type="submit" className="button" disabled={disabled || tooLong || !text.trim()} data-testid="chat-send">
        {t('chat.send')}
      </button>
    </form>
  );
}

/** A chat's messages as a log: a screen reader hears each new message once (polite live region). */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from './chatTime';
import { useLanguage } from '../i18n/useLanguage';
import type { ChatLine } from './useChatSocket';

interface Props {
  lines: ChatLine[];
  /** Whose view: "You" is this side. */
  side: 'resident' | 'professional';
  otherTyping: boolean;
  /** The other side's name for a professional's messages (the resident sees who joined). */
  otherName?: string;
  id: string;
}

export function ChatLog({ lines, side, otherTyping, otherName, id }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [lines.length, otherTyping]);
  const who = (from: ChatLine['from']) => (from === side ? t('chat.you') : from === 'professional' ? (otherName ?? t('chat.professional')) : t('chat.resident'));
  return (
    <div className="chat-log-wrap">
      {/* The live region wraps the list, so the list keeps its list semantics. */}
      <div role="log" aria-live="polite" aria-label={t('chat.logLabel')} id={`${id}-log`} data-testid="chat-log">
      <ol className="chat-log">
        {lines.map((line) => (
          <li key={line.id} className={`chat-line chat-line-${line.from === side ? 'own' : 'other'}`} data-testid="chat-line" data-from={line.from}>
            <span className="chat-line-who">
              {who(line.from)} <time dateTime={line.at}>{formatTime(line.at, lang)}</time>
            </span>
            <span className="chat-line-text">{line.text}</span>
          </li>
        ))}
      </ol>
      </div>
      <p className="chat-typing" aria-live="off" data-testid="chat-typing">
        {otherTyping ? t(side === 'resident' ? 'chat.professionalTyping' : 'chat.residentTyping') : '\u00a0'}
      </p>
      <div ref={end} />
    </div>
  );
}

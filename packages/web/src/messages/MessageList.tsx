/** A thread's messages, oldest first: who wrote, when, the text and the attachments. */
import type { Communication } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromClientSide, messageText } from '@ovi/domain/src/messages/threads';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { openAttachment } from './messages.resource';

interface Props {
  messages: Communication[];
  /** Whose messages are "mine": the client's side for a resident, the professionals' for staff. */
  side: 'client' | 'staff';
  headers?: Record<string, string>;
}

export function MessageList({ messages, side, headers }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [failed, setFailed] = useState<string>();
  return (
    <ol className="message-list" data-testid="message-list">
      {messages.map((m) => {
        const mine = fromClientSide(m) === (side === 'client');
        const files = (m.payload ?? []).flatMap((p) => (p.contentAttachment?.url ? [p.contentAttachment] : []));
        return (
          <li key={m.id} className={mine ? 'message message-mine' : 'message message-theirs'} data-testid="message">
            <p className="message-meta">
              <strong>{mine && side === 'client' ? t('messages.you') : (m.sender?.display ?? t('messages.unknownSender'))}</strong>
              {m.sent && <> · {formatDateTime(m.sent, lang)}</>}
            </p>
            <p className="message-text">{messageText(m)}</p>
            {files.length > 0 && (
              <ul className="message-files" aria-label={t('messages.attachments')}>
                {files.map((f) => (
                  <li key={f.url}>
                    <button
                      type="button"
                      className="button button-quiet"
                      data-testid="message-attachment"
                      onClick={() => openAttachment(f.url ?? '', f.title ?? t('messages.attachment'), headers).then(() => setFailed(undefined), () => setFailed(f.url))}
                    >
                      {t('messages.openAttachment', { name: f.title ?? t('messages.attachment') })}
                    </button>
                    {failed === f.url && (
                      <span role="alert" className="field-error">
                        {t('messages.errors.open')}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

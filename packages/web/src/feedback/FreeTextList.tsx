/** The unit's free texts: mark one handled, or reply once when the resident left an address. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusMessage } from '../components/StatusMessage';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { markHandled, replyTo, type FreeText } from './feedback.resource';

export function FreeTextList({ texts, onChanged }: { texts: FreeText[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState('');
  const open = texts.filter((x) => !x.handled).length;
  return (
    <section className="panel" aria-labelledby="feedback-free-texts-title" data-testid="feedback-free-texts">
      <h2 id="feedback-free-texts-title">{t('feedback.results.freeTexts', { open })}</h2>
      <StatusMessage tone="success">{done}</StatusMessage>
      {texts.length === 0 && <p>{t('feedback.results.noFreeTexts')}</p>}
      {texts.map((text) => (
        <FreeTextItem
          key={text.id}
          text={text}
          onDone={(message) => {
            setDone(message);
            onChanged();
          }}
        />
      ))}
    </section>
  );
}

function FreeTextItem({ text, onDone }: { text: FreeText; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onDone(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const replyId = `feedback-reply-${text.id}`;
  return (
    <article className="free-text" data-testid="feedback-free-text">
      <p className="muted small">
        {t('feedback.results.freeTextMeta', { month: text.month, service: text.service ?? t('common.notGiven') })}
      </p>
      <blockquote>{text.text}</blockquote>
      {error !== undefined && <ErrorMessage error={error} />}
      {text.handled ? (
        <p data-testid="feedback-handled">{t('feedback.results.handledBy', { name: text.handled.by, date: formatDate(text.handled.at, lang) })}</p>
      ) : (
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void run(() => markHandled(text.id), t('feedback.results.markedHandled'))} data-testid="feedback-mark-handled">
          {t('feedback.results.markHandled')}
        </button>
      )}
      {text.reply && <p>{t('feedback.results.replied', { name: text.reply.by, date: formatDate(text.reply.at, lang) })}</p>}
      {text.replyTo && !text.reply && (
        <div className="field">
          <label htmlFor={replyId}>{t('feedback.results.replyTo', { email: text.replyTo.email })}</label>
          <textarea id={replyId} className="input" maxLength={4000} value={reply} onChange={(e) => setReply(e.target.value)} />
          <button type="button" className="button button-primary" disabled={busy || !reply.trim()} onClick={() => void run(() => replyTo(text.id, reply), t('feedback.results.replySent'))}>
            {t('feedback.results.sendReply')}
          </button>
        </div>
      )}
    </article>
  );
}

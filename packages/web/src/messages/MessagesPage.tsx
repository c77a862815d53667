/**
 * The resident's messages: threads newest first with what is unread, and writing a new message
 * to their team, one of its professionals or a service, about themself or someone they act for.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchMyPrincipals } from '../api/principals.resource';
import { Link } from '../app/router';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { messageText } from '@ovi/domain/src/messages/threads';
import { MessageForm } from './MessageForm';
import { SentAdvice } from './SentAdvice';
import { fetchRecipients, fetchResidentThreads, type Sent } from './messages.resource';
import { threadPath, threadTitle } from './threadPaths';

export function MessagesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const user = useUser();
  const [subject, setSubject] = useState(user.fhirUser);
  const [sent, setSent] = useState<Sent>();
  const threads = useAsync(() => fetchResidentThreads(user.fhirUser), [user.fhirUser, sent]);
  const principals = useAsync(() => fetchMyPrincipals().catch(() => []), [user.fhirUser]);
  const recipients = useAsync(() => fetchRecipients(subject), [subject]);

  return (
    <>
      <PageHeading title={t('messages.title')}>{t('messages.title')}</PageHeading>
      <p>{t('messages.intro')}</p>
      {sent && <SentAdvice sent={sent} />}
      <section className="panel" aria-labelledby="threads-title">
        <h2 id="threads-title">{t('messages.threads')}</h2>
        {threads.loading && !threads.data && <Loading />}
        {threads.error !== undefined && <ErrorMessage error={threads.error} onRetry={threads.reload} />}
        {threads.data?.length === 0 && <p>{t('messages.empty')}</p>}
        {threads.data && threads.data.length > 0 && (
          <ul className="thread-list" data-testid="thread-list">
            {threads.data.map((thread) => {
              const last = thread.messages[thread.messages.length - 1];
              return (
                <li key={thread.id} className={thread.unread > 0 ? 'thread thread-unread' : 'thread'} data-testid="thread">
                  <Link to={threadPath(thread.id)}>
                    <strong>{threadTitle(thread, t('messages.untitled'))}</strong>
                    {thread.about && <span className="muted"> · {t('messages.about', { name: thread.about })}</span>}
                  </Link>
                  <p className="muted small">
                    {formatDateTime(thread.lastAt, lang)}
                    {thread.unread > 0 && (
                      <span className="badge badge-flag" data-testid="thread-unread">
                        {' '}
                        {t('messages.unread', { count: thread.unread })}
                      </span>
                    )}
                  </p>
                  {last && <p className="thread-excerpt">{messageText(last).slice(0, 120)}</p>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="new-message-title">
        <h2 id="new-message-title">{t('messages.new')}</h2>
        {(principals.data?.length ?? 0) > 0 && (
          <div className="field">
            <label htmlFor="message-subject">{t('messages.aboutWhom')}</label>
            <select id="message-subject" className="input" value={subject} data-testid="message-subject" onChange={(e) => setSubject(e.target.value)}>
              <option value={user.fhirUser}>{t('messages.aboutSelf')}</option>
              {principals.data?.map((p) => (
                <option key={p.reference} value={p.reference}>
                  {p.name ?? p.reference}
                </option>
              ))}
            </select>
          </div>
        )}
        {recipients.loading && !recipients.data && <Loading />}
        {recipients.error !== undefined && <ErrorMessage error={recipients.error} onRetry={recipients.reload} />}
        {recipients.data && <MessageForm key={subject} idPrefix="new-message" subject={subject} recipients={recipients.data} onSent={setSent} />}
      </section>
    </>
  );
}

/**
 * One thread for the resident: the messages, oldest first, and a reply. Opening the thread is
 * opening its messages: each unread one from a professional is marked read.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnreadBy } from '@ovi/domain/src/messages/threads';
import { Link } from '../app/router';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { MessageForm } from './MessageForm';
import { MessageList } from './MessageList';
import { SentAdvice } from './SentAdvice';
import { fetchResidentThreads, markRead, type Sent } from './messages.resource';
import { MESSAGES_PATH, threadTitle } from './threadPaths';
import { announceUnreadChanged } from './unreadEvents';

export function ThreadPage({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const [sent, setSent] = useState<Sent>();
  const threads = useAsync(() => fetchResidentThreads(user.fhirUser), [user.fhirUser, sent]);
  const thread = threads.data?.find((th) => th.id === `Communication/${threadId}`);

  useEffect(() => {
    const unread = thread?.messages.filter((m) => isUnreadBy(m, 'client')) ?? [];
    if (unread.length === 0) return;
    void Promise.all(unread.map((m) => markRead(m.id ?? '').catch(() => undefined))).then(announceUnreadChanged);
  }, [thread]);

  const title = thread ? threadTitle(thread, t('messages.untitled')) : t('messages.thread');
  const last = thread?.messages[thread.messages.length - 1];
  return (
    <>
      <p className="back-link">
        <Link to={MESSAGES_PATH}>
          <span aria-hidden="true">← </span>
          {t('messages.back')}
        </Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {sent && <SentAdvice sent={sent} />}
      {threads.loading && !threads.data && <Loading />}
      {threads.error !== undefined && <ErrorMessage error={threads.error} onRetry={threads.reload} />}
      {threads.data && !thread && <p role="alert">{t('messages.notFound')}</p>}
      {thread && (
        <>
          {thread.about && <p className="muted">{t('messages.about', { name: thread.about })}</p>}
          <MessageList messages={thread.messages} side="client" />
          {last?.id && (
            <section className="panel" aria-labelledby="reply-title">
              <h2 id="reply-title">{t('messages.replyTitle')}</h2>
              <MessageForm idPrefix="reply" subject={thread.subject} inResponseTo={`Communication/${last.id}`} onSent={setSent} />
            </section>
          )}
        </>
      )}
    </>
  );
}

/**
 * The message thread of a message contact, in the professional's contact view. Opening the
 * contact opens the client's messages in it (read status, recorded only for the recipient's
 * people by the server). The answer is the contact's decision: its note goes to the client in
 * this thread.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { groupThreads, isUnreadBy } from '@ovi/domain/src/messages/threads';
import { reasonHeaders } from '../api/accessReason';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { useAsync } from '../components/useAsync';
import { MessageList } from './MessageList';
import { fetchMessages, markRead } from './messages.resource';

export function StaffThread({ patientRef, messageRef, reason }: { patientRef: string; messageRef: string; reason?: string }) {
  const { t } = useTranslation();
  const headers = reasonHeaders(reason);
  const thread = useAsync(async () => {
    const all = await fetchMessages(patientRef, headers);
    return groupThreads(all, 'staff').find((th) => th.messages.some((m) => `Communication/${m.id ?? ''}` === messageRef));
  }, [patientRef, messageRef, reason]);

  useEffect(() => {
    for (const m of thread.data?.messages.filter((msg) => isUnreadBy(msg, 'staff')) ?? []) void markRead(m.id ?? '', headers).catch(() => undefined);
  }, [thread.data]);

  return (
    <section className="panel" aria-labelledby="message-thread-title" data-testid="staff-thread">
      <h2 id="message-thread-title">{t('messages.staff.title')}</h2>
      <p className="hint">{t('messages.staff.hint')}</p>
      {thread.loading && !thread.data && <Loading />}
      {thread.error !== undefined && <ErrorMessage error={thread.error} onRetry={thread.reload} />}
      {thread.data && <MessageList messages={thread.data.messages} side="staff" headers={headers} />}
    </section>
  );
}

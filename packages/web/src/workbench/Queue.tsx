/** The guidance queue, in the order the server gives (urgency, then deadline); refreshes every 30 s. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchQueue } from '../api/queue.resource';
import { useRouter } from '../app/router';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { formatTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { QueueRow } from './QueueRow';

const REFRESH_MS = 30_000;

export function Queue() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { state } = useRouter();
  const [tick, setTick] = useState(0);
  const queue = useAsync(fetchQueue, [tick]);
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const [flash, setFlash] = useState<string>();

  // A message from the previous screen: filled in after mounting so the live region
  // announces it, then dropped from history so a reload does not repeat it.
  useEffect(() => {
    if ((state as { flash?: string } | null)?.flash === 'decision-done') {
      setFlash(t('decision.done'));
      history.replaceState(null, '', window.location.pathname);
    }
  }, [state, t]);

  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    if (queue.data) setUpdatedAt(new Date());
  }, [queue.data]);

  const now = updatedAt ?? new Date();

  return (
    <>
      <PageHeading title={t('queue.title')}>{t('queue.title')}</PageHeading>
      <StatusMessage tone="success" testId="decision-done">
        {flash}
      </StatusMessage>
      <p className="lead">{t('queue.intro')}</p>
      <div className="toolbar">
        {queue.data && <p className="count">{t('queue.count', { count: queue.data.length })}</p>}
        {updatedAt && <p className="muted">{t('queue.updated', { time: formatTime(updatedAt, lang) })}</p>}
        <button type="button" className="button button-secondary" onClick={() => setTick((n) => n + 1)}>
          {t('queue.refresh')}
        </button>
      </div>
      {queue.loading && !queue.data && <Loading />}
      {queue.error !== undefined && <ErrorMessage error={queue.error} onRetry={queue.reload} />}
      {queue.data && queue.data.length === 0 && <p className="empty">{t('queue.empty')}</p>}
      {queue.data && queue.data.length > 0 && (
        <ul className="card-list queue" data-testid="queue">
          {queue.data.map((item) => (
            <QueueRow key={item.taskId} item={item} now={now} />
          ))}
        </ul>
      )}
    </>
  );
}

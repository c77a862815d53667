/**
 * The work queue, one page of 50 at a time, in the order the server gives (urgency, deadline,
 * oldest contact first), with filters and how many wait; refreshes every 30 s.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { claimContact, fetchQueue, releaseContact, type QueueFilters as Filters, type QueueItem } from '../api/queue.resource';
import { useRouter } from '../app/router';
import { useSession } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { formatTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { QueueFilters } from './QueueFilters';
import { QueuePager } from './QueuePager';
import { QueueRow } from './QueueRow';
import './queue.css';

const REFRESH_MS = 30_000;
const NUMBER_LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

export function Queue() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { state } = useRouter();
  const { user } = useSession();
  const [tick, setTick] = useState(0);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const queue = useAsync(() => fetchQueue(filters, page), [tick, filters, page]);
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const [flash, setFlash] = useState<string>();
  /** What a claim did: said to screen readers (the row shows it); a colleague having been quicker is shown too. */
  const [claimStatus, setClaimStatus] = useState<{ text: string; shown: boolean }>();
  const [busy, setBusy] = useState<string>();
  const [claimError, setClaimError] = useState<unknown>();

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

  // The queue shrank under the reader (contacts resolved): show its last page instead of an empty one.
  useEffect(() => {
    if (queue.data && queue.data.items.length === 0 && page > queue.data.pages) setPage(queue.data.pages);
  }, [queue.data, page]);

  const changeFilters = (next: Filters) => {
    setFilters(next);
    setPage(1);
  };

  const claim = useCallback(
    async (item: QueueItem, action: 'claim' | 'release') => {
      const name = item.patient.name || item.patient.id;
      setBusy(item.taskId);
      setClaimError(undefined);
      setClaimStatus(undefined);
      try {
        await (action === 'claim' ? claimContact(item.taskId) : releaseContact(item.taskId));
        setClaimStatus({ text: t(action === 'claim' ? 'queue.claimed' : 'queue.released', { name }), shown: false });
      } catch (error) {
        // A colleague was quicker: the refreshed row shows who has it.
        if (error instanceof ApiError && error.status === 409) setClaimStatus({ text: t('queue.claimTaken', { name }), shown: true });
        else setClaimError(error);
      } finally {
        setBusy(undefined);
        setTick((n) => n + 1);
      }
    },
    [t],
  );

  const now = updatedAt ?? new Date();
  const data = queue.data;
  const waiting = data ? t('queue.waiting', { count: data.total, n: new Intl.NumberFormat(NUMBER_LOCALES[lang] ?? 'fi-FI').format(data.total) }) : undefined;

  return (
    <>
      <PageHeading title={t('queue.title')}>{t('queue.title')}</PageHeading>
      <StatusMessage tone="success" testId="decision-done">
        {flash}
      </StatusMessage>
      <StatusMessage testId="queue-claim-status">{claimStatus?.shown ? claimStatus.text : undefined}</StatusMessage>
      <div role="status" aria-live="polite" className="visually-hidden" data-testid="queue-claim-said">
        {claimStatus && !claimStatus.shown ? claimStatus.text : ''}
      </div>
      <QueueFilters value={filters} teams={data?.teams ?? []} onChange={changeFilters}>
        {waiting && (
          <p className="count" data-testid="queue-count">
            {waiting}
          </p>
        )}
        <p className="queue-updated">
          {updatedAt && <span className="muted">{t('queue.updated', { time: formatTime(updatedAt, lang) })} </span>}
          <button type="button" className="button button-secondary button-small" onClick={() => setTick((n) => n + 1)}>
            {t('queue.refresh')}
          </button>
        </p>
      </QueueFilters>
      {claimError !== undefined && <ErrorMessage error={claimError} />}
      {queue.loading && !data && <Loading />}
      {queue.error !== undefined && <ErrorMessage error={queue.error} onRetry={queue.reload} />}
      {data && data.items.length === 0 && <p className="empty">{Object.values(filters).some(Boolean) ? t('queue.emptyFiltered') : t('queue.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="queue-wide">
          <TableWrap labelledBy="queue-caption">
            <table className="table table-stack queue-table" data-testid="queue">
              <caption id="queue-caption" className="visually-hidden">
                {t('queue.caption', { page: data.page, pages: data.pages })} {t('queue.intro')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('urgency.label')}</th>
                  <th scope="col">{t('queue.client')}</th>
                  <th scope="col">{t('queue.reason')}</th>
                  <th scope="col">{t('queue.profession')}</th>
                  <th scope="col">{t('queue.assessBy')}</th>
                  <th scope="col">{t('queue.careBy')}</th>
                  <th scope="col">{t('queue.received')}</th>
                  <th scope="col">{t('queue.who')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <QueueRow key={item.taskId} item={item} now={now} me={user?.fhirUser} busy={busy === item.taskId} onClaim={claim} />
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      )}
      {data && <QueuePager page={data.page} pages={data.pages} onPage={setPage} />}
    </>
  );
}

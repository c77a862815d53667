/** The social-services queue of notices: each with who it is about, who notified, and its legal deadlines and time left. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { TimeLeft } from '../components/TimeLeft';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useAsync } from '../components/useAsync';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { openNotices, type NoticeItem } from './notice.resource';

export function NoticeQueue() {
  const { t } = useTranslation();
  const state = useAsync(openNotices, []);
  if (state.loading) return <Loading />;
  if (state.error !== undefined || !state.data) {
    if (state.error instanceof ApiError && state.error.status === 403) return <p role="status">{t('socialNotices.onlySocial')}</p>;
    return <ErrorMessage error={state.error} onRetry={state.reload} />;
  }
  return (
    <section>
      <h1>{t('socialNotices.queueHeading')}</h1>
      {state.data.length === 0 ? <p>{t('socialNotices.none')}</p> : (
        <ul className="notice-list" data-testid="notice-queue">
          {state.data.map((n) => <NoticeRow key={n.taskId} notice={n} />)}
        </ul>
      )}
    </section>
  );
}

function NoticeRow({ notice }: { notice: NoticeItem }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const now = new Date();
  const reporter = notice.reporter.anonymous ? t('socialNotices.anonymousReporter') : [notice.reporter.name, notice.reporter.organisation].filter(Boolean).join(', ');
  return (
    <li className="card" data-testid={`notice-${notice.taskId}`}>
      <h2>
        {t(`socialNotices.kinds.${notice.kind}`)}: {notice.patient.name}
      </h2>
      <UrgencyBadge urgency={notice.urgency} />
      <p>{notice.description}</p>
      <p>{t('socialNotices.from', { who: reporter, time: formatDateTime(notice.receivedAt, lang) })}</p>
      <ul className="notice-deadlines">
        {notice.deadlines.map((d) => (
          <li key={d.code} data-testid={`deadline-${d.code}`}>
            {d.label[lang] ?? d.label.fi} ({d.source}){d.due && !d.done ? <>: {formatDateTime(d.due, lang)} <TimeLeft deadline={d.due} now={now} /></> : null}
          </li>
        ))}
      </ul>
    </li>
  );
}

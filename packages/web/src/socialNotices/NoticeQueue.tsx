/** The social-services queue of notices: each with who it is about, who notified, and its legal deadlines and time left. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { TimeLeft } from '../components/TimeLeft';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useAsync } from '../components/useAsync';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { openNotices, type NoticeDeadline, type NoticeItem, type NoticeState } from './notice.resource';
import { NoticeDecisionForm } from './NoticeDecisionForm';

export function NoticeQueue() {
  const { t } = useTranslation();
  const state = useAsync(openNotices, []);
  // The last act recorded: a decided notice leaves the list, so what was recorded is said here.
  const [recorded, setRecorded] = useState<NoticeState>();
  const onDone = (done: NoticeState) => {
    setRecorded(done);
    state.reload();
  };
  if (state.loading && !state.data) return <Loading />;
  if (state.error !== undefined || !state.data) {
    if (state.error instanceof ApiError && state.error.status === 403) return <p role="status">{t('socialNotices.onlySocial')}</p>;
    return <ErrorMessage error={state.error} onRetry={state.reload} />;
  }
  return (
    <section>
      <h1>{t('socialNotices.queueHeading')}</h1>
      <div role="status" data-testid="notice-recorded">{recorded && <RecordedNote state={recorded} />}</div>
      {state.data.length === 0 ? <p>{t('socialNotices.none')}</p> : (
        <ul className="notice-list" data-testid="notice-queue">
          {state.data.map((n) => <NoticeRow key={n.taskId} notice={n} onDone={onDone} />)}
        </ul>
      )}
    </section>
  );
}

function NoticeRow({ notice, onDone }: { notice: NoticeItem; onDone: (state: NoticeState) => void }) {
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
      <DeadlineList deadlines={notice.deadlines} now={now} />
      <NoticeDecisionForm notice={notice} onDone={onDone} />
    </li>
  );
}

/** Each legal limit: open with its time left, or done and whether in time. */
function DeadlineList({ deadlines, now }: { deadlines: NoticeDeadline[]; now: Date }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <ul className="notice-deadlines">
      {deadlines.map((d) => (
        <li key={d.code} data-testid={`deadline-${d.code}`}>
          {d.label[lang] ?? d.label.fi} ({d.source})
          {d.done ? (
            <>: <strong className={d.met === false ? 'overdue' : undefined}>{t(d.met === undefined ? 'noticeDecisions.done' : d.met ? 'noticeDecisions.met' : 'noticeDecisions.missed', { time: formatDateTime(d.doneAt, lang) })}</strong></>
          ) : d.due ? <>: {formatDateTime(d.due, lang)} <TimeLeft deadline={d.due} now={now} /></> : null}
        </li>
      ))}
    </ul>
  );
}

function RecordedNote({ state }: { state: NoticeState }) {
  const { t } = useTranslation();
  const now = new Date();
  return (
    <div className="notice notice-success">
      <p>{state.decision ? t('noticeDecisions.decided', { decision: t(`noticeDecisions.codes.${state.decision}`) }) : t('noticeDecisions.assessed', { urgency: t(`urgency.${state.urgency}`) })}</p>
      <DeadlineList deadlines={state.deadlines.filter((d) => d.done)} now={now} />
    </div>
  );
}

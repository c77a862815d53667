/**
 * One contact for the professional: who and how to reach them (phone, language, a child's
 * guardians), their allergies, conditions and vaccinations, any hand-over note, the answers, the rule's reasoning, deadlines, the client's open
 * matters, contacts and visits of the year, and the decision.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accessRefusalOf } from '../api/accessReason';
import { fetchClientOverview, handoverFor, replyLanguageOf } from '../api/clientOverview.resource';
import { fetchContactDetail } from '../api/guidance.resource';
import type { ContactTask } from '../api/task.resource';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { ResidentNoteList } from '../components/ResidentNoteList';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useAsync } from '../components/useAsync';
import { formatDate, formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { AccessReasonForm } from './AccessReasonForm';
import { AnswerList } from './AnswerList';
import { AssessmentPanel } from './AssessmentPanel';
import { DeadlineList } from './DeadlineList';
import { DecisionForm } from './DecisionForm';
import { HandledSummary } from './HandledSummary';
import { RaisedBy } from './RaisedBy';
import { RuleExplanation } from './RuleExplanation';
import { ClientFacts } from './contact/ClientFacts';
import { ClientHistory } from './contact/ClientHistory';
import { ClientLanguageProvider } from './contact/ClientLanguage';
import { ClinicalRecord } from './contact/ClinicalRecord';
import { HandoverNote } from './contact/HandoverNote';
import { AskConsultation } from './consultations/AskConsultation';
import { StaffThread } from '../messages/StaffThread';
import { pickText } from '../api/fhir';
import { SegmentPanel } from '../segmentation/SegmentPanel';
import { ClientLinks } from './contact/ClientLinks';

export function ContactView({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  /** Recorded when the professional has no care relationship with the client. */
  const [reason, setReason] = useState<string>();
  const detail = useAsync(() => fetchContactDetail(taskId, reason), [taskId, reason]);
  /** No care relationship, or a record of the other register: both are lifted by a recorded reason. */
  const refusal = detail.loading ? undefined : accessRefusalOf(detail.error);
  const askReason = refusal !== undefined;
  /** The Task as the assessment left it (priority, deadlines and profession follow it). */
  const [assessed, setAssessed] = useState<ContactTask>();
  const task = assessed ?? detail.data?.task;
  const patient = detail.data?.patient;
  const name = patient?.name || task?.patientName || '';
  const title = name ? `${t('contact.title')}: ${name}` : t('contact.title');
  /** Phone, language, guardians, open matters and the year's contacts and visits: one audited call. */
  const patientRef = detail.data?.task.patientRef;
  const overview = useAsync(async () => (patientRef ? fetchClientOverview(patientRef, reason) : undefined), [patientRef, reason]);
  const handover = task ? handoverFor(overview.data, `Task/${task.id}`) : undefined;
  const sentHandover = task?.routedTaskRef ? handoverFor(overview.data, task.routedTaskRef) : undefined;

  return (
    <>
      <p className="back-link">
        <Link to={PATHS.queue}>
          <span aria-hidden="true">← </span>
          {t('common.backToQueue')}
        </Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {detail.loading && !detail.data && <Loading />}
      {refusal && <AccessReasonForm key={refusal.kind} refusal={refusal} onSubmit={setReason} />}
      {detail.error !== undefined && !askReason && !detail.loading && <ErrorMessage error={detail.error} onRetry={detail.reload} />}
      {reason && detail.data && (
        <p className="notice notice-flag" role="status">
          <span aria-hidden="true">⚑ </span>
          {t('accessReason.active', { reason })}
        </p>
      )}
      {task && detail.data && (
        <div className="contact-layout" data-testid="contact-detail" data-task-id={task.id}>
          <div className="contact-main">
            <section className="panel" aria-labelledby="client-title">
              <h2 id="client-title">{t('contact.client')}</h2>
              <p className="client-line">
                <strong>{name}</strong>
                {patient?.birthDate && <> · {t('common.born', { date: formatDate(patient.birthDate, lang) })}</>}
              </p>
              <div className="badge-row">
                <UrgencyBadge urgency={task.urgency} />
                {task.channel && <span className="badge badge-muted">{t(`channel.${task.channel}`, { defaultValue: task.channel })}</span>}
                {task.outOfHours && <span className="badge badge-flag">{t('queue.outOfHours')}</span>}
              </div>
              {task.description && <p className="summary">{task.descriptionTexts ? pickText(task.descriptionTexts, lang) : task.description}</p>}
              {task.authoredOn && (
                <p className="muted">
                  {t('contact.received')}: {formatDateTime(task.authoredOn, lang)}
                </p>
              )}
              {overview.data && <ClientFacts overview={overview.data} />}
              {overview.loading && !overview.data && <Loading />}
              {overview.error !== undefined && !overview.loading && (
                <div className="small">
                  <p className="muted">{t('workday.facts.unavailable')}</p>
                  <ErrorMessage error={overview.error} onRetry={overview.reload} />
                </div>
              )}
            </section>
            {/* Allergies first: safety information for whoever treats the client next. */}
            {patientRef && overview.data && <ClinicalRecord patientRef={patientRef} reason={reason} />}
            {handover && <HandoverNote handover={handover} />}
            <RaisedBy task={task} />
            {task.channel === 'message' && task.patientRef && task.responseRef ? (
              <StaffThread patientRef={task.patientRef} messageRef={task.responseRef} reason={reason} />
            ) : (
              <section className="panel" aria-labelledby="answers-title">
                <h2 id="answers-title">{t('contact.answers')}</h2>
                <AnswerList answers={detail.data.answers} highlight={task.dangerWords.map((w) => w.matched)} />
              </section>
            )}
            <RuleExplanation task={task} />
            <section className="panel" aria-labelledby="deadlines-title">
              <h2 id="deadlines-title">{t('contact.deadlines')}</h2>
              <DeadlineList task={task} now={new Date()} />
            </section>
            {task.notes.length > 0 && (
              <section className="panel" aria-labelledby="told-title">
                <h2 id="told-title">{t('contact.toldResident')}</h2>
                <ResidentNoteList notes={task.notes} />
              </section>
            )}
            {overview.data && <ClientHistory overview={overview.data} taskRef={`Task/${task.id}`} />}
          </div>
          <div className="contact-side">
            <AssessmentPanel task={task} reason={reason} onAssessed={setAssessed} />
            {/* Ready-made replies are offered in the client's preferred language. */}
            <ClientLanguageProvider language={replyLanguageOf(overview.data)}>
              {task.status === 'waiting' ? <DecisionForm task={task} reason={reason} /> : <HandledSummary task={task} reason={reason} handover={sentHandover?.text} />}
            </ClientLanguageProvider>
            {/* Asking hands the client's care on to a colleague: only from a relationship, never on a recorded reason. */}
            {/* The client's segment and care path: suggests how care is arranged, never urgency. */}
            {patientRef && <SegmentPanel patientRef={patientRef} reason={reason} />}
            {/* Only within a relationship: the other screens ask without the recorded reason. */}
            {patientRef && !reason && <ClientLinks patientRef={patientRef} />}
            {patientRef && !reason && <AskConsultation patientRef={patientRef} contact={`Task/${task.id}`} onAsked={overview.reload} />}
          </div>
        </div>
      )}
    </>
  );
}

/**
 * The professional's segmentation panel in the client view: the latest segment with its care
 * path, where the two assessments stand, the professional's own form, making the segment, and
 * the history. The segment suggests how care is arranged; it never changes urgency (H21).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { QuestionnaireForm } from '../components/questionnaire/QuestionnaireForm';
import { useAsync } from '../components/useAsync';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { fetchClientSegments, fetchSegmentationQuestionnaire, makeSegment, sendAssessment, type SideAnswer } from './segmentation.resource';
import { SegmentHistory } from './SegmentHistory';

export function SegmentPanel({ patientRef, reason }: { patientRef: string; reason?: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const segments = useAsync(() => fetchClientSegments(patientRef, lang, reason), [patientRef, lang, reason]);
  const [answering, setAnswering] = useState(false);
  const form = useAsync(async () => (answering ? fetchSegmentationQuestionnaire('professional') : undefined), [answering]);
  const [making, setMaking] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const latest = segments.data?.latest;
  const assessments = segments.data?.assessments;

  const answered = (answer: SideAnswer | null | undefined) =>
    answer ? t('segmentation.panel.answeredOn', { date: formatDate(answer.authored, lang) }) : t('segmentation.panel.notAnswered');

  const make = async () => {
    setMaking(true);
    setFailure(undefined);
    try {
      await makeSegment(patientRef, reason);
      segments.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setMaking(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="segment-title" data-testid="segment-panel">
      <h2 id="segment-title">{t('segmentation.panel.title')}</h2>
      {segments.loading && !segments.data && <Loading />}
      {segments.error !== undefined && <ErrorMessage error={segments.error} onRetry={segments.reload} />}
      {segments.data && !latest && <p>{t('segmentation.panel.none')}</p>}
      {latest && (
        <>
          <p className="client-line">
            <strong data-testid="latest-segment">{latest.label}</strong> · {formatDate(latest.at, lang)}
          </p>
          <h3>{t('segmentation.panel.carePath')}</h3>
          <p data-testid="care-path">{latest.carePath}</p>
        </>
      )}
      <p className="muted small">{t('segmentation.panel.onlySuggests')}</p>
      {assessments && (
        <dl className="facts">
          <dt>{t('segmentation.panel.clientAnswer')}</dt>
          <dd>{answered(assessments.client)}</dd>
          <dt>{t('segmentation.panel.professionalAnswer')}</dt>
          <dd>{answered(assessments.professional)}</dd>
        </dl>
      )}
      {assessments && assessments.problems.length > 0 && (
        <ul className="small" data-testid="segment-problems">
          {assessments.problems.map((p) => (
            <li key={`${p.kind}-${p.side ?? ''}`}>{t(`segmentation.problem.${p.kind}`, { side: t(`segmentation.side.${p.side ?? 'client'}`) })}</li>
          ))}
        </ul>
      )}
      {failure !== undefined && <ErrorMessage error={failure} />}
      <div className="form-actions">
        {!answering && (
          <button type="button" className="button" onClick={() => setAnswering(true)} data-testid="answer-professional">
            {t('segmentation.panel.answer')}
          </button>
        )}
        <button type="button" className="button button-primary" onClick={() => void make()} disabled={making || (assessments?.problems.length ?? 0) > 0} data-testid="make-segment">
          {t('segmentation.panel.make')}
        </button>
      </div>
      {answering && form.data && (
        <QuestionnaireForm
          questionnaire={form.data}
          showServerDetail
          onSubmit={async (answers) => {
            if (!form.data) return;
            await sendAssessment(form.data, answers, patientRef, reason);
            setAnswering(false);
            segments.reload();
          }}
        />
      )}
      {answering && form.error !== undefined && <ErrorMessage error={form.error} onRetry={form.reload} />}
      {segments.data && (
        <>
          <h3 id="segment-history-title">{t('segmentation.history.title')}</h3>
          <SegmentHistory history={segments.data.history} headingId="segment-history-title" />
        </>
      )}
    </section>
  );
}

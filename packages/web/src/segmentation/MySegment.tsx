/**
 * The client's own page: answer "how I cope in everyday life" on the phone, and see one's
 * segment history with what it means for how care is arranged.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { QuestionnaireForm } from '../components/questionnaire/QuestionnaireForm';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { fetchClientSegments, fetchSegmentationQuestionnaire, sendAssessment } from './segmentation.resource';
import { SegmentHistory } from './SegmentHistory';

export function MySegment() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { user } = useSession();
  const me = user?.fhirUser ?? '';
  const segments = useAsync(() => fetchClientSegments(me, lang), [me, lang]);
  const form = useAsync(() => fetchSegmentationQuestionnaire('client'), []);
  const [sent, setSent] = useState(false);
  const [answering, setAnswering] = useState(false);
  const latest = segments.data?.latest;

  return (
    <>
      <PageHeading title={t('segmentation.mine.title')}>{t('segmentation.mine.title')}</PageHeading>
      <p>{t('segmentation.mine.intro')}</p>
      {sent && (
        <p className="notice" role="status" data-testid="assessment-sent">
          {t('segmentation.mine.sent')}
        </p>
      )}
      {!answering && (
        <p>
          <button type="button" className="button button-primary" onClick={() => { setAnswering(true); setSent(false); }} data-testid="answer-own">
            {t('segmentation.mine.answer')}
          </button>
        </p>
      )}
      {answering && (
        <section className="panel" aria-labelledby="own-form-title">
          <h2 id="own-form-title">{t('segmentation.mine.formTitle')}</h2>
          <p className="muted">{t('segmentation.mine.formHelp')}</p>
          {form.loading && !form.data && <Loading />}
          {form.error !== undefined && <ErrorMessage error={form.error} onRetry={form.reload} />}
          {form.data && (
            <QuestionnaireForm
              questionnaire={form.data}
              onSubmit={async (answers) => {
                if (!form.data) return;
                await sendAssessment(form.data, answers, me);
                setAnswering(false);
                setSent(true);
                segments.reload();
              }}
            />
          )}
        </section>
      )}
      <section className="panel" aria-labelledby="my-segment-title">
        <h2 id="my-segment-title">{t('segmentation.mine.latest')}</h2>
        {segments.loading && !segments.data && <Loading />}
        {segments.error !== undefined && <ErrorMessage error={segments.error} onRetry={segments.reload} />}
        {segments.data && !latest && <p>{t('segmentation.mine.noSegment')}</p>}
        {latest && (
          <>
            <p className="client-line">
              <strong data-testid="my-segment">{latest.label}</strong>
            </p>
            <p>{latest.carePath}</p>
          </>
        )}
      </section>
      {segments.data && (
        <section className="panel" aria-labelledby="my-history-title">
          <h2 id="my-history-title">{t('segmentation.history.title')}</h2>
          <SegmentHistory history={segments.data.history} headingId="my-history-title" />
        </section>
      )}
    </>
  );
}

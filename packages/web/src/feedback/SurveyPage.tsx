/**
 * One survey: opened from the e-mailed link (no login) or from the resident's portal. A survey
 * already answered (409) or closed (410) says so in plain words instead of a form.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { fetchSurvey, sendAnswer, type SurveyAnswer, type SurveySource } from './feedback.resource';
import { SurveyForm } from './SurveyForm';

const CLOSED: Record<number, string> = { 404: 'feedback.survey.unknown', 409: 'feedback.survey.alreadyAnswered', 410: 'feedback.survey.expired' };

export function SurveyPage({ source }: { source: SurveySource }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const view = useAsync(() => fetchSurvey(source), ['token' in source ? source.token : source.pendingId]);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (answer: SurveyAnswer) => {
    setSending(true);
    setError(undefined);
    try {
      await sendAnswer(source, answer);
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  const title = view.data?.survey.title[lang] ?? t('feedback.survey.title');
  const closedKey = (e: unknown) => (e instanceof ApiError ? CLOSED[e.status] : undefined);
  const loadClosed = closedKey(view.error);
  const sendClosed = closedKey(error);
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {view.data && !sent && (
        <p className="muted" data-testid="feedback-where">
          {view.data.unitName ? t(`feedback.survey.where.${view.data.kind}`, { unit: view.data.unitName }) : t(`feedback.survey.whereNoUnit.${view.data.kind}`)}
        </p>
      )}
      {view.loading && !view.data && <Loading />}
      {loadClosed && <StatusMessage testId="feedback-closed">{t(loadClosed)}</StatusMessage>}
      {view.error !== undefined && !loadClosed && <ErrorMessage error={view.error} onRetry={view.reload} />}
      {sent && <StatusMessage tone="success" testId="feedback-thanks">{t('feedback.survey.thanks')}</StatusMessage>}
      {sendClosed && <StatusMessage testId="feedback-closed">{t(sendClosed)}</StatusMessage>}
      {error !== undefined && !sendClosed && <ErrorMessage error={error} />}
      {view.data && !sent && !sendClosed && <SurveyForm view={view.data} sending={sending} onSubmit={(a) => void submit(a)} />}
    </>
  );
}

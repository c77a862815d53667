/** The resident's surveys waiting for an answer, each opened here; answered and closed ones drop off. */
import { useTranslation } from 'react-i18next';
import { Link } from '../app/router';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { formatDate } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { fetchPendingSurveys } from './feedback.resource';
import { SurveyPage } from './SurveyPage';

export const MY_FEEDBACK_PATH = '/my-feedback';

export function MyFeedback({ id }: { id?: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const pending = useAsync(fetchPendingSurveys, []);
  if (id) return <SurveyPage source={{ pendingId: id }} />;
  return (
    <>
      <PageHeading title={t('feedback.portal.title')}>{t('feedback.portal.title')}</PageHeading>
      <p className="lead">{t('feedback.portal.intro')}</p>
      {pending.loading && !pending.data && <Loading />}
      {pending.error !== undefined && <ErrorMessage error={pending.error} onRetry={pending.reload} />}
      {pending.data?.length === 0 && <p data-testid="feedback-none">{t('feedback.portal.none')}</p>}
      {pending.data && pending.data.length > 0 && (
        <ul className="plain-list" data-testid="feedback-pending">
          {pending.data.map((s) => (
            <li key={s.id} className="panel">
              <p>{s.unitName ? t(`feedback.survey.where.${s.kind}`, { unit: s.unitName }) : t(`feedback.survey.whereNoUnit.${s.kind}`)}</p>
              <p className="muted small">{t('feedback.portal.openUntil', { date: formatDate(s.expiresAt, lang) })}</p>
              <Link className="button button-primary" to={`${MY_FEEDBACK_PATH}/${encodeURIComponent(s.id)}`} data-testid="feedback-answer-pending">
                {t('feedback.portal.answer')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

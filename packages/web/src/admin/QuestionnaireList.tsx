/** Admin, read-only: every questionnaire with its questions. */
import { useTranslation } from 'react-i18next';
import { fetchQuestionnaires } from '../api/questionnaire.resource';
import { pickText } from '../api/fhir';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { QuestionOutline } from './QuestionOutline';

export function QuestionnaireList() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const list = useAsync(() => fetchQuestionnaires(false), []);
  return (
    <>
      <PageHeading title={t('admin.questionnaires.title')}>{t('admin.questionnaires.title')}</PageHeading>
      <p className="muted">{t('admin.readOnly')}</p>
      {list.loading && !list.data && <Loading />}
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="empty">{t('admin.questionnaires.empty')}</p>}
      {list.data?.map((q) => (
        <section key={q.id} className="panel" aria-labelledby={`questionnaire-${q.id}`}>
          <h2 id={`questionnaire-${q.id}`}>{pickText(q.title, lang) || q.url}</h2>
          {pickText(q.description, lang) && <p>{pickText(q.description, lang)}</p>}
          <dl className="facts facts-inline">
            <div>
              <dt>{t('admin.questionnaires.status')}</dt>
              <dd>{q.status}</dd>
            </div>
            {q.version && (
              <div>
                <dt>{t('admin.questionnaires.version')}</dt>
                <dd>{q.version}</dd>
              </div>
            )}
            <div>
              <dt>URL</dt>
              <dd className="code">{q.url}</dd>
            </div>
          </dl>
          <details>
            <summary>
              {t('admin.questionnaires.showItems')} ({q.items.length})
            </summary>
            <QuestionOutline questions={q.items} all={q.items} />
          </details>
        </section>
      ))}
    </>
  );
}

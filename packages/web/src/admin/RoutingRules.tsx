/** Admin, read-only: the routing rules in words — conditions → urgency, professional, service. */
import { useTranslation } from 'react-i18next';
import { fetchRoutingRules } from '../api/admin.resource';
import { pickText } from '../api/fhir';
import { fetchContactQuestionnaire, questionsByLinkId } from '../api/questionnaire.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { conditionText } from './conditionText';
import { TargetCell } from './TargetCell';

export function RoutingRules() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const data = useAsync(async () => {
    const [rules, questionnaire] = await Promise.all([fetchRoutingRules(), fetchContactQuestionnaire().catch(() => undefined)]);
    return { rules, questions: questionsByLinkId(questionnaire?.items ?? []) };
  }, []);
  const set = data.data?.rules;
  const questions = data.data?.questions ?? new Map();

  return (
    <>
      <PageHeading title={t('admin.rules.title')}>{t('admin.rules.title')}</PageHeading>
      <p className="lead">{t('admin.rules.intro')}</p>
      <p className="muted">{t('admin.readOnly')}</p>
      {data.loading && !data.data && <Loading />}
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {set && (
        <TableWrap labelledBy="rules-caption">
          <table className="table table-stack" data-testid="routing-rules">
            <caption id="rules-caption">{t('admin.rules.caption', { version: set.version })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.rules.order')}</th>
                <th scope="col">{t('admin.rules.rule')}</th>
                <th scope="col">{t('admin.rules.conditions')}</th>
                <th scope="col">{t('admin.rules.result')}</th>
                <th scope="col">{t('admin.rules.explanation')}</th>
              </tr>
            </thead>
            <tbody>
              {set.rules.map((rule) => (
                <tr key={rule.id}>
                  <td data-label={t('admin.rules.order')}>{rule.order}</td>
                  <th scope="row">{pickText(rule.title, lang) || rule.id}</th>
                  <td data-label={t('admin.rules.conditions')}>
                    <ul className="plain-list">
                      {rule.when.map((c, i) => (
                        <li key={i}>{conditionText(c, questions, t, lang)}</li>
                      ))}
                    </ul>
                    {rule.unless.length > 0 && (
                      <p className="small">
                        <em>{t('admin.rules.unless')}:</em> {rule.unless.map((c) => conditionText(c, questions, t, lang)).join(` ${t('admin.rules.and')} `)}
                      </p>
                    )}
                  </td>
                  <td data-label={t('admin.rules.result')}>
                    <TargetCell target={rule.then} />
                  </td>
                  <td data-label={t('admin.rules.explanation')}>{pickText(rule.explanation, lang)}</td>
                </tr>
              ))}
              {set.fallback && (
                <tr>
                  <td data-label={t('admin.rules.order')}>–</td>
                  <th scope="row">{t('admin.rules.fallback')}</th>
                  <td data-label={t('admin.rules.conditions')}>–</td>
                  <td data-label={t('admin.rules.result')}>
                    <TargetCell target={set.fallback} />
                  </td>
                  <td data-label={t('admin.rules.explanation')}>{pickText(set.fallback.explanation, lang)}</td>
                </tr>
              )}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

/**
 * Feedback results: the unit's feedback person sees NPS, the share of each answer per statement
 * (as a table) and the free texts to mark handled and reply to; a manager sees the figures only.
 * Small groups come hidden (null) from the server and say so in words.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { formatNumber, formatPercent } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { StatTile } from '../manager/StatTile';
import { fetchResults, fetchScope } from './feedback.resource';
import { FreeTextList } from './FreeTextList';

export const FEEDBACK_RESULTS_PATH = '/feedback-results';

export function FeedbackResultsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const scope = useAsync(fetchScope, []);
  const [unit, setUnit] = useState<string>('');
  const chosen = unit || (scope.data && !scope.data.manager ? (scope.data.units[0]?.unit ?? '') : '');
  const mayRead = !!scope.data && (scope.data.manager || scope.data.units.length > 0);
  const results = useAsync(async () => (mayRead ? fetchResults(chosen ? { unit: chosen } : {}) : undefined), [mayRead, chosen]);
  const r = results.data;
  const count = (v: number | null) => (v === null ? null : formatNumber(v, lang));
  // Every figure says the period it covers, as the manager's figures do.
  const periodText = (period: { from: string; to: string }) => t('feedback.results.period', { from: period.from, to: period.to });

  return (
    <>
      <PageHeading title={t('feedback.results.title')}>{t('feedback.results.title')}</PageHeading>
      <p className="lead">{t('feedback.results.intro')}</p>
      {scope.error !== undefined && <ErrorMessage error={scope.error} onRetry={scope.reload} />}
      {scope.data && !mayRead && <p data-testid="feedback-not-responsible">{t('feedback.results.notResponsible')}</p>}
      {scope.data && mayRead && (scope.data.manager || scope.data.units.length > 1) && (
        <div className="field">
          <label htmlFor="feedback-unit">{t('feedback.results.unit')}</label>
          <select id="feedback-unit" className="input" value={chosen} onChange={(e) => setUnit(e.target.value)}>
            {scope.data.manager && <option value="">{t('feedback.results.allUnits')}</option>}
            {scope.data.units.map((u) => (
              <option key={u.unit} value={u.unit}>
                {u.name ?? u.unit}
              </option>
            ))}
          </select>
        </div>
      )}
      {results.loading && !r && mayRead && <Loading />}
      {results.error !== undefined && <ErrorMessage error={results.error} onRetry={results.reload} />}
      {r && (
        <>
          <p className="muted">{periodText(r.period)}</p>
          <div className="tiles">
            <StatTile label={t('feedback.results.nps')} value={r.nps === null ? null : String(r.nps)} period={periodText(r.period)} testId="feedback-nps" />
            <StatTile label={t('feedback.results.answers')} value={count(r.answers)} period={periodText(r.period)} testId="feedback-answers" />
            <StatTile label={t('feedback.results.promoters')} value={count(r.promoters)} period={periodText(r.period)} />
            <StatTile label={t('feedback.results.passives')} value={count(r.passives)} period={periodText(r.period)} />
            <StatTile label={t('feedback.results.detractors')} value={count(r.detractors)} period={periodText(r.period)} />
          </div>
          <p className="muted small">{t('feedback.results.disclosure')}</p>
          <section className="panel" aria-labelledby="feedback-statements-title">
            <h2 id="feedback-statements-title">{t('feedback.results.statements')}</h2>
            <TableWrap labelledBy="feedback-statements-title">
              <table className="table table-compact" aria-labelledby="feedback-statements-title" data-testid="feedback-statements">
                <thead>
                  <tr>
                    <th scope="col">{t('feedback.results.statement')}</th>
                    <th scope="col" className="num">
                      {t('feedback.results.answered')}
                    </th>
                    {r.scale.map((s) => (
                      <th scope="col" className="num" key={s.code}>
                        {s.text[lang]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.statements.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">{s.text[lang]}</th>
                      <td className="num">{s.answered === null ? t('common.hidden') : formatNumber(s.answered, lang)}</td>
                      {r.scale.map((step) => {
                        const share = s.answers.find((a) => a.code === step.code)?.share ?? null;
                        return (
                          <td className="num" key={step.code}>
                            {share === null ? t('feedback.results.hiddenShort') : formatPercent(share, lang)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>
          {r.freeTexts && <FreeTextList texts={r.freeTexts} onChanged={results.reload} />}
        </>
      )}
    </>
  );
}

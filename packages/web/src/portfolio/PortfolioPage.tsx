/**
 * The development portfolio (managers and administrators): per benefit goal, the development
 * measures with their maturity in every reporting period as a table, the level of the period
 * being reported chosen per measure (each choice saved at once), new measures and periods, the
 * history of every change, and the printable self-assessment of a period.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaturityLevel } from '@ovi/domain/src/portfolio/portfolio';
import { fetchPortfolio, saveLevel, type ShownPortfolio } from '../api/portfolio.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { SettingHistory } from '../admin/editing/SettingHistory';
import { GoalSection } from './GoalSection';
import { NewPeriodForm } from './NewPeriodForm';
import { SelfAssessmentReport } from './SelfAssessmentReport';
import { VersionSummary } from './VersionSummary';
import './portfolio.css';

export function PortfolioPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const loaded = useAsync(() => fetchPortfolio(lang), [lang]);
  const [saved, setSaved] = useState<ShownPortfolio>();
  const [chosenPeriod, setChosenPeriod] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [historyOpen, setHistoryOpen] = useState(false);
  const portfolio = saved && loaded.data && saved.version >= loaded.data.version ? saved : loaded.data;
  const period = chosenPeriod && portfolio?.periods.includes(chosenPeriod) ? chosenPeriod : portfolio?.periods.at(-1);

  const changed = (next: ShownPortfolio, message: string) => {
    setSaved(next);
    setError(undefined);
    setStatus(message);
  };

  const setLevel = async (measureId: string, name: string, level: MaturityLevel) => {
    if (!period) return;
    setStatus(undefined);
    try {
      changed(await saveLevel(measureId, period, level, lang), t('portfolio.levelSaved', { measure: name, period, level: t(`portfolio.level.${level}`) }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeading title={t('portfolio.title')}>{t('portfolio.title')}</PageHeading>
      <p className="lead no-print">{t('portfolio.intro')}</p>
      {loaded.loading && !portfolio && <Loading />}
      {loaded.error !== undefined && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      {portfolio && (
        <>
          <div className="portfolio-controls no-print">
            {portfolio.periods.length > 0 && (
              <div className="field">
                <label htmlFor="portfolio-period">{t('portfolio.periodLabel')}</label>
                <select id="portfolio-period" className="input" value={period} data-testid="portfolio-period" onChange={(e) => setChosenPeriod(e.target.value)}>
                  {[...portfolio.periods].reverse().map((p) => (
                    <option key={p} value={p}>{t('portfolio.periodName', { period: p })}</option>
                  ))}
                </select>
                <p className="hint">{t('portfolio.periodHint')}</p>
              </div>
            )}
            <button type="button" className="button button-secondary" onClick={() => window.print()} data-testid="portfolio-print">
              {t('portfolio.print')}
            </button>
          </div>
          <StatusMessage tone="success" testId="portfolio-status">{status}</StatusMessage>
          {error !== undefined && <ErrorMessage error={error} onRetry={loaded.reload} />}
          <p className="muted small no-print" data-testid="portfolio-version">{t('portfolio.version', { version: portfolio.version })}</p>
          {portfolio.periods.length === 0 && <p className="empty">{t('portfolio.noPeriods')}</p>}
          <div className="no-print">
            {portfolio.goals.map((goal) => (
              <GoalSection key={goal.id} portfolio={portfolio} goal={goal} period={period} onLevel={setLevel} onChanged={changed} onError={setError} />
            ))}
            <NewPeriodForm portfolio={portfolio} onChanged={(next, added) => { setChosenPeriod(added); changed(next, t('portfolio.periodAdded', { period: added })); }} onError={setError} />
            <SettingHistory<ShownPortfolio>
              id="portfolio-history"
              path="/api/portfolio/history"
              title={t('portfolio.history')}
              open={historyOpen}
              onToggle={setHistoryOpen}
              reloadKey={portfolio.version}
              currentVersion={portfolio.version}
              renderValue={(value) => <VersionSummary portfolio={value} />}
              testId="portfolio-history"
            />
          </div>
          {period && <SelfAssessmentReport portfolio={portfolio} period={period} />}
        </>
      )}
    </>
  );
}

/** One saved version of the portfolio in short: its periods and each goal's measures with their latest level. */
import { useTranslation } from 'react-i18next';
import { maturityRow } from '@ovi/domain/src/portfolio/portfolio';
import type { ShownPortfolio } from '../api/portfolio.resource';

export function VersionSummary({ portfolio }: { portfolio: ShownPortfolio }) {
  const { t } = useTranslation();
  return (
    <div>
      <p>{t('portfolio.versionPeriods', { periods: portfolio.periods.join(', ') || '–' })}</p>
      {portfolio.goals.map((goal) => (
        <details key={goal.id}>
          <summary>{t('portfolio.versionGoal', { goal: goal.name, count: goal.measures.length })}</summary>
          <ul>
            {goal.measures.map((m) => {
              const latest = maturityRow(m, portfolio.periods).latest;
              return <li key={m.id}>{`${m.name}: ${latest === undefined ? t('portfolio.notReported') : `${latest} ${t(`portfolio.level.${latest}`)}`}`}</li>;
            })}
          </ul>
        </details>
      ))}
    </div>
  );
}

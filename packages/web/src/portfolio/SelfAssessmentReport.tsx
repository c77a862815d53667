/**
 * The self-assessment of a reporting period against the period before it, per benefit goal:
 * where the goal's measures stand and which moved forward, fell back, stayed or were not
 * reported. Shown under the tables and alone when printed.
 */
import { useTranslation } from 'react-i18next';
import { selfAssessment } from '@ovi/domain/src/portfolio/portfolio';
import type { ShownPortfolio } from '../api/portfolio.resource';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function SelfAssessmentReport({ portfolio, period }: { portfolio: ShownPortfolio; period: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const report = selfAssessment(portfolio, period);
  if (!report) return null;
  const level = (n: number) => `${n} ${t(`portfolio.level.${n}`)}`;
  return (
    <section className="self-assessment" aria-labelledby="self-assessment-title" data-testid="self-assessment">
      <h2 id="self-assessment-title">{t('portfolio.report.title', { period })}</h2>
      <p className="report-print-only">{t('portfolio.title')}</p>
      <p>{report.previous ? t('portfolio.report.against', { previous: report.previous }) : t('portfolio.report.first')}</p>
      {report.goals.map((g) => {
        const name = portfolio.goals.find((goal) => goal.id === g.goal)?.name ?? g.goal;
        const s = g.standing;
        return (
          <section key={g.goal} aria-labelledby={`report-${g.goal}`} data-testid={`report-${g.goal}`}>
            <h3 id={`report-${g.goal}`}>{name}</h3>
            {s.measures === 0 ? (
              <p className="empty">{t('portfolio.noMeasures')}</p>
            ) : (
              <>
                <p>
                  {t('portfolio.standing', { count: s.measures, piloted: s.pilotedOrInUse, period })}{' '}
                  {s.meanLevel !== undefined && t('portfolio.meanLevel', { mean: formatNumber(s.meanLevel, lang) })}
                  {g.previousStanding?.meanLevel !== undefined && ` ${t('portfolio.report.meanBefore', { mean: formatNumber(g.previousStanding.meanLevel, lang) })}`}
                </p>
                <List title={t('portfolio.report.advanced')} testId="advanced" items={g.advanced.map((a) => `${a.measure.name}: ${a.from === undefined ? t('portfolio.report.firstReport', { level: level(a.to) }) : `${level(a.from)} → ${level(a.to)}`}`)} />
                <List title={t('portfolio.report.fellBack')} testId="fell-back" items={g.fellBack.map((a) => `${a.measure.name}: ${level(a.from)} → ${level(a.to)}`)} />
                <List title={t('portfolio.report.unchanged')} testId="unchanged" items={g.unchanged.map((a) => `${a.measure.name}: ${level(a.level)}`)} />
                <List title={t('portfolio.report.notReported')} testId="not-reported" items={g.notReported.map((m) => m.name)} />
              </>
            )}
          </section>
        );
      })}
    </section>
  );
}

function List({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul data-testid={testId}>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

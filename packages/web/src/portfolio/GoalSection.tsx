/** One benefit goal: where its measures stand in the chosen period, the maturity table and a form for a new measure. */
import { useTranslation } from 'react-i18next';
import { goalStanding, INDICATOR_THEME, maturityRow, MATURITY_LEVELS, type MaturityLevel } from '@ovi/domain/src/portfolio/portfolio';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { useSession } from '../auth/SessionContext';
import type { ShownPortfolio } from '../api/portfolio.resource';
import { TableWrap } from '../components/TableWrap';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { NewMeasureForm } from './NewMeasureForm';

type Goal = ShownPortfolio['goals'][number];

export function GoalSection({ portfolio, goal, period, onLevel, onChanged, onError }: {
  portfolio: ShownPortfolio;
  goal: Goal;
  period: string | undefined;
  onLevel: (measureId: string, name: string, level: MaturityLevel) => Promise<void>;
  onChanged: (next: ShownPortfolio, message: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const standing = period ? goalStanding(goal, period) : undefined;
  // The dashboard is the managers' screen: the indicators link there for them.
  const managers = useSession().user?.roles.includes('manager') ?? false;
  const headingId = `goal-${goal.id}`;
  return (
    <section className="portfolio-goal" aria-labelledby={headingId} data-testid={`goal-${goal.id}`}>
      <h2 id={headingId}>{goal.name}</h2>
      {standing && goal.measures.length > 0 && (
        <p data-testid={`standing-${goal.id}`}>
          {t('portfolio.standing', { count: standing.measures, piloted: standing.pilotedOrInUse, period })}{' '}
          {standing.meanLevel !== undefined && t('portfolio.meanLevel', { mean: formatNumber(standing.meanLevel, lang) })}
        </p>
      )}
      {goal.measures.length === 0 ? (
        <p className="empty">{t('portfolio.noMeasures')}</p>
      ) : (
        <TableWrap labelledBy={`${headingId}-caption`}>
          <table className="table portfolio-table" data-testid={`maturity-${goal.id}`}>
            <caption id={`${headingId}-caption`}>{t('portfolio.caption', { goal: goal.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portfolio.measure')}</th>
                {portfolio.periods.map((p) => (
                  <th key={p} scope="col" className="num">{p}</th>
                ))}
                <th scope="col">{t('portfolio.change')}</th>
                {period && <th scope="col">{t('portfolio.levelIn', { period })}</th>}
              </tr>
            </thead>
            <tbody>
              {goal.measures.map((measure) => {
                const row = maturityRow(measure, portfolio.periods);
                const current = measure.maturity.find((e) => e.period === period)?.level;
                const selectId = `level-${measure.id}`;
                return (
                  <tr key={measure.id} data-measure={measure.id}>
                    <th scope="row">
                      <span className="portfolio-measure-name">{measure.name}</span>
                      <span className="muted small portfolio-owner">
                        {measure.owner}
                        {measure.subProject ? ` · ${measure.subProject}` : ''}
                      </span>
                      {measure.indicators.length > 0 && (
                        <span className="small portfolio-indicators">
                          {t('portfolio.followedBy')}{' '}
                          {measure.indicators.map((i, n) => (
                            <span key={i}>
                              {n > 0 && ', '}
                              {managers ? <Link to={`${PATHS.dashboard}/${INDICATOR_THEME[i]}`}>{t(`portfolio.indicator.${i}`)}</Link> : t(`portfolio.indicator.${i}`)}
                            </span>
                          ))}
                        </span>
                      )}
                    </th>
                    {row.levels.map((level, i) => (
                      <td key={portfolio.periods[i]} className={`num level-cell level-${level ?? 'none'}`}>
                        {level === undefined ? <span aria-label={t('portfolio.notReported')}>–</span> : <abbr title={t(`portfolio.level.${level}`)}>{level}</abbr>}
                      </td>
                    ))}
                    <td data-testid="change">{changeText(row.change, t)}</td>
                    {period && (
                      <td>
                        {/* Named by aria-label: a visually hidden label is positioned outside the scrolling table and would widen the page. */}
                        <select
                          id={selectId}
                          aria-label={t('portfolio.levelOf', { measure: measure.name, period })}
                          className="input"
                          value={current ?? ''}
                          data-testid={`level-${measure.id}`}
                          onChange={(e) => void onLevel(measure.id, measure.name, Number(e.target.value) as MaturityLevel)}
                        >
                          {current === undefined && <option value="">{t('portfolio.notReported')}</option>}
                          {MATURITY_LEVELS.map((level) => (
                            <option key={level} value={level}>{`${level} – ${t(`portfolio.level.${level}`)}`}</option>
                          ))}
                        </select>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <NewMeasureForm portfolio={portfolio} goal={goal} period={period} onChanged={onChanged} onError={onError} />
    </section>
  );
}

function changeText(change: number | undefined, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (change === undefined) return t('portfolio.noChangeYet');
  if (change > 0) return t('portfolio.up', { count: change });
  if (change < 0) return t('portfolio.down', { count: -change });
  return t('portfolio.same');
}

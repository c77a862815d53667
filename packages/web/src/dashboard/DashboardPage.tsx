/**
 * The managers' dashboard (issue 13, decision 028): one page per theme — access, demand and
 * capacity, continuity, experience, equality — each indicator with its chart and the numbers
 * beside it, filters for period, unit, municipality and profession (kept in the address),
 * drill-down to a unit and a print view. Figures come from `/api/measures/{id}`: counts rounded
 * to 5, small groups and what would give them away hidden by the server.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DASHBOARD_THEMES, THEME_PANELS, type DashboardTheme } from '@ovi/domain/src/measures/dashboardThemes';
import { PageHeading } from '../components/PageHeading';
import { useRouter } from '../app/router';
import { PeriodPicker } from '../manager/PeriodPicker';
import { ContinuityTable } from '../manager/ContinuityTable';
import { ContactFigures } from '../manager/ContactFigures';
import { WaitingFigures } from '../manager/WaitingFigures';
import { SegmentCounts } from '../segmentation/SegmentCounts';
import { OutcomeFigures } from '../carePlan/OutcomeFigures';
import { IndicatorPanel } from './IndicatorPanel';
import { DemandCapacity } from './DemandCapacity';
import { T3Panel } from './T3Panel';
import { apiQueryOf, FILTER_NAMES, searchOfFilters, useDashboardFilters, type FilterName } from './dashboardFilters';
import type { IndicatorFigures } from './dashboard.resource';
import './dashboard.css';

export const DASHBOARD_PATH = '/dashboard';
export function themeOfPath(path: string): DashboardTheme {
  const theme = path.slice(DASHBOARD_PATH.length + 1);
  return (DASHBOARD_THEMES as readonly string[]).includes(theme) ? (theme as DashboardTheme) : 'access';
}

export function DashboardPage({ path }: { path: string }) {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  const theme = themeOfPath(path);
  const [filters, change] = useDashboardFilters();
  const query = apiQueryOf(filters);
  // The values met in the answers, for the filter lists (only what the data holds is offered).
  const [options, setOptions] = useState<Record<FilterName, Map<string, string>>>({ unit: new Map(), municipality: new Map(), profession: new Map() });
  // A municipality's and a profession's label (a unit's name comes with the figures).
  const labelOf = useCallback(
    (name: FilterName, value: string) =>
      name === 'municipality' ? t('dashboard.municipalityCode', { code: value }) : name === 'profession' ? t(`profession.${value}`, { defaultValue: value }) : value,
    [t],
  );
  const learn = useCallback(
    (f: IndicatorFigures) => {
      setOptions((old) => {
        const next = { unit: new Map(old.unit), municipality: new Map(old.municipality), profession: new Map(old.profession) };
        for (const s of f.strata.unit ?? []) if (s.value !== 'unknown') next.unit.set(s.value, f.unitNames[s.value] ?? s.value);
        for (const s of f.strata.municipality ?? []) if (s.value !== 'unknown') next.municipality.set(s.value, labelOf('municipality', s.value));
        for (const s of f.strata.profession ?? []) if (s.value !== 'unknown') next.profession.set(s.value, labelOf('profession', s.value));
        return next.unit.size === old.unit.size && next.municipality.size === old.municipality.size && next.profession.size === old.profession.size ? old : next;
      });
    },
    [labelOf],
  );
  const setFilter = (name: FilterName, value: string) => change({ ...filters, [name]: value || undefined });
  const continuitySearch = 'from' in filters.period ? `?from=${filters.period.from}&to=${filters.period.to}` : filters.period.preset ? `?period=${filters.period.preset}` : '';

  return (
    <>
      <PageHeading title={`${t('dashboard.title')} – ${t(`dashboard.theme.${theme}`)}`}>{t(`dashboard.theme.${theme}`)}</PageHeading>
      <p className="lead">{t('dashboard.intro')}</p>
      <nav className="dashboard-themes" aria-label={t('dashboard.themes')}>
        <ul>
          {DASHBOARD_THEMES.map((th) => (
            <li key={th}>
              <a
                href={`${DASHBOARD_PATH}/${th}${searchOfFilters(filters)}`}
                aria-current={th === theme ? 'page' : undefined}
                data-testid={`theme-${th}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`${DASHBOARD_PATH}/${th}${searchOfFilters(filters)}`);
                }}
              >
                {t(`dashboard.theme.${th}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <PeriodPicker key={JSON.stringify(filters.period)} choice={filters.period} onChoose={(period) => change({ ...filters, period })} />
      <form className="panel dashboard-filters" aria-label={t('dashboard.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="period-row">
          {FILTER_NAMES.map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`dashboard-${name}`}>{t(`dashboard.by.${name}`)}</label>
              <select id={`dashboard-${name}`} className="input" value={filters[name] ?? ''} onChange={(e) => setFilter(name, e.target.value)} data-testid={`filter-${name}`}>
                <option value="">{t('dashboard.all')}</option>
                {[...options[name]].map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
                {/* A chosen value the figures have not shown (none in the period, or all hidden), labelled all the same. */}
                {filters[name] && !options[name].has(filters[name] as string) && <option value={filters[name]}>{labelOf(name, filters[name] as string)}</option>}
              </select>
            </div>
          ))}
          <div className="field period-submit">
            <button type="button" className="button button-secondary no-print" onClick={() => window.print()} data-testid="dashboard-print">
              {t('dashboard.print')}
            </button>
          </div>
        </div>
      </form>
      {filters.unit && (
        <p className="dashboard-unit" data-testid="dashboard-unit">
          {t('dashboard.unitShown', { unit: options.unit.get(filters.unit) ?? filters.unit })}
          <button type="button" className="button button-secondary no-print" onClick={() => setFilter('unit', '')} data-testid="dashboard-all-units">
            {t('dashboard.allUnits')}
          </button>
        </p>
      )}
      {theme === 'demand' && <DemandCapacity query={query} />}
      {theme === 'access' && <T3Panel {...(filters.unit ? { unit: filters.unit } : {})} />}
      {theme === 'experience' && (
        <section className="panel">
          <h2>{t('dashboard.experienceTitle')}</h2>
          <p>{t('dashboard.experienceText')}</p>
          <p>
            <a href="/feedback-results" onClick={(e) => { e.preventDefault(); navigate('/feedback-results'); }} data-testid="dashboard-feedback-link">
              {t('dashboard.experienceLink')}
            </a>
          </p>
        </section>
      )}
      {THEME_PANELS[theme].map((p) => (
        <IndicatorPanel
          key={`${p.id}-${p.by}`}
          id={p.id}
          by={filters.unit && p.by === 'unit' ? 'profession' : p.by}
          query={query}
          onFigures={learn}
          {...(!filters.unit ? { onUnit: (unit: string) => change({ ...filters, unit }) } : {})}
        />
      ))}
      {/* The figures of the manager's older pages (Luvut, Hoitoon pääsy, segment counts, plan
          outcomes), folded into their themes; those pages' addresses lead here. They have no unit
          filter of their own: each says what it covers. */}
      {(filters.unit || filters.municipality || filters.profession) && (theme === 'access' || theme === 'demand' || theme === 'continuity') && (
        <p className="muted small" data-testid="dashboard-older-unfiltered">{t('dashboardMeasures.olderUnfiltered')}</p>
      )}
      {theme === 'access' && <WaitingFigures search={continuitySearch} />}
      {theme === 'demand' && <ContactFigures search={continuitySearch} />}
      {theme === 'demand' && <SegmentCounts embedded />}
      {theme === 'continuity' && <ContinuityTable search={continuitySearch} />}
      {theme === 'continuity' && <OutcomeFigures embedded />}
    </>
  );
}

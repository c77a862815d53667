/**
 * One indicator on the dashboard: its figure for the whole (with the target beside it), a
 * chart of its strata by one stratifier and the same numbers in a table, a drill-down from a
 * unit to that unit's own view, and the CSV. Hidden figures say "hidden", never 0.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stratifier } from '@ovi/domain/src/measures/indicatorCatalogue';
import type { PublishedStratum } from '@ovi/domain/src/measures/stratifiedFigures';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { formatNumber, formatPercent, formatPeriod } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { downloadCsv, fetchIndicator, type IndicatorFigures } from './dashboard.resource';
import { IndicatorChart } from './IndicatorChart';

export interface PanelProps {
  id: string;
  /** The API query of the dashboard's filters. */
  query: string;
  /** The stratifier the chart and table show. */
  by: Stratifier;
  /** Opens one unit's view (drill-down); absent when a unit is already chosen. */
  onUnit?: (unit: string) => void;
  /** Tells the page which strata values exist, for its filter lists. */
  onFigures?: (figures: IndicatorFigures) => void;
}

/** An indicator's title or definition: the continuity and feedback Measures' texts are in their own section. */
function indicatorText(i18n: { t: (key: string) => string; exists: (key: string) => boolean }, id: string, part: 'title' | 'what'): string {
  const own = `dashboardMeasures.indicator.${id}.${part}`;
  return i18n.exists(own) ? i18n.t(own) : i18n.t(`dashboard.indicator.${id}.${part}`);
}

export function IndicatorPanel({ id, query, by, onUnit, onFigures }: PanelProps) {
  const { t, i18n } = useTranslation();
  const lang = useLanguage();
  const [csvError, setCsvError] = useState(false);
  const figures = useAsync(async () => {
    const f = await fetchIndicator(id, query);
    onFigures?.(f);
    return f;
  }, [id, query]);
  const f = figures.data;
  const titleId = `indicator-${id}`;
  const title = indicatorText(i18n, id, 'title');
  if (!f) {
    return (
      <section className="panel indicator" aria-labelledby={titleId} data-testid={`indicator-${id}`}>
        <h2 id={titleId}>{title}</h2>
        {figures.loading && <Loading />}
        {figures.error !== undefined && <ErrorMessage error={figures.error} onRetry={figures.reload} />}
      </section>
    );
  }
  const definition = f.indicator;
  const proportion = definition.scoring === 'proportion';
  // The headline and the strata show the first group (a share's numerator, or the median); a
  // target may be about another group (the 90th percentile), compared on its own figure.
  const group = proportion ? (definition.target?.group ?? definition.groups[0]?.code ?? '') : (definition.groups[0]?.code ?? '');
  // A net score (NPS, −100…100) and a mean of per-client values (UPC, COCI, 0–1) are numbers, not shares or times.
  const kind = definition.groups.find((g) => g.code === group)?.net ? 'net' : group === 'mean' ? 'mean' : proportion ? 'share' : 'time';
  const hidden = t('common.hidden');
  const scoreText = (v: number | null | undefined) =>
    v === null || v === undefined
      ? hidden
      : kind === 'share'
        ? formatPercent(v, lang)
        : kind === 'net'
          ? t('dashboardMeasures.netScore', { value: `${v > 0 ? '+' : ''}${formatNumber(v, lang)}` })
          : kind === 'mean'
            ? formatNumber(v, lang)
            : t(definition.unit === 'h' ? 'dashboard.hours' : 'dashboard.days', { count: v, value: formatNumber(v, lang) });
  const countText = (v: number | null) => (v === null ? hidden : formatNumber(v, lang));
  const labelOf = (s: Stratifier, value: string) => {
    if (value === 'unknown') return t('dashboard.unknown');
    if (s === 'unit') return f.unitNames[value] ?? value;
    if (s === 'profession') return t(`profession.${value}`, { defaultValue: value });
    if (s === 'municipality') return t('dashboard.municipalityCode', { code: value });
    return t('dashboard.ageGroup', { group: value });
  };
  const strata: PublishedStratum[] = f.strata[by] ?? [];
  const total = f.total.scores[group] ?? null;
  const target = definition.target;
  const targetScore = target ? (f.total.scores[target.group] ?? null) : null;
  const met = target && targetScore !== null ? (target.comparator === '>=' ? targetScore >= target.value : targetScore <= target.value) : undefined;
  const quantileLabel = (code: string) => (code === 'mean' ? t('dashboardMeasures.mean') : t(`dashboard.quantile.${code === 'median' ? 'median' : 'p90'}`));
  const scale = (v: number) => (kind === 'share' ? Math.round(v * 1000) / 10 : v);
  const bars = strata.flatMap((s) => (!s.hidden && s.scores[group] !== null && s.scores[group] !== undefined ? [{ label: labelOf(by, s.value), value: scale(s.scores[group] as number) }] : []));
  const period = formatPeriod(f.period, lang);
  // A group's name: a channel, or a client segment (segment-mix).
  const groupLabel = definition.groups.length > 1 && kind !== 'net' ? (i18n.exists(`segmentation.segment.${group}`) ? i18n.t(`segmentation.segment.${group}`) : t(`channel.${group}`, { defaultValue: group })) : '';
  // Continuity: everyone met one professional, so the figure is 1 by construction; shown with the mark (decision 021).
  const oneShown = definition.markOneProfessional === true;

  return (
    <section className="panel indicator" aria-labelledby={titleId} data-testid={`indicator-${id}`}>
      <h2 id={titleId}>{title}</h2>
      <p className="muted small">{indicatorText(i18n, id, 'what')}</p>
      <p className="indicator-headline">
        <span className="indicator-value" data-testid={`indicator-${id}-total`}>
          {scoreText(total)}
        </span>{' '}
        <span className="muted">
          {!proportion && `${quantileLabel(group)} · `}
          {kind === 'net' && `${t('dashboardMeasures.nps')} · `}
          {groupLabel && `${groupLabel} · `}
          {t('dashboard.ofCount', { count: f.total.population ?? 0, value: countText(f.total.population) })} · {period}
        </span>
      </p>
      {f.previous && (
        <p className="muted small" data-testid={`indicator-${id}-previous`}>
          {t('dashboard.previous', { period: formatPeriod(f.previous.period, lang), value: scoreText(f.previous.total.hidden ? null : f.previous.total.scores[group]) })}
        </p>
      )}
      {target && (
        <p className={`indicator-target ${met === false ? 'target-missed' : ''}`} data-testid={`indicator-${id}-target`} data-met={met === undefined ? 'unknown' : String(met)}>
          {!proportion && `${quantileLabel(target.group)}: ${scoreText(targetScore)}. `}
          {t(target.comparator === '>=' ? 'dashboard.targetAtLeast' : 'dashboard.targetAtMost', { value: scoreText(target.value) })}{' '}
          <strong>{met === undefined ? t('dashboard.targetUnknown') : met ? t('dashboard.targetMet') : t('dashboard.targetMissed')}</strong>
        </p>
      )}
      {f.total.oneProfessional && <p className="notice notice-info">{t(oneShown ? 'dashboardMeasures.oneProfessional' : 'dashboard.oneProfessional')}</p>}
      <IndicatorChart bars={bars} target={target && target.group === group ? scale(target.value) : undefined} percent={kind === 'share'} label={t('dashboard.chartLabel', { title, by: t(`dashboard.by.${by}`), period })} testId={`chart-${id}`} />
      <TableWrap labelledBy={`${titleId}-table`}>
        <table className="table table-compact" data-testid={`table-${id}`}>
          <caption id={`${titleId}-table`}>{t('dashboard.tableCaption', { by: t(`dashboard.by.${by}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`dashboard.by.${by}`)}</th>
              <th scope="col" className="num">{t('dashboard.count')}</th>
              <th scope="col" className="num">{t('dashboard.score')}</th>
              {by === 'unit' && onUnit && <th scope="col"><span className="visually-hidden">{t('dashboard.drill')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {strata.map((s) => (
              <tr key={s.value} data-hidden={s.hidden ? 'true' : undefined}>
                <th scope="row">{labelOf(by, s.value)}</th>
                <td className="num">{countText(s.population)}</td>
                <td className="num">
                  {s.oneProfessional && !oneShown ? t('dashboard.oneProfessionalShort') : scoreText(s.scores[group])}
                  {s.oneProfessional && oneShown && <span className="one-professional"> {t('dashboardMeasures.oneProfessionalShort')}</span>}
                </td>
                {by === 'unit' && onUnit && (
                  <td>
                    {s.value !== 'unknown' && (
                      <button type="button" className="button button-secondary dashboard-drill no-print" onClick={() => onUnit(s.value)} data-testid={`drill-${s.value}`}>
                        {t('dashboard.drillTo', { unit: labelOf('unit', s.value) })}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {strata.length === 0 && (
              <tr>
                <td colSpan={3}>{t('dashboard.noData')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </TableWrap>
      <p className="no-print">
        <button
          type="button"
          className="button button-secondary"
          data-testid={`csv-${id}`}
          onClick={() => {
            setCsvError(false);
            downloadCsv(id, `${query}&stratifier=${by}`).catch(() => setCsvError(true));
          }}
        >
          {t('dashboard.csv')}
        </button>
        {csvError && <span className="field-error" role="alert"> {t('dashboard.csvFailed')}</span>}
      </p>
    </section>
  );
}

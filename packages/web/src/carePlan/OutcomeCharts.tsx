/**
 * Goal attainment over the evaluations and the change in situational factors, drawn with
 * Observable Plot (imported only when shown, so no other screen carries it), each with a table
 * of the same numbers beside it for those who do not see the chart.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvainItem, ItemChange } from '@ovi/domain';
import { useLanguage } from '../i18n/useLanguage';
import { formatDate } from '../i18n/format';
import type { PlanOutcome } from './carePlan.resource';
import { TableWrap } from '../components/TableWrap';

type Mark = { kind: 'goal'; points: Array<{ at: Date; score: number; item: string }> } | { kind: 'factor'; bars: Array<{ item: string; when: string; score: number }> };

function Chart({ mark, label }: { mark: Mark; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import('@observablehq/plot').then((Plot) => {
      const node = box.current;
      if (cancelled || !node) return;
      const width = Math.max(280, node.clientWidth);
      const chart = mark.kind === 'goal'
        ? Plot.plot({ width, height: 220, marginLeft: 36, style: { fontSize: '13px', background: 'transparent' }, x: { type: 'time', label: null }, y: { label: null, grid: true }, color: { legend: true },
            marks: [Plot.line(mark.points, { x: 'at', y: 'score', stroke: 'item', strokeWidth: 2 }), Plot.dot(mark.points, { x: 'at', y: 'score', fill: 'item', r: 4 })] })
        : Plot.plot({ width, height: 60 + 28 * new Set(mark.bars.map((b) => b.item)).size, marginLeft: 150, style: { fontSize: '13px', background: 'transparent' }, x: { label: null, grid: true }, y: { label: null }, fy: { label: null }, color: { legend: true },
            marks: [Plot.barX(mark.bars, { x: 'score', y: 'when', fy: 'item', fill: 'when' }), Plot.ruleX([0])] });
      // One image with one name; the table beside it carries the numbers.
      chart.querySelectorAll('[aria-label], [aria-description]').forEach((e) => { e.removeAttribute('aria-label'); e.removeAttribute('aria-description'); });
      chart.setAttribute('role', 'img');
      chart.setAttribute('aria-label', label);
      node.replaceChildren(chart);
    });
    return () => { cancelled = true; };
  }, [mark, label]);
  return <div ref={box} className="plan-chart" data-testid={`plan-chart-${mark.kind}`} />;
}

export function OutcomeCharts({ outcome, goalText }: { outcome: PlanOutcome; goalText: (goal: string) => string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (outcome.recordings.length === 0) return <p data-testid="plan-no-outcome">{t('carePlan.outcome.none')}</p>;
  const itemName = (items: AvainItem[], code: string) => items.find((i) => i.code === code)?.display[lang] ?? code;
  const scaleLabel = (part: 'goal' | 'factor', score: number) => outcome.settings.scales[part].labels[String(score)]?.[lang] ?? String(score);
  const goals = outcome.change.goal;
  const factors = outcome.change.factor;
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  return (
    <div className="plan-outcome" data-testid="plan-outcome">
      <h3>{t('carePlan.outcome.goalsTitle')}</h3>
      <Chart mark={{ kind: 'goal', points: goals.flatMap((g) => g.points.map((p) => ({ at: new Date(p.at), score: p.score, item: goalText(g.code) }))) }} label={t('carePlan.outcome.goalsChart')} />
      <ChangeTable rows={goals} name={goalText} label={(s) => scaleLabel('goal', s)} signed={signed} testId="plan-goal-table" caption={t('carePlan.outcome.goalsTitle')} />
      {factors.length > 0 && (
        <>
          <h3>{t('carePlan.outcome.factorsTitle')}</h3>
          <Chart
            mark={{ kind: 'factor', bars: factors.flatMap((f) => [{ item: itemName(outcome.settings.factors, f.code), when: t('carePlan.outcome.first'), score: f.first }, { item: itemName(outcome.settings.factors, f.code), when: t('carePlan.outcome.latest'), score: f.latest }]) }}
            label={t('carePlan.outcome.factorsChart')}
          />
          <ChangeTable rows={factors} name={(c) => itemName(outcome.settings.factors, c)} label={(s) => scaleLabel('factor', s)} signed={signed} testId="plan-factor-table" caption={t('carePlan.outcome.factorsTitle')} />
        </>
      )}
      <p className="muted">{t('carePlan.outcome.recordings', { count: outcome.recordings.length, date: formatDate(outcome.recordings.at(-1)?.at.slice(0, 10), lang) })}</p>
    </div>
  );
}

function ChangeTable({ rows, name, label, signed, testId, caption }: { rows: ItemChange[]; name: (code: string) => string; label: (score: number) => string; signed: (n: number) => string; testId: string; caption: string }) {
  const { t } = useTranslation();
  return (
    <TableWrap labelledBy={`${testId}-caption`}>
      <table data-testid={testId}>
        <caption id={`${testId}-caption`}>{caption}</caption>
        <thead><tr><th scope="col">{t('carePlan.outcome.item')}</th><th scope="col">{t('carePlan.outcome.first')}</th><th scope="col">{t('carePlan.outcome.latest')}</th><th scope="col">{t('carePlan.outcome.change')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}><th scope="row">{name(r.code)}</th><td>{label(r.first)}</td><td>{label(r.latest)}</td><td>{signed(r.sinceFirst)}</td></tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

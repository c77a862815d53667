/**
 * One indicator's strata as horizontal bars, with the target as a rule, drawn with Observable
 * Plot. Plot is imported only when a chart is shown (its own chunk), so no other screen carries
 * it. The chart is one image for sighted readers; the same numbers are in the table beside it.
 * Hidden strata are not drawn (a bar of 0 would be a false figure).
 */
import { useEffect, useRef } from 'react';

export interface ChartBar {
  label: string;
  value: number;
}

export function IndicatorChart({ bars, target, percent, label, testId }: { bars: ChartBar[]; target?: number; percent: boolean; label: string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import('@observablehq/plot').then((Plot) => {
      const node = box.current;
      if (cancelled || !node) return;
      if (bars.length === 0) {
        node.replaceChildren();
        return;
      }
      const chart = Plot.plot({
        width: Math.max(280, node.clientWidth),
        height: 40 + bars.length * 34,
        marginLeft: Math.min(180, 12 + Math.max(...bars.map((b) => b.label.length)) * 7),
        style: { fontSize: '13px', background: 'transparent' },
        // Shares come as per cent (0–100), so the axis reads as the table does.
        x: { label: null, grid: true, ...(percent ? { domain: [0, 100] } : { nice: true }) },
        y: { label: null, domain: bars.map((b) => b.label) },
        marks: [
          Plot.barX(bars, { x: 'value', y: 'label', fill: '#1f5f99' }),
          ...(target !== undefined ? [Plot.ruleX([target], { stroke: '#b3261e', strokeWidth: 2, strokeDasharray: '4 3' })] : []),
          Plot.ruleX([0]),
        ],
      });
      // One image with one name: Plot's own labels on its parts would be names of nothing.
      chart.querySelectorAll('[aria-label], [aria-description]').forEach((e) => {
        e.removeAttribute('aria-label');
        e.removeAttribute('aria-description');
      });
      chart.setAttribute('role', 'img');
      chart.setAttribute('aria-label', label);
      node.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
    };
  }, [bars, target, percent, label]);
  return <div ref={box} className="indicator-chart" data-testid={testId} />;
}

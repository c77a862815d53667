/**
 * A trend of one quantity with the target band, drawn with Observable Plot. Plot is imported
 * only when a chart is shown, so no other screen carries it. The chart is an image for sighted
 * readers; the same numbers are in the table beside it.
 */
import { useEffect, useRef } from 'react';
import type { Quantity, Target } from '@ovi/domain';
import type { SummaryMeasurement } from './selfMonitoring.resource';

export function TrendChart({ measurements, quantities, targets, label }: { measurements: SummaryMeasurement[]; quantities: Quantity[]; targets: Target[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import('@observablehq/plot').then((Plot) => {
      const node = box.current;
      if (cancelled || !node) return;
      const points = quantities.flatMap((q) => measurements.filter((m) => m.values[q] !== undefined).map((m) => ({ at: new Date(m.at), value: m.values[q] as number, quantity: q })));
      const bands = targets.filter((t) => quantities.includes(t.quantity) && (t.low !== undefined || t.high !== undefined));
      const times = points.map((p) => p.at.getTime());
      const x1 = new Date(Math.min(...times));
      const x2 = new Date(Math.max(...times));
      const chart = Plot.plot({
        width: Math.max(280, node.clientWidth),
        height: 220,
        marginLeft: 44,
        style: { fontSize: '13px', background: 'transparent' },
        x: { type: 'time', label: null },
        y: { label: null, grid: true },
        color: { legend: quantities.length > 1, domain: quantities },
        marks: [
          ...bands.map((t) => Plot.rectY([{ x1, x2, y1: t.low ?? 0, y2: t.high ?? (t.low ?? 0) * 2 }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: '#2e7d32', fillOpacity: 0.12 })),
          Plot.line(points, { x: 'at', y: 'value', stroke: 'quantity', strokeWidth: 2 }),
          Plot.dot(points, { x: 'at', y: 'value', fill: 'quantity', r: 3.5 }),
        ],
      });
      // One image with one name: Plot's own labels on its parts would be names of nothing.
      chart.querySelectorAll('[aria-label], [aria-description]').forEach((e) => { e.removeAttribute('aria-label'); e.removeAttribute('aria-description'); });
      chart.setAttribute('role', 'img');
      chart.setAttribute('aria-label', label);
      node.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
    };
  }, [measurements, quantities, targets, label]);
  return <div ref={box} className="trend-chart" data-testid="trend-chart" />;
}

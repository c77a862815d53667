/**
 * The segment mix as a Measure (issue 13, decisions 030 and 034): of the clients who have been
 * segmented, how many are in each of the four segments, as the stock at the period's end. Counts
 * only; the segment names are configuration (segmentation/settings.ts), the codes are fixed.
 */
import { SEGMENTS } from '../segmentation/segments';
import type { IndicatorDefinition } from './indicatorCatalogue';

export const SEGMENT_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'segment-mix', theme: 'demand', scoring: 'proportion', counts: 'client', partition: true, stratifiers: ['unit', 'municipality', 'age-group'], improvement: 'increase',
    title: 'Clients by segment',
    description: "Clients with a segment (a final client-segment Observation made before the period's end), each in the segment of their latest one, and the share of each segment. Unit: the client's own station; municipality the client's; age on the period's last day.",
    groups: SEGMENTS.map((s) => ({ code: s, description: `Latest segment ${s}` })),
  },
];

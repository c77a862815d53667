/**
 * The shape of `GET /api/self-monitoring/summary`: the server builds it, the web app reads it.
 * Declared once here so the two cannot drift apart.
 */
import type { Measurement, MeasurementKind, Quantity } from './measures';
import type { Average } from './statistics';
import type { MonitoringPlan } from './targets';

export interface SummaryMeasurement extends Measurement {
  id: string;
  interpretation?: string;
}

export interface KindSummary {
  kind: MeasurementKind;
  /** Newest first. */
  measurements: SummaryMeasurement[];
  plan?: MonitoringPlan & { goal: string };
  averages: Partial<Record<Quantity, { weekly: Average[]; timeOfDay: Average[]; context: Average[] }>>;
}

export interface MonitoringSummary {
  patient: string;
  from: string;
  kinds: KindSummary[];
}

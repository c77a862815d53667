import type { MeasurementKind } from './measures';
import type { SelfMonitoringSettings, Severity, WorkUrgency } from './settings';

/** The client's open self-monitoring work item as it stands. */
export interface OpenWorkItem {
  urgency: WorkUrgency;
  /** ISO instant. */
  deadline: string;
  /** Observation references already on it. */
  observations: string[];
  reasons: Severity[];
}

/** What to write: a new work item, or the open one with the new findings added. */
export interface WorkItemChange {
  action: 'create' | 'update';
  urgency: WorkUrgency;
  deadline: string;
  observations: string[];
  reasons: Severity[];
}

const URGENCY_RANK: Record<WorkUrgency, number> = { urgent: 1, 'non-urgent': 2 };

/**
 * The one open work item of a client's home measurements: new findings join the open item
 * (never a second one), its urgency only rises and its deadline only comes nearer; with no
 * open item, a new one with the deadline of the most serious finding. Observations already
 * on it are not added twice.
 */
export function planWorkItem(open: OpenWorkItem | undefined, findings: Array<{ severity: Severity; observation?: string }>, now: Date, settings: SelfMonitoringSettings): WorkItemChange | undefined {
  if (findings.length === 0) return undefined;
  let urgency: WorkUrgency = open?.urgency ?? 'non-urgent';
  let deadline = open ? Date.parse(open.deadline) : Number.POSITIVE_INFINITY;
  for (const f of findings) {
    const rule = settings.deadlines[f.severity];
    if (URGENCY_RANK[rule.urgency] < URGENCY_RANK[urgency]) urgency = rule.urgency;
    deadline = Math.min(deadline, now.getTime() + rule.hours * 3_600_000);
  }
  if (Number.isNaN(deadline)) deadline = now.getTime() + Math.min(...findings.map((f) => settings.deadlines[f.severity].hours)) * 3_600_000;
  const observations = [...new Set([...(open?.observations ?? []), ...findings.flatMap((f) => (f.observation ? [f.observation] : []))])];
  const reasons = [...new Set([...(open?.reasons ?? []), ...findings.map((f) => f.severity)])];
  return { action: open ? 'update' : 'create', urgency, deadline: new Date(deadline).toISOString(), observations, reasons };
}

/**
 * The kinds of measurement overdue on `now`: a plan expecting one every N days whose latest
 * measurement (or, before any, the plan's start) is more than N days ago.
 */
export function overdueKinds(plans: Array<{ kind: MeasurementKind; everyDays?: number; start: string }>, latest: Partial<Record<MeasurementKind, string>>, now: Date): MeasurementKind[] {
  return plans.flatMap((p) => {
    if (!p.everyDays) return [];
    const since = Math.max(Date.parse(latest[p.kind] ?? '') || 0, Date.parse(p.start) || 0);
    return now.getTime() - since > p.everyDays * 86_400_000 ? [p.kind] : [];
  });
}

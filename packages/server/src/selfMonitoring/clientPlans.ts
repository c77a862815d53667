import type { Goal } from '@medplum/fhirtypes';
import { readPlan, type MeasurementKind, type MonitoringPlan, type Target } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { activeMonitoringGoals } from '../storage/selfMonitoringReads';

/** The client's active plans (one per kind, the newest kept) with the Goal each came from. */
export async function clientPlans(db: SqlExecutor, patient: string): Promise<Array<MonitoringPlan & { goal: string }>> {
  return plansOfGoals(await activeMonitoringGoals(db, patient));
}

/** The plans of these active Goals (oldest start first): one per kind, the newest kept. */
export function plansOfGoals(goals: Array<Goal & { id: string }>): Array<MonitoringPlan & { goal: string }> {
  const plans = new Map<MeasurementKind, MonitoringPlan & { goal: string }>();
  for (const goal of goals) {
    const { plan } = readPlan(goal);
    if (plan) plans.set(plan.kind, { ...plan, goal: `Goal/${goal.id}` });
  }
  return [...plans.values()];
}

export const targetsOf = (plans: MonitoringPlan[], kind: MeasurementKind): Target[] => plans.find((p) => p.kind === kind)?.targets ?? [];

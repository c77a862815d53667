import { kindOfCode, overdueKinds, type MeasurementKind } from '@ovi/domain';
import type { Database } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import type { SettingsStore } from '../settings/settingsStore';
import { claimMissingSweep, clientsToCheckForMissing } from '../storage/selfMonitoringReads';
import { monitoringSettings } from './monitoringSettings';
import { plansOfGoals } from './clientPlans';
import { raiseMonitoringWork } from './workItems';

/** How often missing measurements are looked for at most, whichever process looks. */
export const MISSING_SWEEP_MINUTES = 5;

/**
 * Finds clients whose expected home measurements are overdue and adds "missing" to their one
 * work item. Whoever calls first after the interval does it (the work queue's read, the
 * periodic job of any process): the database row of migration 018 decides, so several
 * processes never look at once and none needs a timer of its own. A kind raised as missing is
 * raised again only after another full period without a measurement.
 */
export async function lookForMissingMeasurements(db: Database, store: ResourceStore, settingsStore: SettingsStore, now: Date, options: { force?: boolean } = {}): Promise<number> {
  if (!options.force && !(await claimMissingSweep(db, now, MISSING_SWEEP_MINUTES))) return 0;
  const settings = await monitoringSettings(settingsStore);
  let raised = 0;
  // One statement reads every client of the region; only the clients with something overdue are written.
  for (const { patient, goals, latest, alerts } of await clientsToCheckForMissing(db)) {
    const plans = plansOfGoals(goals);
    const since: Partial<Record<MeasurementKind, string>> = {};
    const later = (a: string | undefined, b: string | undefined) => (Date.parse(a ?? '') || 0) >= (Date.parse(b ?? '') || 0) ? a : b;
    for (const [code, at] of Object.entries(latest)) {
      const kind = kindOfCode(code);
      if (kind) since[kind] = later(since[kind], at);
    }
    for (const [kind, at] of Object.entries(alerts)) since[kind as MeasurementKind] = later(since[kind as MeasurementKind], at);
    const overdue = overdueKinds(plans, since, now);
    if (overdue.length === 0) continue;
    const team = plans.find((p) => p.kind === overdue[0])?.team;
    await db.transaction((tx) => raiseMonitoringWork(tx, store, { patient, ...(team ? { team } : {}), findings: overdue.map((kind) => ({ severity: 'missing' as const, missing: kind })), now, settings }));
    raised += 1;
  }
  return raised;
}

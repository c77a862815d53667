import type { CareTeam, Goal, Resource } from '@medplum/fhirtypes';
import { readPlan, toHelsinkiDate } from '@ovi/domain';
import type { CreateHook, RequestContext } from '../fhir/fhirService';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import { isStaff } from '../auth/userContext';
import { badRequest, forbidden, invalidResource } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { now as clockNow } from '../time/clock';
import { activeMonitoringGoals } from '../storage/selfMonitoringReads';

/**
 * A professional sets a client's home-measurement targets as a Goal: the targets, the
 * frequency and the team are checked; who set it and from when are recorded; an earlier
 * active Goal of the same kind is cancelled in the same transaction (one target per kind).
 */
export class GoalIntake implements CreateHook {
  constructor(private readonly store: ResourceStore) {}

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; prepared: { kind: string; patient: string } }> {
    if (!isStaff(ctx.user)) throw forbidden('Targets are set by the client’s professionals');
    const goal = resource as Goal;
    const patient = localReference(goal.subject?.reference, ['Patient'], 'Goal.subject').reference;
    if (goal.lifecycleStatus !== 'active') throw badRequest("A new target is stored with lifecycleStatus 'active'", ['Goal.lifecycleStatus']);
    const { plan, problems } = readPlan(goal);
    if (!plan) throw invalidResource(problems.map((p) => ({ severity: 'error', code: 'invalid', details: { text: p }, diagnostics: p, expression: [p.split(':')[0] ?? 'Goal'] })));
    const team = await this.store.readOptional<CareTeam>('CareTeam', plan.team.slice('CareTeam/'.length));
    if (!team || team.status !== 'active' || team.subject) throw badRequest(`${plan.team} is not an active work team`, ['Goal.extension']);
    const today = toHelsinkiDate(clockNow());
    const startDate = goal.startDate ?? today;
    if (startDate > today) throw badRequest('Goal.startDate cannot be in the future: a target holds from when it is set', ['Goal.startDate']);
    return { resource: { ...goal, subject: { reference: patient }, startDate, expressedBy: { reference: ctx.user.fhirUser } }, prepared: { kind: plan.kind, patient } };
  }

  async afterCreate(_ctx: RequestContext, stored: Stored, tx: SqlExecutor, prepared: unknown): Promise<Record<string, string>> {
    const { kind, patient } = prepared as { kind: string; patient: string };
    for (const earlier of await activeMonitoringGoals(tx, patient)) {
      if (earlier.id === stored.id || readPlan(earlier).plan?.kind !== kind) continue;
      await this.store.update<Goal>('Goal', earlier.id, { ...earlier, lifecycleStatus: 'cancelled', statusReason: `Replaced by Goal/${stored.id}` }, { tx });
    }
    return {};
  }
}

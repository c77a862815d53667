import type { Extension, Reference, Task } from '@medplum/fhirtypes';
import { TASK_CODES } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { badRequest, conflict, FhirError, forbidden, markAudited } from '../fhir/outcomes';
import { OperationParameters } from '../fhir/parameters';
import { hasRole, isStaff } from '../auth/userContext';
import { OPEN_WORK_STATUSES, ownerReferences } from '../access/relationships';
import { now as clockNow } from '../time/clock';

/** Routed work's claim: its owner is the team or service it was routed to, which decides who sees it. */
export const CLAIMED_BY = 'https://fhir.ovi.fi/StructureDefinition/claimed-by';
/** When the claim was made, on the claim's reference. */
export const CLAIMED_AT = 'https://fhir.ovi.fi/StructureDefinition/claimed-at';

export interface Claim {
  reference: string;
  display?: string;
  at?: string;
}

export type ClaimAction = 'claim' | 'release';

const isGuidanceTask = (task: Task) => task.code?.coding?.some((c) => c.code === TASK_CODES.clientGuidance) === true;
const isRoutedWork = (task: Task) => task.code?.coding?.some((c) => c.code === TASK_CODES.routedWork) === true;

/**
 * Who has the contact open: a client-guidance Task's `owner` (such a Task has no other owner:
 * the whole guidance queue sees it), or routed work's `claimed-by` extension (its `owner` stays
 * the team or service it was routed to, so the team keeps seeing it and its client).
 * The same rule as the SQL function `ovi_task_claimant` (migration 008).
 */
export function claimOf(task: Task): Claim | undefined {
  const ref = isGuidanceTask(task) ? task.owner : task.extension?.find((e) => e.url === CLAIMED_BY)?.valueReference;
  if (!ref?.reference) return undefined;
  const at = ref.extension?.find((e) => e.url === CLAIMED_AT)?.valueDateTime;
  return { reference: ref.reference, ...(ref.display ? { display: ref.display } : {}), ...(at ? { at } : {}) };
}

function withClaim(task: Task, claim: Reference | undefined): Task {
  if (isGuidanceTask(task)) {
    const { owner: _owner, ...rest } = task;
    return claim ? { ...rest, owner: claim as Task['owner'] } : rest;
  }
  const others = (task.extension ?? []).filter((e) => e.url !== CLAIMED_BY);
  const extension: Extension[] = claim ? [...others, { url: CLAIMED_BY, valueReference: claim }] : others;
  const { extension: _extension, ...rest } = task;
  return extension.length > 0 ? { ...rest, extension } : rest;
}

const describe = (claim: Claim) => `${claim.display ?? claim.reference}${claim.display ? ` (${claim.reference})` : ''}${claim.at ? ` since ${claim.at}` : ''}`;

/**
 * `Task/{id}/$claim` and `$release`: a professional takes an open contact from their queue
 * ("Hanna has this open") or gives it back. Access is decided as for `$resolve`, and only work
 * in one's own queue can be claimed (guidance staff: the client-guidance queue; professionals:
 * work routed to them, their team or their service), never on a recorded reason: a claim must
 * not make a relationship of its own. The claim is taken in one transaction on the locked Task
 * row, so of two professionals claiming at once exactly one wins; the other gets 409 naming who
 * has it. Claiming one's own claim again, or releasing an unclaimed contact, changes nothing.
 * Every claim, release and refusal is audited. A claim is a signal to colleagues, not a lock:
 * assessing and resolving stay open to everyone with access.
 */
export class ClaimContact {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
  ) {}

  async run(ctx: RequestContext, taskId: string, body: unknown, action: ClaimAction): Promise<Stored<Task>> {
    if (!isStaff(ctx.user)) throw forbidden('Only client-guidance and team professionals claim contacts');
    if (body !== undefined && body !== null && body !== '') OperationParameters.parse(body, []);
    const current = await this.fhir.store.read<Task>('Task', taskId);
    if (!isGuidanceTask(current) && !isRoutedWork(current)) throw badRequest(`Task/${taskId} is not a contact to claim`);
    const what = [`Task/${taskId}`];
    const grant = await this.fhir.authorize(ctx, current, 'operation', what, false);
    const refuse = async (error: FhirError) => {
      await this.fhir.audit.record({ user: ctx.user, interaction: 'operation', what, patients: grant.patients, success: false, reason: ctx.reason, address: ctx.address, description: `$${action}: ${error.message}` });
      throw markAudited(error);
    };
    if (grant.byRecordedReason || !(await this.inOwnQueue(ctx, current))) {
      await refuse(forbidden(`Task/${taskId} is not in your work queue: you may claim only contacts of your own queue (the client-guidance queue, or work routed to you, your team or your service)`));
    }
    const me: Claim = { reference: ctx.user.fhirUser, display: ctx.user.name };
    let changed = false;
    try {
      const task = await this.db.transaction(async (tx) => {
        const updated = await this.fhir.store.update<Task>(
          'Task',
          taskId,
          (task) => {
            if (!(OPEN_WORK_STATUSES as readonly string[]).includes(task.status)) throw conflict(`Task/${taskId} is no longer open (${task.status})`);
            const held = claimOf(task);
            if (held && held.reference !== me.reference) {
              throw conflict(
                action === 'claim'
                  ? `${describe(held)} has this contact open: it was claimed first`
                  : `${describe(held)} has this contact open: only they can release it`,
              );
            }
            if ((action === 'claim' && held) || (action === 'release' && !held)) return task;
            changed = true;
            const at = clockNow().toISOString();
            const claim = action === 'claim' ? { reference: me.reference, display: me.display, extension: [{ url: CLAIMED_AT, valueDateTime: at }] } : undefined;
            return { ...withClaim(task, claim), lastModified: at };
          },
          { tx },
        );
        if (!changed) throw new Unchanged();
        await this.fhir.audit.record(
          { user: ctx.user, interaction: 'operation', what, patients: grant.patients, success: true, reason: ctx.reason, address: ctx.address, description: `$${action}` },
          tx,
        );
        return updated;
      });
      return task;
    } catch (error) {
      // Nothing to change: the transaction (and its new version) is rolled back, the Task stays as it was.
      if (error instanceof Unchanged) {
        await this.fhir.audit.record({ user: ctx.user, interaction: 'operation', what, patients: grant.patients, success: true, reason: ctx.reason, address: ctx.address, description: `$${action} (unchanged)` });
        return this.fhir.store.read<Task>('Task', taskId);
      }
      if (error instanceof FhirError && error.status === 409) await refuse(error);
      throw error;
    }
  }

  /** The contact is in the user's own queue: guidance staff and the guidance queue, or work owned by them, their team or their service. */
  private async inOwnQueue(ctx: RequestContext, task: Task): Promise<boolean> {
    if (isGuidanceTask(task)) return hasRole(ctx.user, 'guidance');
    const owner = task.owner?.reference;
    return owner !== undefined && (await ownerReferences(this.db, ctx.user)).includes(owner);
  }
}

class Unchanged extends Error {}

import type { Communication } from '@medplum/fhirtypes';
import { MESSAGE_READ_BY_EXTENSION, isUnreadBy } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { hasRole, isStaff } from '../auth/userContext';
import { forbidden } from '../fhir/outcomes';
import { ownerReferences } from '../access/relationships';
import { now as clockNow } from '../time/clock';
import { queueOwnerOf } from './messageRecipients';

/**
 * `Communication/{id}/$read`: the recipient has opened the message. The first opening is
 * recorded (`received`, and who in the `message-read-by` extension); a list of messages shown
 * is not an opening, and the sender opening their own message changes nothing. A message to a
 * team or service counts as read once any of its people has opened it.
 */
export class MarkRead {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
  ) {}

  async run(ctx: RequestContext, id: string): Promise<Stored<Communication>> {
    if (!hasRole(ctx.user, 'resident') && !isStaff(ctx.user)) throw forbidden('Your role does not give access to client data');
    const message = await this.fhir.store.read<Communication>('Communication', id);
    const grant = await this.fhir.authorize(ctx, message, 'read', [`Communication/${id}`]);
    const side = hasRole(ctx.user, 'resident') ? 'client' : 'staff';
    if (!isUnreadBy(message, side) || !(await this.isRecipient(ctx, message))) return message;
    return this.db.transaction(async (tx) => {
      const at = clockNow().toISOString();
      const stored = await this.fhir.store.update<Communication>(
        'Communication',
        id,
        (current) =>
          current.received
            ? current
            : {
                ...current,
                received: at,
                extension: [...(current.extension ?? []).filter((e) => e.url !== MESSAGE_READ_BY_EXTENSION), { url: MESSAGE_READ_BY_EXTENSION, valueReference: { reference: ctx.user.fhirUser, display: ctx.user.name } }],
              },
        { tx },
      );
      await this.fhir.audit.record({ user: ctx.user, interaction: 'update', what: [`Communication/${id}`], patients: grant.patients, success: true, reason: ctx.reason, byRecordedReason: grant.byRecordedReason, description: '$read' }, tx);
      return stored;
    });
  }

  /** A resident who may read it is on the client's side; a professional must be its recipient (themself, their team, their service). */
  private async isRecipient(ctx: RequestContext, message: Communication): Promise<boolean> {
    if (hasRole(ctx.user, 'resident')) return true;
    const to = message.recipient?.[0]?.reference;
    if (!to) return false;
    const owner = await queueOwnerOf(this.fhir.store, to);
    return owner === ctx.user.fhirUser || (await ownerReferences(this.db, ctx.user)).includes(owner);
  }
}

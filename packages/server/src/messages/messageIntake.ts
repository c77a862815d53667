import type { Communication, Patient, Resource, Task } from '@medplum/fhirtypes';
import {
  MESSAGE_THREAD_EXTENSION,
  fromClientSide,
  messageDeadline,
  parseMessageDraft,
  threadOf,
  triageMessage,
  type MessageDraft,
  type MessageTriage,
  type Register,
} from '@ovi/domain';
import type { CreateHook, RequestContext } from '../fhir/fhirService';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { AccessGrant, AccessPolicy } from '../access/accessPolicy';
import { hasRole, isStaff } from '../auth/userContext';
import { badRequest, conflict, forbidden, invalidResource, notFound } from '../fhir/outcomes';
import { actingFor } from '../access/guardians';
import { inRegister, registerOfResource } from '../access/registerLabels';
import { attachToMessage, attachmentsInfo } from '../storage/messageAttachments';
import type { GuidanceSettings } from '../guidance/guidanceSettings';
import { now as clockNow } from '../time/clock';
import type { MessageSettingsStore } from './messageSettings';
import { messageRecipients, queueOwnerOf, senderOf, serviceOfRecipient } from './messageRecipients';
import { openMessageTask, raiseMessageTask, newMessageTask } from './messageTask';

/** What `prepare` worked out for the storing transaction. */
interface Prepared {
  attachments: string[];
  uploadedBy: string;
  /** A client's message: the thread's contact in the recipient's queue is created or raised. */
  contact?: {
    subject: string;
    thread?: string;
    owner: { reference: string; display?: string };
    service: string;
    register: Register;
    triage: MessageTriage;
    deadline: Date;
    at: Date;
    excerpt: string;
  };
}

/**
 * `POST Communication`: a secure message. A resident writes about themself, a guardian about
 * their child, a representative about the adult who authorised them, to their own team, one
 * of its professionals or a service (`messageRecipients`); a professional writes to a client
 * they work with. A client's new message becomes a contact in the recipient's queue (a Task
 * with the message as focus, channel message, a deadline in working days); a client's reply
 * raises the thread's open contact or, when none is open, becomes one again, so no answer of a
 * client is left unread. Danger words are scanned as in the contact form: they raise, never lower.
 */
export class MessageIntake implements CreateHook {
  constructor(
    private readonly store: ResourceStore,
    private readonly access: AccessPolicy,
    private readonly guidance: GuidanceSettings,
    private readonly settings: MessageSettingsStore,
    private readonly db: SqlExecutor,
  ) {}

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; grant: AccessGrant; prepared: Prepared }> {
    const { draft, issues } = parseMessageDraft(resource as Communication);
    if (!draft) throw invalidResource(issues.map((i) => ({ severity: 'error', code: 'invalid', details: { text: i.message }, diagnostics: i.message, expression: [i.expression] })));
    const client = hasRole(ctx.user, 'resident');
    if (!client && !isStaff(ctx.user)) throw forbidden('Only residents and the professionals who work with them write messages');
    const { grant, patient, sender } = client ? await this.residentWrites(ctx, draft.subject) : await this.professionalWrites(ctx, draft.subject);
    const parent = draft.inResponseTo ? await this.parentOf(draft, ctx, grant) : undefined;
    const root = parent ? await this.rootOf(parent) : undefined;
    const recipient = await this.recipientOf(draft, client, patient, root);
    const register = root ? registerOfResource(root) : client ? (await serviceOfRecipient(this.store, recipient.reference)).register : undefined;
    const attachments = await this.attachments(ctx, draft);
    const at = clockNow();
    const message: Communication = {
      resourceType: 'Communication',
      status: 'completed',
      ...(root ? { extension: [{ url: MESSAGE_THREAD_EXTENSION, valueReference: { reference: `Communication/${root.id}` } }] } : {}),
      ...(parent ? { inResponseTo: [{ reference: `Communication/${parent.id}` }] } : {}),
      subject: { reference: draft.subject, ...(patient.name?.[0]?.text ? { display: patient.name[0].text } : {}) },
      recipient: [recipient],
      sender,
      sent: at.toISOString(),
      payload: [
        { contentString: draft.text },
        ...attachments.map((a) => ({ contentAttachment: { url: a.binary, contentType: a.contentType, size: a.size, ...(a.title ? { title: a.title } : {}) } })),
      ],
    };
    const prepared: Prepared = { attachments: attachments.map((a) => a.id), uploadedBy: ctx.user.fhirUser };
    if (client) prepared.contact = await this.contactOf(draft, recipient.reference, root, at);
    const labelled = register ?? prepared.contact?.register;
    return { resource: labelled ? inRegister(message, labelled) : message, grant, prepared };
  }

  async afterCreate(_ctx: RequestContext, stored: Stored, tx: SqlExecutor, prepared: unknown): Promise<Record<string, string>> {
    const { attachments, uploadedBy, contact } = prepared as Prepared;
    if ((await attachToMessage(tx, attachments, uploadedBy, stored.id)) !== attachments.length) {
      throw conflict('An attachment was sent with another message meanwhile; upload it again');
    }
    if (!contact) return {};
    const message = `Communication/${stored.id}`;
    const thread = contact.thread ?? message;
    const open = await openMessageTask(this.store, tx, contact.subject, thread);
    const task: Stored<Task> = open
      ? await raiseMessageTask(this.store, tx, open, { message, triage: contact.triage, deadline: contact.deadline })
      : await this.store.create(inRegister(newMessageTask({ ...contact, message, thread }), contact.register), { tx });
    const urgency = task.input?.find((i) => i.type.coding?.[0]?.code === 'urgency')?.valueCode ?? 'non-urgent';
    return {
      'X-Ovi-Task': `Task/${task.id}`,
      'X-Ovi-Urgency': urgency,
      ...(contact.triage.advice.length > 0 ? { 'X-Ovi-Advice': contact.triage.advice.join(',') } : {}),
    };
  }

  /** A resident writes about themself or someone they act for; anyone else's record "does not exist". */
  private async residentWrites(ctx: RequestContext, subject: string) {
    const patient = await this.store.readOptional<Patient>('Patient', subject.slice('Patient/'.length));
    if (patient && subject === ctx.user.fhirUser) {
      return { grant: { patients: [subject], byRecordedReason: false }, patient, sender: { reference: ctx.user.fhirUser, display: ctx.user.name } };
    }
    const proxy = patient ? await actingFor(this.db, ctx.user.fhirUser, subject) : undefined;
    if (!patient || !proxy) throw notFound(`${subject} was not found`);
    return { grant: { patients: [subject], byRecordedReason: false }, patient, sender: { reference: proxy.relatedPerson, display: proxy.display ?? ctx.user.name } };
  }

  /** A professional writes to a client within a care relationship (or on a recorded reason, flagged). */
  private async professionalWrites(ctx: RequestContext, subject: string) {
    const patient = await this.store.readOptional<Patient>('Patient', subject.slice('Patient/'.length));
    if (!patient) throw notFound(`${subject} was not found`);
    const grant = await this.access.checkPatients(ctx.user, 'Communication', [subject], 'create', ctx.reason);
    return { grant, patient, sender: await senderOf(this.store, ctx.user.fhirUser, ctx.user.name) };
  }

  /**
   * The message answered: one about the same client (anything else reads as unknown, so a
   * reply cannot probe for others' messages), in a register the writer may see.
   */
  private async parentOf(draft: MessageDraft, ctx: RequestContext, grant: AccessGrant): Promise<Stored<Communication>> {
    const id = (draft.inResponseTo ?? '').slice('Communication/'.length);
    const parent = await this.store.readOptional<Communication>('Communication', id);
    if (!parent || parent.subject?.reference !== draft.subject) throw badRequest(`inResponseTo ${draft.inResponseTo ?? ''} is not a message about ${draft.subject}`, ['Communication.inResponseTo']);
    if (isStaff(ctx.user)) await this.access.checkRegister(ctx.user, parent, grant, ctx.reason);
    return parent;
  }

  private async rootOf(parent: Stored<Communication>): Promise<Stored<Communication>> {
    const root = threadOf(parent);
    if (root === `Communication/${parent.id}`) return parent;
    return (await this.store.readOptional<Communication>('Communication', root.slice('Communication/'.length))) ?? parent;
  }

  /**
   * Whom the message goes to. A professional writes to the client. A client starts a thread with
   * one they may write to, and replies go where the thread started: to whom the client first
   * wrote, or to the professional who first wrote to them.
   */
  private async recipientOf(draft: MessageDraft, client: boolean, patient: Patient, root?: Communication): Promise<{ reference: string; display?: string }> {
    if (!client) {
      if (draft.recipient && draft.recipient !== draft.subject) throw badRequest('A professional writes to the client the message is about: recipient is the subject', ['Communication.recipient']);
      return { reference: draft.subject, ...(patient.name?.[0]?.text ? { display: patient.name[0].text } : {}) };
    }
    if (root) {
      const first = fromClientSide(root) ? root.recipient?.[0] : root.sender;
      if (!first?.reference) throw badRequest('The thread has nobody to answer to', ['Communication.inResponseTo']);
      return { reference: first.reference, ...(first.display ? { display: first.display } : {}) };
    }
    const allowed = await messageRecipients(this.store, patient);
    const chosen = allowed.find((r) => r.reference === draft.recipient);
    if (!chosen) throw badRequest(`${draft.recipient ?? ''} is not one you can write to: choose your own team, one of its professionals or a service (GET /api/messages/recipients)`, ['Communication.recipient']);
    return { reference: chosen.reference, display: chosen.name };
  }

  /** The uploads named: each the writer's own and not yet sent with another message. */
  private async attachments(ctx: RequestContext, draft: MessageDraft) {
    const ids = draft.attachments.map((a) => a.binary.slice('Binary/'.length));
    const found = new Map((await attachmentsInfo(this.db, ids)).map((a) => [a.id, a]));
    return draft.attachments.map((a, i) => {
      const info = found.get(ids[i] ?? '');
      if (!info || info.uploadedBy !== ctx.user.fhirUser || info.communication) {
        throw badRequest(`${a.binary} is not a file you have uploaded and not yet sent`, ['Communication.payload.contentAttachment.url']);
      }
      return { ...a, id: info.id, contentType: info.contentType, size: info.size };
    });
  }

  /** The contact a client's message makes: the danger-word scan, the queue it goes to and its deadline. */
  private async contactOf(draft: MessageDraft, recipient: string, root: Stored<Communication> | undefined, at: Date): Promise<NonNullable<Prepared['contact']>> {
    const [screen, settings] = await Promise.all([this.guidance.safetyScreen(), this.settings.get()]);
    const triage = triageMessage(draft.text, screen);
    const { service, register } = await serviceOfRecipient(this.store, recipient);
    const owner = await queueOwnerOf(this.store, recipient);
    return {
      subject: draft.subject,
      ...(root ? { thread: `Communication/${root.id}` } : {}),
      owner: { reference: owner },
      service,
      register: (root && registerOfResource(root)) || register,
      triage,
      deadline: messageDeadline(at, triage.urgency, settings),
      at,
      excerpt: draft.text.replace(/\s+/g, ' ').slice(0, 80),
    };
  }
}

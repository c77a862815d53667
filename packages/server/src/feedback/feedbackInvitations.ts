import { randomUUID } from 'node:crypto';
import type { Appointment, Location, Organization, PractitionerRole, Task } from '@medplum/fhirtypes';
import { EXTENSIONS, feedbackMonth, SYSTEMS, type GuidanceOutcome } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import type { UserContext } from '../auth/userContext';
import { insertInvitation, type FeedbackContext } from '../storage/feedbackStore';
import { currentNeed } from '../guidance/needAssessment';
import { inputValue } from '../guidance/guidanceTask';
import type { FeedbackSettings } from './feedbackSettings';

/** What an invitation needs from the settings, read before the outcome's transaction (PGlite has one connection). */
export interface InvitationTerms {
  linkValidDays: number;
  contactOutcomes: GuidanceOutcome[];
}

/**
 * Makes the resident's survey when a visit is realised or a contact is closed, in the same
 * transaction as that outcome: the survey exists exactly when the outcome does, whichever
 * server process recorded it, and a visit gets one survey however often it is recorded. The
 * e-mail goes out after the commit (`FeedbackMail`); the portal lists the survey at once.
 *
 * Chats do not exist yet: when they do, closing one calls {@link FeedbackInvitations.inviteFor}
 * with `kind: 'contact'`, the chat as `visit` and its context, in the closing transaction.
 */
export class FeedbackInvitations {
  constructor(
    private readonly store: ResourceStore,
    private readonly settings: FeedbackSettings,
  ) {}

  async terms(): Promise<InvitationTerms> {
    const survey = await this.settings.survey();
    return { linkValidDays: survey.linkValidDays, contactOutcomes: survey.contactOutcomes };
  }

  /** A realised visit (Appointment `fulfilled`): the survey, tied to its unit, profession, mode and service. */
  async inviteForVisit(tx: SqlExecutor, appointment: Appointment, terms: InvitationTerms, at: Date): Promise<boolean> {
    const patient = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
    if (!patient || !appointment.id) return false;
    const unit = appointment.participant.find((p) => p.actor?.reference?.startsWith('Location/'))?.actor?.reference;
    const contact = appointment.supportingInformation?.find((r) => r.reference?.startsWith('Task/'))?.reference;
    const task = contact ? await this.store.readOptional<Task>('Task', contact.slice('Task/'.length), tx) : undefined;
    const service = (task ? currentNeed(task).service : undefined) ?? appointment.serviceType?.[0]?.coding?.[0]?.code;
    const context: FeedbackContext = {
      kind: 'visit',
      ...(service ? { service } : {}),
      ...(unit ? { unit, ...(await this.unitName(unit, tx)) } : {}),
      ...optional('profession', appointment.specialty?.[0]?.coding?.find((c) => c.system === SYSTEMS.profession)?.code),
      ...optional('channel', appointment.extension?.find((e) => e.url === EXTENSIONS.visitMode)?.valueCode),
      month: feedbackMonth(new Date(appointment.start ?? at)),
    };
    return this.inviteFor(tx, { visit: `Appointment/${appointment.id}`, patient, context }, terms, at);
  }

  /**
   * A closed contact (a guidance Task resolved with one of the survey's `contactOutcomes`): tied
   * to its service and channel and to the unit and profession of the one who closed it. A
   * contact booked for a visit gets its survey after the visit, one routed on after its next step.
   */
  async inviteForContact(tx: SqlExecutor, task: Task, outcome: GuidanceOutcome, closer: UserContext, terms: InvitationTerms, at: Date): Promise<boolean> {
    const patient = task.for?.reference;
    if (!terms.contactOutcomes.includes(outcome) || !patient?.startsWith('Patient/') || !task.id) return false;
    const role = await this.roleOf(closer, tx);
    const unit = role?.location?.[0]?.reference ?? role?.organization?.reference;
    const service = currentNeed(task).service;
    const context: FeedbackContext = {
      kind: 'contact',
      ...(service ? { service } : {}),
      ...(unit ? { unit, ...(await this.unitName(unit, tx)) } : {}),
      ...optional('profession', role?.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === SYSTEMS.profession)?.code),
      ...optional('channel', inputValue(task, 'channel')?.valueCode),
      month: feedbackMonth(at),
    };
    return this.inviteFor(tx, { visit: `Task/${task.id}`, patient, context }, terms, at);
  }

  /** The one place a survey is made (also the seam for chats); false when that visit has one already. */
  async inviteFor(tx: SqlExecutor, what: { visit: string; patient: string; context: FeedbackContext }, terms: InvitationTerms, at: Date): Promise<boolean> {
    return insertInvitation(tx, { id: randomUUID(), ...what, createdAt: at, expiresAt: new Date(at.getTime() + terms.linkValidDays * 86_400_000) });
  }

  private async unitName(unit: string, tx: SqlExecutor): Promise<{ unitName?: string }> {
    const [type, id] = unit.split('/') as [string, string];
    if (type !== 'Location' && type !== 'Organization') return {};
    const found = await this.store.readOptional<Location | Organization>(type, id, tx);
    return found?.name ? { unitName: found.name } : {};
  }

  private async roleOf(user: UserContext, tx: SqlExecutor): Promise<PractitionerRole | undefined> {
    const found = await this.store.search(
      { resourceType: 'PractitionerRole', filters: [{ code: 'practitioner', kind: 'reference', values: [user.fhirUser] }], sort: [], count: 20, offset: 0 },
      tx,
      false,
    );
    return (found.resources as PractitionerRole[]).find((r) => r.active !== false);
  }
}

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> => (value ? ({ [key]: value } as Record<K, string>) : {});

import type { Appointment, PractitionerRole } from '@medplum/fhirtypes';
import { decideVisitOutcome, isVisitOutcome, VISIT_OUTCOME_EXTENSIONS, type OutcomeRefusal, type VisitOutcome } from '@ovi/domain/src/visitOutcome';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import type { AppointmentNotifier } from '../notifications/appointmentNotifier';
import { OperationParameters } from '../fhir/parameters';
import { badRequest, conflict, FhirError, forbidden, markAudited, notFound } from '../fhir/outcomes';
import { isStaff } from '../auth/userContext';
import { patientsOf } from '../access/patientLinks';
import type { AccessGrant } from '../access/accessPolicy';
import type { AuditEntry } from '../audit/auditLog';
import { now as clockNow } from '../time/clock';
import { originOf, type FeedbackTrigger } from '../feedback/feedbackTrigger';
import { followCancellation } from './cancelledVisit';
import type { WaitListMatching } from './waitListMatching';

const REFUSALS: Record<OutcomeRefusal, (id: string) => FhirError> = {
  'not-started': (id) => conflict(`Appointment/${id} has not started yet: whether it was realised, or the client did not come, can be recorded from its start time on`),
  'already-other': (id) => conflict(`Appointment/${id} already has another outcome; the first record stands`),
  'not-booked': (id) => conflict(`Appointment/${id} is not a booked visit`),
  'reason-required': () => badRequest('A visit that did not take place for another reason needs the reason (valueString)', ['Parameters.parameter.reason']),
  'reason-too-long': () => badRequest('reason is too long', ['Parameters.parameter.reason']),
};

/**
 * `Appointment/{id}/$outcome`: the professional of the visit, or a colleague of the unit where
 * it takes place, records how it went: realised (`fulfilled`), the client did not come
 * (`noshow`), or it did not take place (`cancelled`, with the reason; the time and the contact
 * are freed and the time offered to the wait list as in any cancellation, and the client is told). The rules of when
 * (`@ovi/domain/src/visitOutcome.ts`) are checked on the locked row, so two clicks or two
 * colleagues at once record one outcome; `If-Match` may name the version seen (412 otherwise).
 * Every outcome and every refusal is an AuditEvent naming the client.
 */
export class RecordVisitOutcome {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly notifier: AppointmentNotifier,
    private readonly waitList?: WaitListMatching,
    /** A realised visit gives the resident a survey, made in the outcome's transaction. */
    private readonly feedback?: FeedbackTrigger,
  ) {}

  async run(ctx: RequestContext, id: string, body: unknown, expectedVersion?: string): Promise<Stored<Appointment>> {
    const params = OperationParameters.parse(body, ['outcome', 'reason']);
    const outcome = params.get('outcome')?.valueCode;
    if (!isVisitOutcome(outcome)) throw badRequest('outcome (valueCode) must be fulfilled, noshow or cancelled', ['Parameters.parameter.outcome']);
    const reasonParam = params.get('reason');
    if (reasonParam && reasonParam.valueString === undefined) throw badRequest('reason must be a valueString', ['Parameters.parameter.reason']);
    const reason = reasonParam?.valueString?.trim() || undefined;
    const current = await this.fhir.store.readOptional<Appointment>('Appointment', id);
    if (!current) throw notFound(`Appointment/${id} was not found`);
    await this.assertOwnVisit(ctx, current);
    // The client's data as for any change: a relationship, or a recorded reason (flagged).
    const grant = await this.fhir.authorize(ctx, current, 'operation', [`Appointment/${id}`], false);
    let changed = false;
    let invited = false;
    // Read before the transaction: PGlite has one connection.
    const terms = outcome === 'fulfilled' && this.feedback ? await this.feedback.invitations.terms() : undefined;
    // Refusals found on the locked row are recorded once the transaction has rolled back
    // (PGlite has one connection: nothing else may run inside it).
    const stored = await this.db
      .transaction(async (tx) => {
        const next = await this.fhir.store.update<Appointment>(
          'Appointment',
          id,
          (latest) => {
            const decision = decideVisitOutcome(latest, outcome, reason, clockNow());
            if (decision.kind === 'refused') throw REFUSALS[decision.why](id);
            // The same outcome again: nothing is written (no new version); answered below.
            if (decision.kind === 'unchanged') throw new AlreadyRecorded(latest);
            changed = true;
            return withOutcome(latest, outcome, reason, ctx);
          },
          { tx, ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
        );
        // The time is freed and offered to the wait list as in any cancellation.
        if (changed && outcome === 'cancelled') await followCancellation(this.fhir.store, tx, next, this.waitList, clockNow());
        if (changed && terms && this.feedback) invited = await this.feedback.invitations.inviteForVisit(tx, next, terms, clockNow());
        await this.fhir.audit.record(success(ctx, id, grant, outcome), tx);
        return next;
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof AlreadyRecorded)) return this.auditedRefusal(ctx, current, error);
        await this.fhir.audit.record(success(ctx, id, grant, `${outcome} (already recorded)`));
        return error.appointment;
      });
    if (changed && outcome === 'cancelled') {
      this.notifier.notify(stored, 'cancellation');
      this.waitList?.afterCommit();
    }
    if (invited) this.feedback?.mail.sendSoon(originOf(ctx.baseUrl));
    return stored;
  }

  /** Only the professional(s) of the visit, or someone working at its unit (a PractitionerRole there). */
  private async assertOwnVisit(ctx: RequestContext, appointment: Appointment): Promise<void> {
    const actors = appointment.participant.map((p) => p.actor?.reference ?? '');
    if (isStaff(ctx.user) && actors.includes(ctx.user.fhirUser)) return;
    const units = actors.filter((a) => a.startsWith('Location/'));
    if (isStaff(ctx.user) && units.length > 0) {
      const roles = await this.fhir.store.search({
        resourceType: 'PractitionerRole',
        filters: [{ code: 'practitioner', kind: 'reference', values: [ctx.user.fhirUser] }],
        sort: [],
        count: 50,
        offset: 0,
      }, undefined, false);
      const own = (roles.resources as PractitionerRole[]).filter((r) => r.active !== false).flatMap((r) => (r.location ?? []).map((l) => l.reference));
      if (units.some((u) => own.includes(u))) return;
    }
    await this.auditedRefusal(ctx, appointment, forbidden('Only the professional of the visit, or a colleague at its unit, records how it went'));
  }

  /** Records a refusal against the client, then throws it. */
  private async auditedRefusal(ctx: RequestContext, appointment: Appointment, error: unknown): Promise<never> {
    if (error instanceof FhirError && !error.audited) {
      await this.fhir.audit.record({ user: ctx.user, interaction: 'operation', what: [`Appointment/${appointment.id ?? ''}`], patients: patientsOf(appointment), success: false, description: `$outcome: ${error.message}`, ...(ctx.address ? { address: ctx.address } : {}) });
      markAudited(error);
    }
    throw error;
  }
}

/** Thrown inside the transaction when the outcome asked is the one on record: rolls back, answers it. */
class AlreadyRecorded extends Error {
  constructor(readonly appointment: Stored<Appointment>) {
    super('already recorded');
  }
}

function success(ctx: RequestContext, id: string, grant: AccessGrant, what: string): AuditEntry {
  return { user: ctx.user, interaction: 'operation', what: [`Appointment/${id}`], patients: grant.patients, success: true, description: `$outcome ${what}`, reason: ctx.reason, byRecordedReason: grant.byRecordedReason, ...(ctx.address ? { address: ctx.address } : {}) };
}

function withOutcome(appointment: Stored<Appointment>, outcome: VisitOutcome, reason: string | undefined, ctx: RequestContext): Appointment {
  const others = (appointment.extension ?? []).filter((e) => e.url !== VISIT_OUTCOME_EXTENSIONS.recordedBy && e.url !== VISIT_OUTCOME_EXTENSIONS.recordedAt);
  return {
    ...appointment,
    status: outcome,
    ...(reason && outcome !== 'fulfilled' ? { cancelationReason: { text: reason } } : {}),
    extension: [
      ...others,
      { url: VISIT_OUTCOME_EXTENSIONS.recordedBy, valueReference: { reference: ctx.user.fhirUser, display: ctx.user.name } },
      { url: VISIT_OUTCOME_EXTENSIONS.recordedAt, valueDateTime: clockNow().toISOString() },
    ],
  };
}

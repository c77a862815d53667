import type { Patient, Resource } from '@medplum/fhirtypes';
import { parsePersonalIdentityCode, SYSTEMS } from '@ovi/domain';
import { describePersonalIdentityCodeProblem, personalIdentityCodeProblem } from '@ovi/domain/src/personalIdentityCodeCheck';
import type { Database, SqlExecutor } from '../db/database';
import type { AuditLog } from '../audit/auditLog';
import type { CreateHook, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { badRequest, conflict, forbidden, markAudited } from '../fhir/outcomes';
import { isStaff } from '../auth/userContext';
import { lockForTransaction } from '../storage/writeLocks';
import { otherClientsWithIdentifier } from '../storage/clientIdentity';

/**
 * Registering a new client is a normal `POST /fhir/R4/Patient` by a guidance or care
 * professional. The personal identity code is required and checked (a wrong last character is
 * said plainly), the birth date and sex must agree with it when given, and one code is one
 * client: a second registration is a 409 naming the existing record, also when two arrive at
 * once (the code's lock orders them; the second sees the first). Registering gives no care
 * relationship: reading the client later needs one, or a recorded reason, like any client.
 */
export class ClientRegistration implements CreateHook {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; grant: { patients: string[]; byRecordedReason: boolean } }> {
    if (!isStaff(ctx.user)) throw forbidden('Only guidance and care professionals register new clients');
    const patient = resource as Patient;
    const codes = (patient.identifier ?? []).filter((i) => i.system === SYSTEMS.personalIdentityCode);
    if (codes.length !== 1 || !codes[0]?.value) {
      throw badRequest(`A new client needs exactly one personal identity code (identifier with system ${SYSTEMS.personalIdentityCode})`, ['Patient.identifier']);
    }
    const code = codes[0].value.trim().toUpperCase();
    const problem = personalIdentityCodeProblem(code);
    if (problem) throw badRequest(describePersonalIdentityCodeProblem(problem), ['Patient.identifier']);
    const encoded = parsePersonalIdentityCode(code);
    if (patient.birthDate !== undefined && patient.birthDate !== encoded?.birthDate) {
      throw badRequest(`birthDate ${patient.birthDate} does not agree with the personal identity code (${encoded?.birthDate ?? '?'})`, ['Patient.birthDate']);
    }
    if (patient.gender !== undefined && patient.gender !== 'unknown' && patient.gender !== 'other' && patient.gender !== encoded?.sex) {
      throw badRequest(`gender ${patient.gender} does not agree with the personal identity code`, ['Patient.gender']);
    }
    if (!patient.name?.some((n) => n.family?.trim() || n.text?.trim())) throw badRequest('A new client needs a name (family name)', ['Patient.name']);
    await this.refuseKnownCode(ctx, code);
    const identifier = (patient.identifier ?? []).map((i) => (i.system === SYSTEMS.personalIdentityCode ? { ...i, value: code } : i));
    return { resource: { ...patient, identifier, ...(encoded && !patient.birthDate ? { birthDate: encoded.birthDate } : {}) }, grant: { patients: [], byRecordedReason: false } };
  }

  async afterCreate(_ctx: RequestContext, stored: Stored, tx: SqlExecutor): Promise<Record<string, string>> {
    const code = (stored as Patient).identifier?.find((i) => i.system === SYSTEMS.personalIdentityCode)?.value ?? '';
    // Two registrations of one code take turns here; the later one sees the earlier, committed.
    await lockForTransaction(tx, `client-identity:${code}`);
    const others = await otherClientsWithIdentifier(tx, SYSTEMS.personalIdentityCode, code, stored.id);
    // Registered meanwhile by someone else: refused without naming the record (nothing was disclosed, nothing to audit).
    if (others.length > 0) throw conflict('A client with this personal identity code was registered a moment ago; nothing was stored. Look the client up by the code');
    return {};
  }

  /**
   * A code already registered is a 409 naming the record, as a look-up by the code would: the
   * disclosure is audited as a refused registration naming that client, so their log shows it.
   */
  private async refuseKnownCode(ctx: RequestContext, code: string): Promise<void> {
    const [existing] = await otherClientsWithIdentifier(this.db, SYSTEMS.personalIdentityCode, code, '');
    if (!existing) return;
    const error = conflict(`A client with this personal identity code is already registered (Patient/${existing}); nothing was stored`);
    await this.audit.record({ user: ctx.user, interaction: 'create', what: ['Patient'], patients: [`Patient/${existing}`], success: false, description: 'registration refused: the personal identity code is already registered', ...(ctx.address ? { address: ctx.address } : {}) });
    throw markAudited(error);
  }
}

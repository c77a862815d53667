import type { Resource } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { holdsPersonalData, isPersonalType } from '../fhir/resourceTypes';
import type { UserContext } from '../auth/userContext';
import { hasRole, isStaff } from '../auth/userContext';
import { patientsOf } from './patientLinks';
import { hasCareRelationship } from './relationships';
import { actingFor } from './guardians';
import { now as clockNow } from '../time/clock';
import { SYSTEMS, type Register } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import { consentsToSharing, inOpenGuidance } from './relationships';
import { registersOfResource } from './registerLabels';
import { cachedQualificationsOf } from './qualifications';
import { isConfidentialNotice } from '../socialNotices/noticeLabels';
import { clinicalRegister, clinicalWriteRefusal, isClinicalType, visitReferences } from './clinicalRecords';

export type Interaction = 'read' | 'vread' | 'history' | 'search' | 'create' | 'update' | 'operation';

/** What residents may write themselves; everything else is written by staff or by Ovi. */
const RESIDENT_WRITES: Record<string, Interaction[]> = {
  QuestionnaireResponse: ['create'],
  // The client gives and withdraws their own consent to share across registers.
  Consent: ['create', 'update'],
  Appointment: ['update'],
  Observation: ['create'],
};

/** Records that a plain update must not change: they change through Ovi's operations or never. */
export const CHANGED_ONLY_BY_OPERATIONS: Record<string, string> = {
  Task: 'Tasks change through $resolve and $answer, which also tell the client and keep the record whole',
  QuestionnaireResponse: 'A sent contact is kept as it was sent',
  Communication: 'A sent message is kept as it was sent',
};

/** How access to personal data was granted: through a relationship, or by a recorded reason. */
export interface AccessGrant {
  patients: string[];
  byRecordedReason: boolean;
  /** The other register's data seen with the client's recorded consent. */
  byConsent?: boolean;
}

/**
 * Decides whether a user may touch a resource. Residents reach their own data only;
 * professionals a client's data through a relationship or a recorded reason; managers
 * and admins no client data; directory data is readable by all and writable by admins.
 */
export class AccessPolicy {
  constructor(
    private readonly db: SqlExecutor,
    private readonly store: ResourceStore,
  ) {}

  async check(user: UserContext, resource: Resource, interaction: Interaction, reason?: string): Promise<AccessGrant> {
    if (!holdsPersonalData(resource)) return this.checkDirectory(user, resource.resourceType, interaction);
    if (await this.hidesNotice(user, resource)) throw notFound(`${resource.resourceType} was not found`);
    if (resource.resourceType === 'AuditEvent' && interaction !== 'read' && interaction !== 'search') {
      throw forbidden('Audit records are written by Ovi itself');
    }
    if (interaction === 'update' && CHANGED_ONLY_BY_OPERATIONS[resource.resourceType]) {
      throw forbidden(CHANGED_ONLY_BY_OPERATIONS[resource.resourceType] ?? '');
    }
    const writes = interaction === 'create' || interaction === 'update';
    if (writes && hasRole(user, 'resident') && !RESIDENT_WRITES[resource.resourceType]?.includes(interaction)) {
      throw forbidden(`Residents cannot ${interaction} ${resource.resourceType} resources`);
    }
    const patients = patientsOf(resource);
    if (isClinicalType(resource.resourceType)) {
      if (patients.length === 0) throw badRequest(`A ${resource.resourceType} must name the client it is about (a Patient reference)`, [`${resource.resourceType}.${resource.resourceType === 'AllergyIntolerance' || resource.resourceType === 'Immunization' ? 'patient' : 'subject'}`]);
      if (isStaff(user)) await this.checkClinical(user, resource, patients, interaction, reason);
    }
    // A client may read the audit records that name them; the other clients are left out of what they see.
    if (resource.resourceType === 'AuditEvent' && hasRole(user, 'resident') && patients.includes(user.fhirUser)) {
      return { patients: [user.fhirUser], byRecordedReason: false };
    }
    const grant = await this.checkPatients(user, resource.resourceType, patients, interaction, reason);
    // Only once the writer may reach the client: else the answer would tell whose a visit is.
    if (writes && isClinicalType(resource.resourceType)) await this.assertOwnVisits(resource, patients);
    return isStaff(user) ? this.checkRegister(user, resource, grant, reason) : grant;
  }

  /**
   * Social-welfare and health data are separate registers: a professional sees the other
   * register's records only with the client's consent or a recorded legal basis (flagged), or,
   * for guidance staff, while the contact waits in the guidance queue.
   */
  async checkRegister(user: UserContext, resource: Resource, grant: AccessGrant, reason?: string): Promise<AccessGrant> {
    // A shared client plan holds actions of both registers: reading it whole needs each (decision 031).
    let result = grant;
    for (const register of registersOfResource(resource)) result = await this.checkOneRegister(user, resource, register, result, reason);
    return result;
  }

  private async checkOneRegister(user: UserContext, resource: Resource, register: Register, grant: AccessGrant, reason?: string): Promise<AccessGrant> {
    if ((await cachedQualificationsOf(this.store, user))[register]) return grant;
    if (hasRole(user, 'guidance') && resource.id && (await inOpenGuidance(this.db, `${resource.resourceType}/${resource.id}`))) return grant;
    if (await consentsToSharing(this.db, grant.patients, SYSTEMS.consentCategory, clockNow())) return { ...grant, byConsent: true };
    if (reason) return { ...grant, byRecordedReason: true };
    const which = register === 'social' ? 'social-welfare' : 'health-care';
    throw forbidden(
      `This ${resource.resourceType} belongs to the ${which} register. You may see it only with the client's recorded consent to share (Consent) or a legal basis recorded in the X-Access-Reason header; the access will be flagged.`,
    );
  }

  /**
   * A clinical record (decision 026) of a register the professional is not licensed for does
   * not exist for them without the client's consent or a recorded basis: a diagnosis known to
   * exist is itself health information, so the refusal is a 404 that names no client. Writing
   * needs the registration of the record's register, whatever consent allows to be read.
   */
  private async checkClinical(user: UserContext, resource: Resource, patients: string[], interaction: Interaction, reason?: string): Promise<void> {
    const q = await cachedQualificationsOf(this.store, user);
    const register = clinicalRegister(resource);
    if (register && !q[register] && !reason && !(await consentsToSharing(this.db, patients, SYSTEMS.consentCategory, clockNow()))) {
      throw notFound(`${resource.resourceType} was not found`);
    }
    if (interaction === 'create' || interaction === 'update') {
      const refusal = clinicalWriteRefusal(resource, q);
      if (refusal) throw forbidden(refusal);
    }
  }

  /**
   * A diagnosis, procedure or document made in a visit points at that client's own visit: one
   * that does not exist and one of another client get the same answer, so nothing is revealed.
   */
  private async assertOwnVisits(resource: Resource, patients: string[]): Promise<void> {
    for (const visit of visitReferences(resource)) {
      if (resource.resourceType === 'Encounter' && visit.id === resource.id) continue;
      const encounter = await this.store.readOptional('Encounter', visit.id);
      const about = encounter ? patientsOf(encounter) : [];
      if (about.length === 0 || !about.every((p) => patients.includes(p))) {
        throw badRequest(`Encounter/${visit.id} is not a visit of ${patients.join(', ')}`, [visit.expression]);
      }
    }
  }

  /**
   * A social-welfare or child-welfare notice exists only for social-welfare professionals: to
   * anyone else (health staff, the person it is about, a guardian) it answers as if it did not
   * (decision 016), whatever consent or reason they hold.
   */
  async hidesNotice(user: UserContext, resource: Resource): Promise<boolean> {
    if (!isConfidentialNotice(resource)) return false;
    return !isStaff(user) || !(await cachedQualificationsOf(this.store, user)).social;
  }

  /** Access to the data of the given clients. */
  async checkPatients(user: UserContext, type: string, patients: string[], interaction: Interaction, reason?: string): Promise<AccessGrant> {
    if (hasRole(user, 'resident')) {
      if (patients.length > 0 && patients.every((p) => p === user.fhirUser)) return { patients, byRecordedReason: false };
      // A guardian acts for their child under 18, an authorised representative for the adult who
      // authorised them: only while that is on record and, for an authorisation, its period holds.
      if (patients.length > 0 && (await this.guardsAll(user, patients))) return { patients, byRecordedReason: false };
      // Whether someone else's record exists is itself personal: answer as if it did not.
      throw notFound(`${type} was not found`);
    }
    if (!isStaff(user)) throw forbidden('Your role does not give access to client data');
    if (type === 'AuditEvent') throw forbidden('Only the client can list who has accessed their data');
    if (patients.length === 0) throw forbidden(`This ${type} is not linked to a client you work with`);
    for (const patient of patients) {
      if (!(await hasCareRelationship(this.db, user, patient, clockNow()))) {
        if (reason) return { patients, byRecordedReason: true };
        throw forbidden(
          `You have no care or service relationship with ${patient}. If you must see the data, record the reason in the X-Access-Reason header; the access will be flagged.`,
        );
      }
    }
    return { patients, byRecordedReason: false };
  }

  /** Whether the resident may act for every one of `patients`: themself, their child, or an adult who authorised them. */
  private async guardsAll(user: UserContext, patients: string[]): Promise<boolean> {
    // An app's patient-context token reaches the launch patient only (decision 027).
    if (user.app?.compartment) return false;
    for (const patient of new Set(patients)) {
      if (patient !== user.fhirUser && !(await actingFor(this.db, user.fhirUser, patient))) return false;
    }
    return true;
  }

  /**
   * Whether a resident may act for `patient`: themself, a child in their guardianship, or an
   * adult whose authorisation of them holds today (never after its period ends).
   */
  async residentActsFor(user: UserContext, patient: string): Promise<boolean> {
    if (user.app?.compartment && patient !== user.app.compartment) return false;
    return patient === user.fhirUser || (await actingFor(this.db, user.fhirUser, patient)) !== undefined;
  }

  checkDirectory(user: UserContext, type: string, interaction: Interaction): AccessGrant {
    const writes = interaction === 'create' || interaction === 'update';
    if (writes && !hasRole(user, 'admin')) throw forbidden(`Only administrators may change ${type} resources`);
    return { patients: [], byRecordedReason: false };
  }

  /** Types a user may search at all, before the query runs. */
  assertMaySearch(user: UserContext, type: string): void {
    if (!isPersonalType(type)) return;
    if (hasRole(user, 'resident') || isStaff(user)) return;
    throw forbidden('Your role does not give access to client data');
  }
}

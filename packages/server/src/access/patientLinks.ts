import type { Resource } from '@medplum/fhirtypes';

type Ref = { reference?: string } | undefined;

const patientRefs = (...refs: Ref[]): string[] =>
  refs.map((r) => r?.reference).filter((r): r is string => typeof r === 'string' && r.startsWith('Patient/'));

/** The clients a resource is about: the basis of every access decision on personal data. */
export function patientsOf(resource: Resource): string[] {
  switch (resource.resourceType) {
    case 'Patient':
      return resource.id ? [`Patient/${resource.id}`] : [];
    case 'RelatedPerson':
    case 'Consent':
      return patientRefs(resource.patient);
    case 'QuestionnaireResponse':
    case 'Observation':
    case 'CareTeam':
    case 'Goal':
    case 'Encounter':
    case 'Condition':
    case 'Procedure':
    case 'MedicationStatement':
    case 'DocumentReference':
    case 'CarePlan':
      return patientRefs(resource.subject);
    case 'AllergyIntolerance':
    case 'Immunization':
      return patientRefs(resource.patient);
    case 'Task':
      return patientRefs(resource.for);
    case 'Communication':
      return patientRefs(resource.subject, ...(resource.recipient ?? []));
    case 'Appointment':
      return patientRefs(...(resource.participant ?? []).map((p) => p.actor));
    case 'AuditEvent':
      return patientRefs(...(resource.entity ?? []).map((e) => e.what));
    default:
      return [];
  }
}

/** The search parameter that ties each personal type to one client (a compartment). */
export const PATIENT_SEARCH_PARAM: Record<string, string> = {
  Patient: '_id',
  RelatedPerson: 'patient',
  Consent: 'patient',
  QuestionnaireResponse: 'subject',
  Observation: 'subject',
  CareTeam: 'subject',
  Task: 'patient',
  Communication: 'subject',
  Appointment: 'patient',
  AuditEvent: 'patient',
  Goal: 'patient',
  Encounter: 'subject',
  Condition: 'subject',
  Procedure: 'subject',
  MedicationStatement: 'subject',
  AllergyIntolerance: 'patient',
  Immunization: 'patient',
  DocumentReference: 'subject',
  CarePlan: 'subject',
};

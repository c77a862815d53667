/**
 * The resource types Ovi stores, and which of them hold personal data.
 * Directory and configuration types describe the organisation, not clients.
 */
export const DIRECTORY_TYPES = [
  'Organization',
  'Location',
  'HealthcareService',
  'Practitioner',
  'PractitionerRole',
  'Questionnaire',
  'CareTeam',
  'Schedule',
  'Slot',
] as const;

export const PERSONAL_TYPES = [
  'Patient',
  'RelatedPerson',
  'QuestionnaireResponse',
  'Task',
  'Communication',
  'AuditEvent',
  'Appointment',
  'Observation',
  'Consent',
  'Goal',
  // The types a region's patient record arrives in (decision 026).
  'Encounter',
  'Condition',
  'Procedure',
  'MedicationStatement',
  'AllergyIntolerance',
  'Immunization',
  'DocumentReference',
  'CarePlan',
] as const;

export type SupportedType = (typeof DIRECTORY_TYPES)[number] | (typeof PERSONAL_TYPES)[number];

const SUPPORTED = new Set<string>([...DIRECTORY_TYPES, ...PERSONAL_TYPES]);
const PERSONAL = new Set<string>(PERSONAL_TYPES);

export const isSupportedType = (type: string): type is SupportedType => SUPPORTED.has(type);

/** CareTeam is personal when it is about one client (has a subject). */
export function holdsPersonalData(resource: { resourceType: string; subject?: unknown }): boolean {
  if (resource.resourceType === 'CareTeam') return resource.subject !== undefined;
  return PERSONAL.has(resource.resourceType);
}

export const isPersonalType = (type: string): boolean => PERSONAL.has(type);

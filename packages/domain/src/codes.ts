/**
 * Code systems and identifier systems Ovi writes into FHIR resources.
 * National systems are the ones confirmed in HL7 Finland's base profiles; where a national
 * code list could not be confirmed, Ovi uses its own system under OVI_FHIR_BASE so the
 * codes stay data that a deployment can map later.
 */
export const OVI_FHIR_BASE = 'https://fhir.ovi.fi';

export const SYSTEMS = {
  /** Finnish personal identity code (henkilötunnus), HL7 Finland base profiles. */
  personalIdentityCode: 'urn:oid:1.2.246.21',
  /** Terhikki registration number of health-care professionals (Valvira). */
  terhikki: 'urn:oid:1.2.246.537.26',
  /**
   * Suosikki registration number of social-welfare professionals (Valvira). Its OID could not
   * be confirmed from public sources, so it is Ovi's own URI: a deployment maps it.
   */
  suosikki: `${OVI_FHIR_BASE}/sid/suosikki`,
  /** Municipality codes (kuntakoodit). */
  municipality: 'urn:oid:1.2.246.537.6.21',
  /** SOTE organisation register. */
  soteOrganisation: 'urn:oid:1.2.246.537.6.202',
  /** v2-0203 identifier types (NNFIN for the PIC slice). */
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  /** Hilmo – Yhteystapa codes R10, R52, R56, R72 (THL); OID unconfirmed, so Ovi's own URI. */
  contactMode: `${OVI_FHIR_BASE}/CodeSystem/hilmo-yhteystapa`,
  /** Ovi's channel of a contact (web form, phone, walk-in, chat, help button, concern). */
  channel: `${OVI_FHIR_BASE}/CodeSystem/contact-channel`,
  /** Professions of the multi-professional team (national list unconfirmed: data). */
  profession: `${OVI_FHIR_BASE}/CodeSystem/profession`,
  /** Urgency classes as Omaolo uses them. */
  urgency: `${OVI_FHIR_BASE}/CodeSystem/urgency`,
  /** Task kinds (client-guidance, routed work item). */
  taskCode: `${OVI_FHIR_BASE}/CodeSystem/task-code`,
  /** Guidance outcomes recorded as Task.businessStatus. */
  guidanceOutcome: `${OVI_FHIR_BASE}/CodeSystem/guidance-outcome`,
  /** Task.input / Task.output types. */
  taskParameter: `${OVI_FHIR_BASE}/CodeSystem/task-parameter`,
  /** Services (primary care, oral health, social services, family centre). */
  service: `${OVI_FHIR_BASE}/CodeSystem/service`,
  /** Visit types (nurse-visit, physio-visit …): configuration data. */
  visitType: `${OVI_FHIR_BASE}/CodeSystem/visit-type`,
  /** Login user names of Ovi accounts (Practitioner/Patient identifier). */
  username: `${OVI_FHIR_BASE}/sid/username`,
  /**
   * Kinds of a professional's need assessment (care-need assessment in health care,
   * service-need assessment in social welfare) and its parts. THL's Avohilmo HTA fields are
   * known by name only (DOMAIN §8.1), so the codes are Ovi's own and a deployment maps them.
   */
  needAssessment: `${OVI_FHIR_BASE}/CodeSystem/need-assessment`,
  /**
   * The register a record belongs to (`health` | `social`), carried in `meta.security`:
   * social-welfare and health data are separate registers (client-data act 703/2023).
   */
  register: `${OVI_FHIR_BASE}/CodeSystem/register`,
  /** Consent categories Ovi acts on (`register-sharing`: seeing the other register's data). */
  consentCategory: `${OVI_FHIR_BASE}/CodeSystem/consent-category`,
  /** Relationship: guardian (v3 RoleCode GUARD). */
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
} as const;

export const EXTENSIONS = {
  municipality: 'https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/municipality-code',
  /** Visit modes a Slot or Appointment offers (on-site, phone, video, home-visit). */
  visitMode: `${OVI_FHIR_BASE}/StructureDefinition/visit-mode`,
  /** Why a proposed Appointment was ranked where it is. */
  rankingReason: `${OVI_FHIR_BASE}/StructureDefinition/ranking-reason`,
  /** What a note on a contact's Task tells the resident (call-112, out-of-hours, rule …). */
  residentNoteKind: `${OVI_FHIR_BASE}/StructureDefinition/resident-note-kind`,
  /** The channel of a contact on a QuestionnaireResponse. */
  contactChannel: `${OVI_FHIR_BASE}/StructureDefinition/contact-channel`,
} as const;

export const TASK_CODES = {
  clientGuidance: 'client-guidance',
  routedWork: 'routed-work',
  /** A resident's secure message waiting for an answer (channel message). */
  message: 'message',
  /** A social-welfare contact, child-welfare notification or application in the social-services queue. */
  socialNotice: 'social-notice',
} as const;

export const CONTACT_QUESTIONNAIRE_URL = `${OVI_FHIR_BASE}/Questionnaire/contact-request`;

/**
 * How the service catalogue is written in FHIR (decision 017). A catalogue entry is an R4
 * `HealthcareService`; Finnish is the base language of `name`, `comment` and `extraDetails`,
 * Swedish and English ride on the standard translation extension (`_name`, `_comment`,
 * `_extraDetails`), as in the contact questionnaire.
 */
import { EXTENSIONS, OVI_FHIR_BASE } from '../codes';

export const CATALOGUE = {
  /** Municipalities a service covers: repeated, valueCoding urn:oid:1.2.246.537.6.21 (none = the whole region). */
  municipalityExtension: EXTENSIONS.municipality,
  /** Ages served, in whole years: valueRange low/high (unit `a`); none = every age. */
  ageRangeExtension: `${OVI_FHIR_BASE}/StructureDefinition/service-age-range`,
  /** What kind of help a service gives (family counselling, crisis help …): HealthcareService.type. */
  serviceKindSystem: `${OVI_FHIR_BASE}/CodeSystem/service-kind`,
  /** Accessibility of the premises and the service: HealthcareService.characteristic. */
  accessibilitySystem: `${OVI_FHIR_BASE}/CodeSystem/service-accessibility`,
  /** Who runs it: the region, an NGO or a parish (HealthcareService.category). */
  providerKindSystem: `${OVI_FHIR_BASE}/CodeSystem/service-provider-kind`,
  languageSystem: 'urn:ietf:bcp:47',
} as const;

export const ACCESSIBILITY_CODES = [
  'wheelchair',
  'induction-loop',
  'accessible-toilet',
  'parking',
  'sign-language',
  'plain-language',
  'remote',
  'home-visits',
] as const;
export type AccessibilityCode = (typeof ACCESSIBILITY_CODES)[number];

export const PROVIDER_KINDS = ['region', 'ngo', 'parish'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** The demo region's municipalities and the rest of Central Ostrobothnia (Statistics Finland codes). */
export const REGION_MUNICIPALITIES: ReadonlyArray<{ code: string; fi: string; sv: string }> = [
  { code: '272', fi: 'Kokkola', sv: 'Karleby' },
  { code: '217', fi: 'Kannus', sv: 'Kannus' },
  { code: '236', fi: 'Kaustinen', sv: 'Kaustby' },
  { code: '288', fi: 'Kruunupyy', sv: 'Kronoby' },
  { code: '924', fi: 'Veteli', sv: 'Vetil' },
  { code: '849', fi: 'Toholampi', sv: 'Toholampi' },
  { code: '069', fi: 'Halsua', sv: 'Halsua' },
  { code: '421', fi: 'Lestijärvi', sv: 'Lestijärvi' },
  { code: '584', fi: 'Perho', sv: 'Perho' },
];

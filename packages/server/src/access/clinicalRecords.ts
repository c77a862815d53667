import type { Register } from '@ovi/domain';
import type { Resource } from '@medplum/fhirtypes';
import { registerOfResource } from './registerLabels';
import type { Qualifications } from './qualifications';

/**
 * The types a region's patient record arrives in (issue 12, decision 026). They are health-
 * register personal data, except that a visit (Encounter) or a document (DocumentReference)
 * may also be social-welfare data, following the professional who records it.
 */
export const CLINICAL_TYPES = ['Encounter', 'Condition', 'Procedure', 'MedicationStatement', 'AllergyIntolerance', 'Immunization', 'DocumentReference'] as const;

/** Diagnoses, procedures, medication, allergies and vaccinations are health care by nature. */
const HEALTH_ONLY = new Set<string>(['Condition', 'Procedure', 'MedicationStatement', 'AllergyIntolerance', 'Immunization']);

const CLINICAL = new Set<string>(CLINICAL_TYPES);

export const isClinicalType = (type: string): boolean => CLINICAL.has(type);
export const isHealthOnlyType = (type: string): boolean => HEALTH_ONLY.has(type);

/**
 * The register a clinical record belongs to: health for the health-only types whatever a
 * label says, else the stored label; undefined for a record not yet stored (decided by its writer).
 */
export function clinicalRegister(resource: Resource): Register | undefined {
  return isHealthOnlyType(resource.resourceType) ? 'health' : registerOfResource(resource);
}

/** The register a new clinical record goes in when this professional writes it. */
export function registerForWriter(type: string, q: Qualifications): Register {
  if (isHealthOnlyType(type)) return 'health';
  return !q.health && q.social ? 'social' : 'health';
}

/**
 * Why this professional may not write this clinical record, or undefined when they may: a
 * health-only record needs a Terhikki registration, a visit or document a registration in the
 * register it belongs to (a new one goes in the writer's own register).
 */
export function clinicalWriteRefusal(resource: Resource, q: Qualifications): string | undefined {
  const register = clinicalRegister(resource) ?? registerForWriter(resource.resourceType, q);
  if (q[register]) return undefined;
  return register === 'health'
    ? `Only a licensed health-care professional (Terhikki registration) may record ${resource.resourceType} resources`
    : `Only a social-welfare professional (Suosikki registration) may change a social-welfare ${resource.resourceType}`;
}

const VISIT_REFERENCE = /^Encounter\/([A-Za-z0-9\-.]{1,64})$/;

/** Every `Encounter/<id>` a record points to, with the element it is in (as an OperationOutcome expression). */
export function visitReferences(resource: Resource): Array<{ id: string; expression: string }> {
  const found: Array<{ id: string; expression: string }> = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return;
    const match = VISIT_REFERENCE.exec(String((value as { reference?: unknown }).reference ?? ''));
    if (match?.[1]) found.push({ id: match[1], expression: path });
    for (const [key, item] of Object.entries(value)) if (key !== 'reference' && key !== 'contained') walk(item, `${path}.${key}`);
  };
  walk(resource, resource.resourceType);
  return found;
}

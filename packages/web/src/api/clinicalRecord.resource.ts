/**
 * A compact, read-only look at a client's health record for the professional (decision 026):
 * allergies (safety information), active conditions and vaccinations. Three searches with the
 * same access as the rest of the client view (relationship or the recorded reason), each
 * audited; records of a register the professional may not see are left out by the server.
 */
import type { AllergyIntolerance, Bundle, CodeableConcept, Condition, Immunization } from '@medplum/fhirtypes';
import { reasonHeaders } from './accessReason';
import { api } from './client';
import { FHIR_BASE, resourcesOf } from './fhir';

export interface RecordLine {
  id: string;
  /** The record's own text (a diagnosis, an allergen, a vaccine), as written by whoever recorded it. */
  text: string;
  code?: string;
  date?: string;
  /** An allergy whose reaction may be life-threatening (criticality high). */
  highRisk?: boolean;
  /** What the reaction was (allergies). */
  reaction?: string;
}

export interface ClinicalRecordSummary {
  allergies: RecordLine[];
  conditions: RecordLine[];
  immunizations: RecordLine[];
}

function textOf(concept: CodeableConcept | undefined): string {
  const coding = concept?.coding?.[0];
  return concept?.text || coding?.display || coding?.code || '';
}

const codeOf = (concept: CodeableConcept | undefined) => concept?.coding?.find((c) => c.code)?.code;

/** A record its recorder has withdrawn is not shown as a fact. */
const WITHDRAWN = new Set(['refuted', 'entered-in-error']);
const withdrawn = (concept: CodeableConcept | undefined) => (concept?.coding ?? []).some((c) => WITHDRAWN.has(c.code ?? ''));

export function allergyLines(bundle: Bundle): RecordLine[] {
  return resourcesOf<AllergyIntolerance>(bundle, 'AllergyIntolerance')
    .filter((a) => !withdrawn(a.verificationStatus))
    .map((a) => ({
      id: a.id ?? '',
      text: textOf(a.code),
      code: codeOf(a.code),
      date: a.recordedDate ?? a.onsetDateTime,
      highRisk: a.criticality === 'high',
      reaction: a.reaction?.flatMap((r) => r.manifestation.map(textOf)).filter(Boolean).join(', ') || undefined,
    }))
    .sort((a, b) => Number(b.highRisk ?? false) - Number(a.highRisk ?? false));
}

export function conditionLines(bundle: Bundle): RecordLine[] {
  return resourcesOf<Condition>(bundle, 'Condition')
    .filter((c) => !withdrawn(c.verificationStatus))
    .map((c) => ({ id: c.id ?? '', text: textOf(c.code), code: codeOf(c.code), date: c.onsetDateTime ?? c.recordedDate }));
}

export function immunizationLines(bundle: Bundle): RecordLine[] {
  return resourcesOf<Immunization>(bundle, 'Immunization').map((i) => ({ id: i.id ?? '', text: textOf(i.vaccineCode), code: codeOf(i.vaccineCode), date: i.occurrenceDateTime }));
}

export async function fetchClinicalRecord(patientRef: string, reason?: string): Promise<ClinicalRecordSummary> {
  const who = encodeURIComponent(patientRef);
  const headers = reasonHeaders(reason);
  const [allergies, conditions, immunizations] = await Promise.all([
    api.get<Bundle>(`${FHIR_BASE}/AllergyIntolerance?patient=${who}&clinical-status=active&_count=50`, headers),
    api.get<Bundle>(`${FHIR_BASE}/Condition?subject=${who}&clinical-status=active,recurrence,relapse&_count=50`, headers),
    api.get<Bundle>(`${FHIR_BASE}/Immunization?patient=${who}&status=completed&_sort=-date&_count=20`, headers),
  ]);
  return { allergies: allergyLines(allergies), conditions: conditionLines(conditions), immunizations: immunizationLines(immunizations) };
}

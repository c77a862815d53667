import type { Extension, Observation, Quantity as FhirQuantity } from '@medplum/fhirtypes';
import { OVI_FHIR_BASE } from '../codes';
import {
  KINDS,
  LOINC,
  QUANTITIES,
  UCUM,
  kindOfCode,
  isMeasurementContext,
  quantityOfCode,
  type Measurement,
  type MeasurementContext,
  type MeasurementKind,
  type Quantity,
} from './measures';
import type { MeasurementProblem } from './plausibility';

/** When a measurement was taken (fasting, morning …): no Kanta PHR element says it, so an extension. */
export const MEASUREMENT_CONTEXT_EXTENSION = `${OVI_FHIR_BASE}/StructureDefinition/measurement-context`;
/** Identifiers of home measurements (the PHR profile requires one); imports use a fingerprint so a file sent twice stores once. */
export const SELF_MEASUREMENT_IDENTIFIER = `${OVI_FHIR_BASE}/sid/self-measurement`;
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

export type Interpretation = 'HH' | 'H' | 'L' | 'LL';
const INTERPRETATION_DISPLAY: Record<Interpretation, string> = { HH: 'Critical high', H: 'High', L: 'Low', LL: 'Critical low' };

export interface ObservationFacts {
  patient: string;
  /** When Ovi received it (Observation.issued). */
  issued: string;
  identifier: string;
  language: string;
  interpretation?: Interpretation;
}

const fhirQuantity = (q: Quantity, value: number): FhirQuantity => ({ value, unit: QUANTITIES[q].unit, system: UCUM, code: QUANTITIES[q].unit });

/** A line of text a person can read (the PHR profile requires Observation.text). */
export function measurementText(m: Measurement): string {
  const v = m.values;
  switch (m.kind) {
    case 'blood-pressure':
      return `Blood pressure ${v.systolic}/${v.diastolic} mmHg${v.pulse !== undefined ? `, pulse ${v.pulse}/min` : ''}`;
    case 'blood-glucose':
      return `Blood glucose ${v.glucose} mmol/L`;
    case 'weight':
      return `Body weight ${v.weight} kg`;
    case 'pef':
      return `Peak expiratory flow ${v.pef} L/min`;
  }
}

const escapeXml = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

/** The Observation of a home measurement as the Kanta PHR profile of its kind describes it. */
export function measurementObservation(m: Measurement, facts: ObservationFacts): Observation {
  const kind = KINDS[m.kind];
  const quantities = kind.quantities.filter((q) => m.values[q] !== undefined);
  const value = m.kind === 'blood-pressure'
    ? { component: quantities.map((q) => ({ code: { coding: [{ system: LOINC, code: QUANTITIES[q].code, display: QUANTITIES[q].display }] }, valueQuantity: fhirQuantity(q, m.values[q] as number) })) }
    : { valueQuantity: fhirQuantity(quantities[0] as Quantity, m.values[quantities[0] as Quantity] as number) };
  const extension: Extension[] = m.contexts.map((c) => ({ url: MEASUREMENT_CONTEXT_EXTENSION, valueCode: c }));
  return {
    resourceType: 'Observation',
    meta: { profile: [kind.profile] },
    language: facts.language,
    text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(measurementText(m))}</div>` },
    ...(extension.length > 0 ? { extension } : {}),
    identifier: [{ system: SELF_MEASUREMENT_IDENTIFIER, value: facts.identifier }],
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: 'vital-signs', display: 'Vital Signs' }] }],
    code: { coding: [{ system: LOINC, code: kind.code, display: kind.display }] },
    subject: { reference: facts.patient },
    effectiveDateTime: m.at,
    issued: facts.issued,
    performer: [{ reference: facts.patient }],
    ...(facts.interpretation ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: facts.interpretation, display: INTERPRETATION_DISPLAY[facts.interpretation] }] }] } : {}),
    ...value,
  };
}

/** The LOINC code of a concept, or what was there instead. */
function loincOf(concept: Observation['code'] | undefined): { code?: string; other?: string } {
  const coding = concept?.coding ?? [];
  const loinc = coding.find((c) => c.system === LOINC);
  return loinc ? { code: loinc.code } : { other: coding.map((c) => `${c.system ?? ''}|${c.code ?? ''}`).join(', ') || concept?.text };
}

/**
 * A measurement read back from an Observation a device or app sent, with every reason it is
 * not a home measurement Ovi can store: an unknown code, a profile of another kind, a status
 * other than final, a time that is not one instant, a value without its UCUM unit.
 */
export function readMeasurement(obs: Observation): { measurement?: Measurement; units: Partial<Record<Quantity, string>>; problems: MeasurementProblem[] } {
  const problems: MeasurementProblem[] = [];
  const units: Partial<Record<Quantity, string>> = {};
  const { code, other } = loincOf(obs.code);
  const kind: MeasurementKind | undefined = kindOfCode(code);
  if (!kind) {
    return { units, problems: [{ field: 'code', message: `Observation.code ${code ? `LOINC ${code}` : `'${String(other ?? '').slice(0, 60)}'`} is not a home measurement Ovi records: use LOINC 85354-9 (blood pressure), 15074-8 or 14743-9 (blood glucose), 29463-7 (body weight) or 19935-6 (PEF)` }] };
  }
  const profiles = obs.meta?.profile ?? [];
  if (profiles.length > 0 && !profiles.includes(KINDS[kind].profile)) problems.push({ field: 'meta.profile', message: `A ${kind} measurement follows the Kanta PHR profile ${KINDS[kind].profile}` });
  if (obs.status !== 'final') problems.push({ field: 'status', message: "A home measurement is stored with status 'final'" });
  if (!obs.effectiveDateTime) problems.push({ field: 'effectiveDateTime', message: 'effectiveDateTime (when it was measured) is required' });
  const values: Partial<Record<Quantity, number>> = {};
  const take = (q: Quantity | undefined, quantity: FhirQuantity | undefined, where: string) => {
    if (!q || !KINDS[kind].quantities.includes(q)) return problems.push({ field: where, message: `${where} names a code that is not part of a ${kind} measurement` });
    if (!quantity) return problems.push({ field: q, message: `${QUANTITIES[q].display} needs a valueQuantity` });
    if (quantity.system !== undefined && quantity.system !== UCUM) problems.push({ field: q, message: `${QUANTITIES[q].display} needs a UCUM unit (system ${UCUM})` });
    units[q] = quantity.code ?? quantity.unit ?? '';
    values[q] = quantity.value as number;
    return 0;
  };
  if (kind === 'blood-pressure') {
    if (obs.valueQuantity) problems.push({ field: 'valueQuantity', message: 'A blood pressure carries its values as components (8480-6 systolic, 8462-4 diastolic), not valueQuantity' });
    (obs.component ?? []).forEach((c, i) => take(quantityOfCode(loincOf(c.code).code), c.valueQuantity, `component[${i}]`));
  } else {
    if (obs.component?.length) problems.push({ field: 'component', message: `A ${kind} measurement has one valueQuantity and no components` });
    take(KINDS[kind].quantities[0], obs.valueQuantity, 'valueQuantity');
  }
  const contexts = (obs.extension ?? []).filter((e) => e.url === MEASUREMENT_CONTEXT_EXTENSION).map((e) => e.valueCode);
  const bad = contexts.filter((c) => !isMeasurementContext(c));
  if (bad.length > 0) problems.push({ field: 'contexts', message: `Unknown measurement context '${String(bad[0]).slice(0, 40)}'` });
  const measurement: Measurement = { kind, at: obs.effectiveDateTime ?? '', values, contexts: contexts.filter(isMeasurementContext) as MeasurementContext[] };
  return { measurement, units, problems };
}

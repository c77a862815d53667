import type { Bundle, BundleEntry, MedicationRequest, MedicationStatement, Reference, Resource } from '@medplum/fhirtypes';

/**
 * What a Synthea-style R4 Bundle becomes in Ovi (decision 026), worked out without touching the
 * database: its one Patient is mapped to an existing client, the clinical records Ovi stores
 * are kept (prescriptions as medication statements), everything else is dropped with a reason.
 * References are rewritten when the records are written (`linkReferences`), in this order, so
 * a visit exists before the diagnoses made in it.
 */

/** The types kept, in the order they are written: what others point to comes first. */
export const IMPORT_ORDER = ['Encounter', 'Condition', 'AllergyIntolerance', 'Procedure', 'MedicationStatement', 'Immunization', 'Observation', 'DocumentReference'] as const;

/** Why each type Synthea writes is not stored; a type not listed is dropped as unknown to Ovi. */
const DROP_REASONS: Record<string, string> = {
  Organization: 'the region’s own organisations are Ovi’s directory; the source’s are kept as display text only',
  Practitioner: 'the region’s own professionals are Ovi’s directory; the source’s are kept as display text only',
  PractitionerRole: 'the region’s own professionals are Ovi’s directory',
  Location: 'the region’s own places are Ovi’s directory',
  Claim: 'billing is not kept in Ovi',
  ExplanationOfBenefit: 'billing is not kept in Ovi',
  Coverage: 'insurance is not kept in Ovi',
  Provenance: 'Ovi records its own provenance in the audit log',
  CareTeam: 'a care team gives access to the client; it is formed in Ovi, not imported',
  CarePlan: 'care plans are not kept in Ovi',
  Goal: 'targets are set by the client’s team in Ovi',
  DiagnosticReport: 'reports are not kept in Ovi; their results arrive as Observations',
  ImagingStudy: 'imaging is not kept in Ovi',
  Device: 'devices are not kept in Ovi',
  SupplyDelivery: 'supplies are not kept in Ovi',
  Medication: 'used only to name the medicine of a prescription',
  MedicationAdministration: 'single doses given are not kept in Ovi',
};

export interface PlannedEntry {
  /** The entry's fullUrl (or `Type/id`), by which other entries refer to it. */
  source: string;
  resource: Resource;
  /** What was changed on the way (a prescription became a medication statement). */
  note?: string;
}

export interface DroppedEntry {
  source: string;
  resourceType: string;
  reason: string;
}

export interface ImportPlan {
  /** The bundle's Patient (its fullUrl and `Patient/<id>`) and the Ovi client it becomes. */
  patientSources: string[];
  client: string;
  entries: PlannedEntry[];
  dropped: DroppedEntry[];
}

export class ImportRefused extends Error {}

/** The plan for one bundle whose Patient becomes `client` (`Patient/<id>`). */
export function planSyntheaImport(bundle: unknown, client: string): ImportPlan {
  const entries = bundleEntries(bundle);
  const patients = entries.filter((e) => e.resource?.resourceType === 'Patient');
  if (patients.length !== 1) throw new ImportRefused(`The bundle must hold exactly one Patient, not ${patients.length}: each bundle is mapped to one client`);
  const patient = patients[0] as BundleEntry;
  const medicines = new Map(entries.filter((e) => e.resource?.resourceType === 'Medication').flatMap((e) => sourcesOf(e).map((s) => [s, e.resource as Resource] as const)));
  const planned: PlannedEntry[] = [];
  const dropped: DroppedEntry[] = [];
  entries.forEach((entry, index) => {
    const resource = entry.resource;
    const source = sourcesOf(entry)[0] ?? `entry[${index}]`;
    if (!resource || entry === patient) return;
    const type = resource.resourceType;
    if (type === 'MedicationRequest') {
      const mapped = statementOfPrescription(resource, medicines);
      if (typeof mapped === 'string') dropped.push({ source, resourceType: type, reason: mapped });
      else planned.push({ source, resource: mapped, note: `prescription ${resource.status} recorded as a MedicationStatement ${mapped.status}` });
      return;
    }
    if (!(IMPORT_ORDER as readonly string[]).includes(type)) {
      dropped.push({ source, resourceType: type, reason: DROP_REASONS[type] ?? `Ovi does not store ${type} resources` });
      return;
    }
    planned.push({ source, resource: withoutServerFields(resource) });
  });
  const rank = (r: Resource) => (IMPORT_ORDER as readonly string[]).indexOf(r.resourceType);
  // A stable sort: within a type, the bundle's order.
  planned.sort((a, b) => rank(a.resource) - rank(b.resource));
  return { patientSources: sourcesOf(patient), client, entries: planned, dropped };
}

function bundleEntries(bundle: unknown): BundleEntry[] {
  const b = bundle as Bundle | undefined;
  if (!b || typeof b !== 'object' || b.resourceType !== 'Bundle') throw new ImportRefused('The file must hold a FHIR Bundle');
  if (!['transaction', 'batch', 'collection'].includes(b.type ?? '')) throw new ImportRefused(`A ${b.type ?? 'typeless'} Bundle is not a set of records to load: use a transaction, batch or collection`);
  return b.entry ?? [];
}

/** The names an entry is referred to by: its fullUrl and `Type/id`. */
function sourcesOf(entry: BundleEntry): string[] {
  const r = entry.resource;
  return [entry.fullUrl, r?.id ? `${r.resourceType}/${r.id}` : undefined].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** Ovi gives ids, versions and register labels; a source's profile claims are not Ovi's to vouch for. */
function withoutServerFields<T extends Resource>(resource: T): T {
  const { id: _id, meta: _meta, ...rest } = resource;
  return rest as T;
}

const STATEMENT_STATUS: Partial<Record<NonNullable<MedicationRequest['status']>, MedicationStatement['status']>> = {
  active: 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  stopped: 'stopped',
  unknown: 'unknown',
};

/**
 * A prescription says the medicine was ordered; Ovi keeps what the client uses or used, as
 * a MedicationStatement. One cancelled, drafted or recorded in error was never in use: dropped.
 */
function statementOfPrescription(request: MedicationRequest, medicines: Map<string, Resource>): MedicationStatement | string {
  const status = request.status ? STATEMENT_STATUS[request.status] : undefined;
  if (!status) return `a ${request.status ?? 'status-less'} prescription was never in use`;
  const medication = request.medicationCodeableConcept ?? codeOf(request.medicationReference, medicines);
  if (!medication) return 'the prescription names no medicine that is in the bundle';
  const dosage = request.dosageInstruction?.map(({ sequence, text, timing, route, doseAndRate }) => ({
    ...(sequence !== undefined ? { sequence } : {}),
    ...(text ? { text } : {}),
    ...(timing ? { timing } : {}),
    ...(route ? { route } : {}),
    ...(doseAndRate ? { doseAndRate } : {}),
  }));
  return {
    resourceType: 'MedicationStatement',
    ...(request.identifier ? { identifier: request.identifier } : {}),
    status,
    medicationCodeableConcept: medication,
    subject: request.subject,
    ...(request.encounter ? { context: request.encounter } : {}),
    ...(request.authoredOn ? { effectiveDateTime: request.authoredOn, dateAsserted: request.authoredOn } : {}),
    // Who prescribed it is where the information came from (a device cannot be that source).
    ...(request.requester && !request.requester.reference?.startsWith('Device') ? { informationSource: request.requester as MedicationStatement['informationSource'] } : {}),
    ...(request.reasonCode ? { reasonCode: request.reasonCode } : {}),
    ...(request.reasonReference ? { reasonReference: request.reasonReference } : {}),
    ...(dosage?.length ? { dosage } : {}),
    note: [{ text: 'Imported from a prescription (MedicationRequest)' }],
  };
}

function codeOf(reference: Reference | undefined, medicines: Map<string, Resource>): MedicationStatement['medicationCodeableConcept'] {
  const medicine = reference?.reference ? medicines.get(reference.reference) : undefined;
  return medicine?.resourceType === 'Medication' ? medicine.code : undefined;
}

/**
 * The resource with each reference pointed at what it became in Ovi: the bundle's Patient at
 * the client, a written entry at its new id. A reference to anything not written (a dropped
 * Practitioner, a conditional `Organization?identifier=…`, an entry that failed) keeps its
 * display text only, and is reported, so nothing points at a record Ovi does not have.
 */
export function linkReferences<T extends Resource>(resource: T, resolve: (reference: string) => string | undefined): { resource: T; unlinked: string[] } {
  const unlinked: string[] = [];
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(object)) copy[key] = key === 'reference' ? item : walk(item);
    if (typeof object.reference !== 'string') return copy;
    const target = resolve(object.reference);
    if (target) return { ...copy, reference: target, ...(target.startsWith('Patient/') ? { display: undefined } : {}) };
    unlinked.push(object.reference);
    const { reference: _r, ...rest } = copy;
    return { ...rest, display: typeof object.display === 'string' ? object.display : `Not imported: ${object.reference.split('?')[0]}` };
  };
  return { resource: JSON.parse(JSON.stringify(walk(resource))) as T, unlinked };
}

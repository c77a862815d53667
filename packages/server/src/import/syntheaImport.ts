import type { Bundle, Patient } from '@medplum/fhirtypes';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { FhirError } from '../fhir/outcomes';
import { SYSTEMS } from '@ovi/domain';
import { ImportRefused, linkReferences, planSyntheaImport, type DroppedEntry, type ImportPlan } from './syntheaMapping';

export interface ImportReport {
  client: string;
  created: Array<{ source: string; reference: string; note?: string }>;
  dropped: DroppedEntry[];
  failed: Array<{ source: string; resourceType: string; status: number; message: string }>;
  /** References kept as display text only: to what was not imported. */
  unlinked: Array<{ source: string; reference: string }>;
}

/**
 * Finds the client a bundle is loaded for, by their personal identity code, as the writing
 * professional looks anyone up: one full code, audited (the access to the client's records
 * then needs a relationship or the recorded reason).
 */
export async function clientByIdentityCode(fhir: FhirService, ctx: RequestContext, code: string): Promise<string> {
  const found = await fhir.search(ctx, 'Patient', new URLSearchParams({ identifier: `${SYSTEMS.personalIdentityCode}|${code}` }));
  const patients = (found.entry ?? []).map((e) => e.resource as Patient);
  if (patients.length !== 1 || !patients[0]?.id) throw new ImportRefused(`No single client has the personal identity code given (found ${patients.length})`);
  return `Patient/${patients[0].id}`;
}

/**
 * Loads a Synthea-style bundle for one client through the FHIR service, entry by entry, as
 * `ctx`'s professional writing them: each write is validated, access-checked, register-labelled
 * and audited as if sent to the API. An entry refused is reported and the rest still load;
 * what pointed at it keeps its display text only.
 */
export async function importSyntheaBundle(fhir: FhirService, ctx: RequestContext, bundle: Bundle | unknown, client: string): Promise<ImportReport> {
  const plan = planSyntheaImport(bundle, client);
  return writePlan(fhir, ctx, plan);
}

async function writePlan(fhir: FhirService, ctx: RequestContext, plan: ImportPlan): Promise<ImportReport> {
  const written = new Map<string, string>(plan.patientSources.map((s) => [s, plan.client]));
  const report: ImportReport = { client: plan.client, created: [], dropped: plan.dropped, failed: [], unlinked: [] };
  const resolve = (reference: string) => (reference.startsWith('#') ? reference : written.get(reference));
  for (const entry of plan.entries) {
    const { resource, unlinked } = linkReferences(entry.resource, resolve);
    try {
      const { resource: stored } = await fhir.create(ctx, resource.resourceType, resource);
      const reference = `${stored.resourceType}/${stored.id}`;
      written.set(entry.source, reference);
      report.created.push({ source: entry.source, reference, ...(entry.note ? { note: entry.note } : {}) });
      report.unlinked.push(...unlinked.map((r) => ({ source: entry.source, reference: r })));
    } catch (error) {
      if (!(error instanceof FhirError)) throw error;
      // Every refusal leaves an audit record (the API's error handler does this for requests).
      if (!error.audited) {
        await fhir.audit.record({ user: ctx.user, interaction: 'create', what: [`import ${resource.resourceType}`], patients: [plan.client], success: false, description: error.message.slice(0, 500), ...(ctx.reason ? { reason: ctx.reason } : {}) });
      }
      const issue = error.outcome.issue?.[0];
      report.failed.push({ source: entry.source, resourceType: resource.resourceType, status: error.status, message: issue?.diagnostics ?? issue?.details?.text ?? error.message });
    }
  }
  return report;
}

/** The report as lines for a person at a terminal. */
export function describeReport(report: ImportReport): string[] {
  const count = (items: Array<{ reference: string }>) =>
    Object.entries(items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.reference.split('/')[0] ?? '']: (acc[i.reference.split('/')[0] ?? ''] ?? 0) + 1 }), {}))
      .map(([type, n]) => `${n} ${type}`)
      .join(', ');
  return [
    `created for ${report.client}: ${report.created.length}${report.created.length ? ` (${count(report.created)})` : ''}`,
    ...report.created.filter((c) => c.note).map((c) => `  ${c.reference}: ${c.note}`),
    `dropped: ${report.dropped.length}`,
    ...report.dropped.map((d) => `  ${d.resourceType} ${d.source}: ${d.reason}`),
    `kept as display text only (not imported): ${report.unlinked.length} reference(s)`,
    ...[...new Set(report.unlinked.map((u) => u.reference))].map((r) => `  ${r}`),
    `failed: ${report.failed.length}`,
    ...report.failed.map((f) => `  ${f.resourceType} ${f.source}: ${f.status} ${f.message}`),
  ];
}

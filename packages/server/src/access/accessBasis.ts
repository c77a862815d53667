import type { Coding, Resource } from '@medplum/fhirtypes';
import { OVI_FHIR_BASE } from '@ovi/domain';

/** How access was granted, as recorded on audit records and on what was written. */
export const ACCESS_BASIS_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/access-basis`;

const RECORDED_REASON: Coding = { system: ACCESS_BASIS_SYSTEM, code: 'recorded-reason', display: 'Written on a recorded reason, without a care relationship' };

/**
 * Marks a resource written on a recorded reason. Such a write never creates a care
 * relationship (relationships.ts skips marked Tasks, Appointments and CareTeams), so one
 * reasoned access cannot become lasting access without one.
 */
export function markWrittenByReason<T extends Resource>(resource: T): T {
  const tags = (resource.meta?.tag ?? []).filter((t) => !(t.system === ACCESS_BASIS_SYSTEM && t.code === RECORDED_REASON.code));
  return { ...resource, meta: { ...resource.meta, tag: [...tags, RECORDED_REASON] } };
}

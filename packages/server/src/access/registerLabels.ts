import type { Coding, Resource } from '@medplum/fhirtypes';
import { CARE_PLAN, REGISTERS, SYSTEMS, type Register } from '@ovi/domain';

const LABELS: Record<Register, Coding> = {
  health: { system: SYSTEMS.register, code: 'health', display: 'Health-care register' },
  social: { system: SYSTEMS.register, code: 'social', display: 'Social-welfare register' },
};

/**
 * The register a record belongs to, from its `meta.security` label; undefined for records
 * both registers share (the client's identity: Patient, RelatedPerson; consents; client teams).
 */
export function registerOfResource(resource: Resource): Register | undefined {
  const code = resource.meta?.security?.find((s) => s.system === SYSTEMS.register)?.code;
  return (REGISTERS as readonly string[]).includes(code ?? '') ? (code as Register) : undefined;
}

/**
 * Every register whose content a record holds: its own label and, for a shared client plan,
 * the register of each action (a plan mixes both; decision 031). Reading it whole needs each.
 */
export function registersOfResource(resource: Resource): Register[] {
  const own = registerOfResource(resource);
  const actions = resource.resourceType === 'CarePlan'
    ? (resource.activity ?? []).flatMap((a) => (a.detail?.extension ?? []).filter((e) => e.url === CARE_PLAN.activityRegisterExtension).map((e) => e.valueCode ?? ''))
    : [];
  return [...new Set([...(own ? [own] : []), ...actions])].filter((r): r is Register => (REGISTERS as readonly string[]).includes(r));
}

/** The record labelled with its register (any earlier register label replaced). */
export function inRegister<T extends Resource>(resource: T, register: Register): T {
  const others = (resource.meta?.security ?? []).filter((s) => s.system !== SYSTEMS.register);
  return { ...resource, meta: { ...resource.meta, security: [...others, LABELS[register]] } };
}

/** The record without any register label. */
export function withoutRegister<T extends Resource>(resource: T): T {
  const security = resource.meta?.security;
  if (!security?.some((s) => s.system === SYSTEMS.register)) return resource;
  const kept = security.filter((s) => s.system !== SYSTEMS.register);
  const { security: _dropped, ...meta } = resource.meta ?? {};
  return { ...resource, meta: kept.length > 0 ? { ...meta, security: kept } : meta };
}

/** Types whose records are shared by both registers (identity and the client's own choices). */
export const SHARED_TYPES = new Set(['Patient', 'RelatedPerson', 'Consent', 'CareTeam', 'AuditEvent', 'CarePlan']);

/**
 * SMART App Launch scopes (2.x, with the 1.x `.read`/`.write`/`.*` forms accepted) and what
 * they allow. A scope only narrows: what Ovi's own access rules refuse stays refused.
 */

export type ScopeContext = 'patient' | 'user';
/** SMART 2 permissions: create, read, update, delete, search. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
  context: ScopeContext;
  /** A resource type, or `*` for every type. */
  type: string;
  permissions: ReadonlySet<Permission>;
}

const ORDER: Permission[] = ['c', 'r', 'u', 'd', 's'];
const V1: Record<string, Permission[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ['c', 'r', 'u', 'd', 's'] };
const SCOPE = /^(patient|user)\/(\*|[A-Z][A-Za-z]{0,63})\.([a-z*]+)$/;

/** A resource scope, or undefined when the text is not one (`openid`, `launch/patient`, a typo). */
export function parseResourceScope(text: string): ResourceScope | undefined {
  const m = SCOPE.exec(text);
  if (!m) return undefined;
  const [, context, type, rest] = m as unknown as [string, ScopeContext, string, string];
  const v1 = V1[rest];
  if (v1) return { context, type, permissions: new Set(v1) };
  // SMART 2: letters from cruds, each once, in that order (`rs`, `cud`; not `sr`).
  let at = 0;
  const permissions = new Set<Permission>();
  for (const letter of rest) {
    const index = ORDER.indexOf(letter as Permission, at);
    if (index < 0) return undefined;
    permissions.add(letter as Permission);
    at = index + 1;
  }
  return permissions.size > 0 ? { context, type, permissions } : undefined;
}

/** The resource scopes among the granted ones (the others are OpenID and launch scopes). */
export function resourceScopes(scope: string): ResourceScope[] {
  return scope
    .split(/\s+/)
    .map(parseResourceScope)
    .filter((s): s is ResourceScope => s !== undefined);
}

/** Which scope contexts let the token do `permission` on `type`; empty when none does. */
export function contextsAllowing(scopes: readonly ResourceScope[], type: string, permission: Permission): ScopeContext[] {
  const contexts = scopes.filter((s) => (s.type === '*' || s.type === type) && s.permissions.has(permission)).map((s) => s.context);
  return [...new Set(contexts)];
}

/**
 * The resource scopes a SMART server may list and grant: every context × type (and `*`) × each
 * SMART 2 permission combination, and the 1.x forms. oidc-provider grants only listed scopes.
 */
export function allResourceScopes(types: readonly string[]): string[] {
  const combos: string[] = [];
  for (let mask = 1; mask < 32; mask++) combos.push(ORDER.filter((_, i) => mask & (1 << i)).join(''));
  const suffixes = [...combos, ...Object.keys(V1)];
  return (['patient', 'user'] as const).flatMap((context) => ['*', ...types].flatMap((type) => suffixes.map((s) => `${context}/${type}.${s}`)));
}

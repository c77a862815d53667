export const ROLES = ['resident', 'guidance', 'professional', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: travels with each request, never stored in module state. */
export interface UserContext {
  username: string;
  roles: Role[];
  /** `Patient/…` for residents, `Practitioner/…` for staff. */
  fhirUser: string;
  name: string;
}

export const hasRole = (user: UserContext, ...roles: Role[]) => user.roles.some((r) => roles.includes(r));
export const isStaff = (user: UserContext) => hasRole(user, 'guidance', 'professional');

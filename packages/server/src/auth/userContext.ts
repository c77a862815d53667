export const ROLES = ['resident', 'guidance', 'professional', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: travels with each request, never stored in module state. */
export interface UserContext {
  username: string;
  roles: Role[];
  /** `Patient/…` for residents, `Practitioner/…` for staff. */
  fhirUser: string;
  name: string;
  /** Set when the request comes from a SMART app with an access token Ovi's OpenID provider issued (decision 027). */
  app?: AppGrant;
}

/** What a SMART app's access token allows, on top of what the user may do. */
export interface AppGrant {
  clientId: string;
  /** The granted scopes, space-separated (`patient/Observation.rs launch/patient …`). */
  scope: string;
  /** The launch patient (`Patient/…`) of patient-context scopes, when the token has one. */
  patient?: string;
  /**
   * For this request: only this patient's data may be touched (the request is allowed by a
   * `patient/…` scope only). A resident's representation of others does not reach an app.
   */
  compartment?: string;
}

export const hasRole = (user: UserContext, ...roles: Role[]) => user.roles.some((r) => roles.includes(r));
export const isStaff = (user: UserContext) => hasRole(user, 'guidance', 'professional');

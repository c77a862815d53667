import { contextsAllowing, resourceScopes, type Permission } from '@ovi/domain';
import { forbidden, type FhirError } from '../fhir/outcomes';
import type { UserContext } from '../auth/userContext';

const FHIR_BASE = '/fhir/R4';

/** What a request asks of a type: which SMART permission it needs. */
export interface ScopedRequest {
  type: string;
  permission: Permission;
}

/**
 * The type and permission a FHIR REST request needs (R4 http.html): read and vread and
 * history of an instance `r`; search and type history `s`; create `c`; update and patch `u`;
 * delete `d`. An operation reads (`r`) when it is a GET and writes otherwise (`c` on a type,
 * `u` on an instance); a batch or transaction needs writing on every type (`*`).
 * Undefined for paths outside the FHIR API.
 */
export function scopedRequest(method: string, url: string): ScopedRequest | undefined {
  const path = url.split('?', 1)[0] ?? '';
  if (path !== FHIR_BASE && !path.startsWith(`${FHIR_BASE}/`)) return undefined;
  const parts = path.slice(FHIR_BASE.length).split('/').filter(Boolean).map(safeDecode);
  const [type, second, third] = parts;
  const reading = method === 'GET' || method === 'HEAD';
  if (!type) return { type: '*', permission: reading ? 's' : 'c' };
  if (second === undefined) return { type, permission: reading ? 's' : 'c' };
  if (second === '_search') return { type, permission: 's' };
  if (second === '_history') return { type, permission: 's' };
  if (second.startsWith('$')) return { type, permission: reading ? 'r' : 'c' };
  // Patient/123/Observation: a compartment search of the last type.
  if (third && /^[A-Z]/.test(third)) return { type: third, permission: 's' };
  if (third?.startsWith('$')) return { type, permission: reading ? 'r' : 'u' };
  if (reading) return { type, permission: 'r' };
  return { type, permission: method === 'DELETE' ? 'd' : method === 'POST' ? 'c' : 'u' };
}

/**
 * The user of a request made with a SMART app's token, narrowed to what its scopes allow
 * (on top of Ovi's own rules, which still decide): 403 `insufficient_scope` when no scope
 * allows it; when only `patient/…` scopes do, the request reaches the launch patient's data
 * only (decision 027).
 */
export function narrowToScopes(user: UserContext, method: string, url: string): UserContext {
  const app = user.app;
  if (!app) return user;
  const asked = scopedRequest(method, url);
  if (!asked) throw insufficientScope('This access token was issued to an app for the FHIR API only');
  const scopes = resourceScopes(app.scope);
  const contexts = asked.type === '*' ? everyTypeContexts(app.scope, asked.permission) : contextsAllowing(scopes, asked.type, asked.permission);
  if (contexts.length === 0) {
    throw insufficientScope(`The app's access (scopes: ${app.scope}) does not allow ${WORDS[asked.permission]} ${asked.type === '*' ? 'every type' : asked.type}`);
  }
  if (contexts.includes('user')) return user;
  if (!app.patient) throw insufficientScope('The token has patient scopes but no launch patient');
  return { ...user, app: { ...app, compartment: app.patient } };
}

/** A batch or transaction: only a scope on every type (`user/*.cud`) allows it. */
function everyTypeContexts(scope: string, permission: Permission) {
  return resourceScopes(scope).filter((s) => s.type === '*' && s.permissions.has(permission) && (permission !== 'c' || s.permissions.has('u'))).map((s) => s.context);
}

const WORDS: Record<Permission, string> = { c: 'creating', r: 'reading', u: 'updating', d: 'deleting', s: 'searching' };

/** 403 with the RFC 6750 challenge an app understands. */
function insufficientScope(message: string): FhirError {
  const error = forbidden(message);
  return Object.assign(error, { challenge: `Bearer error="insufficient_scope", error_description="${message.replace(/["\\]/g, '')}"` });
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

import { describe, expect, it } from 'vitest';
import type { UserContext } from '../auth/userContext';
import { FhirError } from '../fhir/outcomes';
import { narrowToScopes, scopedRequest } from './scopeEnforcement';

const resident: UserContext = { username: 'resident', roles: ['resident'], fhirUser: 'Patient/p-aino', name: 'Aino' };
const withScope = (scope: string, patient?: string): UserContext => ({ ...resident, app: { clientId: 'app', scope, ...(patient ? { patient } : {}) } });

describe('what a FHIR request needs', () => {
  it('maps each REST interaction to its SMART permission', () => {
    expect(scopedRequest('GET', '/fhir/R4/Observation?patient=x')).toEqual({ type: 'Observation', permission: 's' });
    expect(scopedRequest('POST', '/fhir/R4/Observation/_search')).toEqual({ type: 'Observation', permission: 's' });
    expect(scopedRequest('GET', '/fhir/R4/Observation/1')).toEqual({ type: 'Observation', permission: 'r' });
    expect(scopedRequest('GET', '/fhir/R4/Observation/1/_history/2')).toEqual({ type: 'Observation', permission: 'r' });
    expect(scopedRequest('GET', '/fhir/R4/Observation/_history')).toEqual({ type: 'Observation', permission: 's' });
    expect(scopedRequest('POST', '/fhir/R4/Observation')).toEqual({ type: 'Observation', permission: 'c' });
    expect(scopedRequest('PUT', '/fhir/R4/Observation/1')).toEqual({ type: 'Observation', permission: 'u' });
    expect(scopedRequest('PATCH', '/fhir/R4/Observation/1')).toEqual({ type: 'Observation', permission: 'u' });
    expect(scopedRequest('DELETE', '/fhir/R4/Observation/1')).toEqual({ type: 'Observation', permission: 'd' });
    expect(scopedRequest('GET', '/fhir/R4/Appointment/$find')).toEqual({ type: 'Appointment', permission: 'r' });
    expect(scopedRequest('POST', '/fhir/R4/Appointment/$book')).toEqual({ type: 'Appointment', permission: 'c' });
    expect(scopedRequest('POST', '/fhir/R4/Task/1/$claim')).toEqual({ type: 'Task', permission: 'u' });
    expect(scopedRequest('GET', '/fhir/R4/Patient/1/Observation')).toEqual({ type: 'Observation', permission: 's' });
    expect(scopedRequest('POST', '/fhir/R4')).toEqual({ type: '*', permission: 'c' });
    expect(scopedRequest('GET', '/api/queue')).toBeUndefined();
    expect(scopedRequest('GET', '/fhir/R4x/Observation')).toBeUndefined();
  });
});

describe('a SMART token narrowed to its scopes', () => {
  const status = (f: () => unknown) => {
    try {
      f();
      return 200;
    } catch (e) {
      return (e as FhirError).status;
    }
  };

  it('leaves Ovi session users alone', () => {
    expect(narrowToScopes(resident, 'POST', '/fhir/R4/Task')).toBe(resident);
  });

  it('refuses what no scope allows, with the insufficient_scope challenge', () => {
    const user = withScope('openid patient/Observation.rs launch/patient', 'Patient/p-aino');
    expect(status(() => narrowToScopes(user, 'GET', '/fhir/R4/Task'))).toBe(403);
    expect(status(() => narrowToScopes(user, 'POST', '/fhir/R4/Observation'))).toBe(403);
    expect(status(() => narrowToScopes(user, 'GET', '/api/self-monitoring/summary'))).toBe(403);
    try {
      narrowToScopes(user, 'GET', '/fhir/R4/Task');
    } catch (e) {
      expect((e as { challenge?: string }).challenge).toMatch(/^Bearer error="insufficient_scope"/);
    }
  });

  it('confines a patient-scope request to the launch patient, and a user-scope one not', () => {
    expect(narrowToScopes(withScope('patient/*.rs', 'Patient/p-aino'), 'GET', '/fhir/R4/Observation').app?.compartment).toBe('Patient/p-aino');
    expect(narrowToScopes(withScope('patient/*.rs user/Observation.rs', 'Patient/p-aino'), 'GET', '/fhir/R4/Observation').app?.compartment).toBeUndefined();
    expect(status(() => narrowToScopes(withScope('patient/*.rs'), 'GET', '/fhir/R4/Observation'))).toBe(403);
  });

  it('lets a batch through only with a * scope that creates and updates', () => {
    expect(status(() => narrowToScopes(withScope('user/*.rs'), 'POST', '/fhir/R4'))).toBe(403);
    expect(status(() => narrowToScopes(withScope('user/*.c'), 'POST', '/fhir/R4'))).toBe(403);
    expect(status(() => narrowToScopes(withScope('user/Observation.cu'), 'POST', '/fhir/R4'))).toBe(403);
    expect(status(() => narrowToScopes(withScope('user/*.cruds'), 'POST', '/fhir/R4'))).toBe(200);
  });
});

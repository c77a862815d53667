import { describe, expect, it } from 'vitest';
import { allResourceScopes, contextsAllowing, parseResourceScope, resourceScopes } from './smartScopes';

describe('SMART scopes', () => {
  it('reads SMART 2 permissions in cruds order', () => {
    expect(parseResourceScope('patient/Observation.rs')).toEqual({ context: 'patient', type: 'Observation', permissions: new Set(['r', 's']) });
    expect([...(parseResourceScope('user/*.cruds')?.permissions ?? [])]).toEqual(['c', 'r', 'u', 'd', 's']);
    expect([...(parseResourceScope('user/Task.cud')?.permissions ?? [])]).toEqual(['c', 'u', 'd']);
  });

  it('reads the SMART 1 forms', () => {
    expect([...(parseResourceScope('patient/*.read')?.permissions ?? [])]).toEqual(['r', 's']);
    expect([...(parseResourceScope('user/Observation.write')?.permissions ?? [])]).toEqual(['c', 'u', 'd']);
    expect([...(parseResourceScope('user/Observation.*')?.permissions ?? [])]).toEqual(['c', 'r', 'u', 'd', 's']);
  });

  it('refuses what is not a resource scope', () => {
    for (const text of ['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/Observation.sr', 'patient/Observation.rr', 'patient/Observation.', 'system/*.rs', 'patient/observation.rs', 'patient/Observation.x', 'patient/*.rs extra'])
      expect(parseResourceScope(text)).toBeUndefined();
  });

  it('tells which contexts allow an interaction', () => {
    const scopes = resourceScopes('openid fhirUser patient/Observation.rs user/Task.r launch/patient');
    expect(scopes).toHaveLength(2);
    expect(contextsAllowing(scopes, 'Observation', 'r')).toEqual(['patient']);
    expect(contextsAllowing(scopes, 'Observation', 's')).toEqual(['patient']);
    expect(contextsAllowing(scopes, 'Observation', 'c')).toEqual([]);
    expect(contextsAllowing(scopes, 'Task', 'r')).toEqual(['user']);
    expect(contextsAllowing(scopes, 'Task', 's')).toEqual([]);
    expect(contextsAllowing(scopes, 'Patient', 'r')).toEqual([]);
    expect(contextsAllowing(resourceScopes('patient/*.rs user/*.rs'), 'Patient', 'r')).toEqual(['patient', 'user']);
  });

  it('lists every grantable scope once, each parsing back to itself', () => {
    const all = allResourceScopes(['Observation']);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(2 * 2 * (31 + 3));
    expect(all).toContain('patient/Observation.rs');
    expect(all).toContain('user/*.read');
    for (const scope of all) expect(parseResourceScope(scope)).toBeDefined();
  });
});

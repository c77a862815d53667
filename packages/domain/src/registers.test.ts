import { describe, expect, it } from 'vitest';
import { defaultServiceRegisters, registerOf } from './registers';

describe('registerOf', () => {
  it.each([
    ['primary-care', 'health'],
    ['oral-health', 'health'],
    ['psychosocial-treatment', 'health'],
    ['family-centre', 'health'],
    ['social-services', 'social'],
  ])('%s → %s', (service, register) => {
    expect(registerOf(service)).toBe(register);
  });
  it('counts an unknown service as health, the stricter licence check', () => {
    expect(registerOf('physio-gym')).toBe('health');
    expect(registerOf('')).toBe('health');
  });
  it('does not take inherited object properties for services', () => {
    expect(registerOf('toString')).toBe('health');
    expect(registerOf('__proto__')).toBe('health');
  });
  it("uses a region's own map", () => {
    const map = { ...defaultServiceRegisters, 'debt-advice': 'social' as const };
    expect(registerOf('debt-advice', map)).toBe('social');
    expect(registerOf('debt-advice')).toBe('health');
  });
});

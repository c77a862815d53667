/**
 * Which register a service's records belong to. Social-welfare and health records are kept
 * apart (client-data act 703/2023), and a matter's register follows its service. Data, so a
 * region that adds a service adds its register.
 */
import type { Register } from './types';

export const defaultServiceRegisters: Record<string, Register> = {
  'primary-care': 'health',
  'oral-health': 'health',
  'psychosocial-treatment': 'health',
  'family-centre': 'health',
  'social-services': 'social',
};

/**
 * The register of a service. An unknown service counts as health: reading or writing health
 * records needs a health-care professional's licence (Terhikki), the stricter check, so a
 * missing entry can never let someone without one into health data.
 */
export function registerOf(service: string, map: Record<string, Register> = defaultServiceRegisters): Register {
  return Object.hasOwn(map, service) ? map[service]! : 'health';
}

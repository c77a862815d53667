import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import type { ResourceStore } from '../storage/resourceStore';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

export type AuthAction = 'login' | 'logout' | 'token';

export interface AuthAuditEntry {
  action: AuthAction;
  success: boolean;
  /** The account, when there is one to name; an unknown user name is never recorded (it may be anyone's name, or a password typed in the wrong field). */
  user?: { username: string; fhirUser: string; name: string };
  /** Why it was refused (no personal data). */
  description?: string;
  address?: string;
}

/**
 * AuditEvents of authentication (DICOM "User Authentication": log-in, log-out, a refused
 * token). They name no client, so they appear in no client's access log; they are read from
 * the database by whoever audits the system.
 */
export class AuthAudit {
  constructor(private readonly store: ResourceStore) {}

  async record(entry: AuthAuditEntry): Promise<void> {
    await this.store.createMany([{ ...authAuditEvent(entry), id: randomUUID() }]);
  }
}

export function authAuditEvent(entry: AuthAuditEntry): AuditEvent {
  const subtype =
    entry.action === 'login'
      ? [{ system: DCM, code: '110122', display: 'Login' }]
      : entry.action === 'logout'
        ? [{ system: DCM, code: '110123', display: 'Logout' }]
        : [];
  return {
    resourceType: 'AuditEvent',
    type: { system: DCM, code: '110114', display: 'User Authentication' },
    ...(subtype.length > 0 ? { subtype } : {}),
    action: 'E',
    recorded: new Date().toISOString(),
    outcome: entry.success ? '0' : '4',
    ...(entry.description ? { outcomeDesc: entry.description } : {}),
    agent: [
      {
        ...(entry.user ? { who: { reference: entry.user.fhirUser, display: entry.user.name }, altId: entry.user.username } : { who: { display: 'unknown user name' } }),
        requestor: true,
        ...(entry.address ? { network: { address: entry.address, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'Ovi' } },
  };
}

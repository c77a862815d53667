import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import type { UserContext } from '../auth/userContext';
import type { Interaction } from '../access/accessPolicy';
import { OVI_FHIR_BASE } from '@ovi/domain';

const ACTION: Record<Interaction, AuditEvent['action']> = {
  read: 'R',
  vread: 'R',
  history: 'R',
  search: 'E',
  create: 'C',
  update: 'U',
  operation: 'E',
};

export interface AuditEntry {
  user: UserContext;
  interaction: Interaction;
  /** The resources touched, e.g. `Task/1`, or the search URL. */
  what: string[];
  patients: string[];
  success: boolean;
  reason?: string;
  byRecordedReason?: boolean;
  description?: string;
  address?: string;
}

interface Waiting {
  event: AuditEvent & { id: string };
  done: (error?: unknown) => void;
}

/** At most this many records go into one statement. */
const GROUP_LIMIT = 200;

/**
 * Writes one FHIR AuditEvent per read, search or write of personal data, and per refusal.
 *
 * Records written outside a transaction are group-committed: the records of requests that
 * arrive while one insert runs go together into the next, and each request still answers only
 * once its own record is stored. Under load this turns dozens of statements into one.
 */
export class AuditLog {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly store: ResourceStore) {}

  /** Stores the record, in `tx` when given (it then commits or rolls back with the change). */
  async record(entry: AuditEntry, tx?: SqlExecutor): Promise<void> {
    const event = this.event(entry);
    if (tx) {
      await this.store.createMany([event], tx);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ event, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.writing) void this.writeWaiting();
    });
  }

  /** The AuditEvent for an entry, with its id, for storing together with the change it records. */
  event(entry: AuditEntry): AuditEvent & { id: string } {
    return { ...toAuditEvent({ ...entry, patients: [...new Set(entry.patients)] }), id: randomUUID() };
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    // Let the requests of this turn of the event loop join the first group too.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, GROUP_LIMIT);
      try {
        await this.store.createMany(group.map((w) => w.event));
        for (const w of group) w.done();
      } catch (error) {
        for (const w of group) w.done(error);
      }
    }
    this.writing = false;
  }
}

/**
 * What a client sees of an audit record: the other clients one access touched (a work queue
 * lists many) are left out, so no client's access log names another.
 */
export function auditEventForClient<T extends { resourceType: string }>(resource: T, client: string): T {
  if (resource.resourceType !== 'AuditEvent') return resource;
  const event = resource as unknown as AuditEvent;
  const entity = (event.entity ?? []).filter((e) => !e.what?.reference?.startsWith('Patient/') || e.what.reference === client);
  return { ...event, entity } as unknown as T;
}

export function toAuditEvent(entry: AuditEntry): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: entry.interaction === 'operation' ? 'operation' : entry.interaction }],
    action: ACTION[entry.interaction],
    recorded: new Date().toISOString(),
    outcome: entry.success ? '0' : '4',
    ...(entry.description ? { outcomeDesc: entry.description } : {}),
    ...(entry.reason
      ? {
          purposeOfEvent: [
            {
              text: entry.reason,
              ...(entry.byRecordedReason
                ? { coding: [{ system: `${OVI_FHIR_BASE}/CodeSystem/access-basis`, code: 'recorded-reason', display: 'Access by recorded reason' }] }
                : {}),
            },
          ],
        }
      : {}),
    agent: [
      {
        who: { reference: entry.user.fhirUser, display: entry.user.name },
        altId: entry.user.username,
        requestor: true,
        ...(entry.address ? { network: { address: entry.address, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'Ovi' } },
    entity: [
      ...entry.what.map((what) => (what.includes('?') ? { query: Buffer.from(what).toString('base64'), description: what } : { what: { reference: what } })),
      ...entry.patients
        .filter((p) => !entry.what.includes(p))
        .map((p) => ({
          what: { reference: p },
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
          role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
        })),
    ],
  };
}

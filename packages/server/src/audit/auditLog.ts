import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import { onRollback } from '../db/ambientTransaction';
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
  /** The other register's data, seen with the client's consent: flagged like a reason. */
  byConsent?: boolean;
  description?: string;
  address?: string;
}

/**
 * Writes one FHIR AuditEvent per read, search or write of personal data, and per refusal.
 * Records written outside a transaction are group-committed with other requests' writes; each
 * request still answers only once its own record is stored.
 */
export class AuditLog {
  constructor(private readonly store: ResourceStore) {}

  /** Stores the record, in `tx` when given (it then commits or rolls back with the change). */
  async record(entry: AuditEntry, tx?: SqlExecutor): Promise<void> {
    const event = this.event(entry);
    await this.store.createMany([event], tx);
    // A refusal inside a transaction Bundle stays on record when the Bundle rolls back.
    if (!entry.success) onRollback(async () => void (await this.store.createMany([event])));
  }

  /** The AuditEvent for an entry, with its id, for storing together with the change it records. */
  event(entry: AuditEntry): AuditEvent & { id: string } {
    return { ...toAuditEvent({ ...entry, patients: [...new Set(entry.patients)] }), id: randomUUID() };
  }
}

/**
 * Anything shaped like a personal identity code (DDMMYY, century sign, 3 digits, check
 * character) standing on its own, so that ids such as UUIDs are left alone.
 */
const IDENTITY_CODE_TEXT = /(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![0-9A-Za-z])/g;

/**
 * What a client sees of an audit record: the other clients one access touched (a work queue
 * lists many) are left out, so no client's access log names another.
 */
export function auditEventForClient<T extends { resourceType: string }>(resource: T, client: string): T {
  if (resource.resourceType !== 'AuditEvent') return resource;
  const event = resource as unknown as AuditEvent;
  const entity = (event.entity ?? [])
    .filter((e) => !e.what?.reference?.startsWith('Patient/') || e.what.reference === client)
    // A search's text may hold identity codes (a look-up by code names one person, perhaps not
    // this client): the client sees the search without them, and without the encoded query.
    .map(({ query: _query, ...e }) => (e.description ? { ...e, description: readable(e.description).replace(IDENTITY_CODE_TEXT, '******-****') } : e));
  return { ...event, entity } as unknown as T;
}

/** A search text as a person reads it (percent-decoded where it decodes). */
function readable(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
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
    ...(entry.byConsent && !entry.reason
      ? { purposeOfEvent: [{ coding: [{ system: `${OVI_FHIR_BASE}/CodeSystem/access-basis`, code: 'client-consent', display: "Other register's data by the client's consent" }] }] }
      : {}),
    agent: [
      {
        who: { reference: entry.user.fhirUser, display: entry.user.name },
        altId: entry.user.username,
        requestor: true,
        ...(entry.address ? { network: { address: entry.address, type: '2' as const } } : {}),
      },
      // The SMART app the user acted through (decision 027).
      ...(entry.user.app ? [appAgent(entry.user.app.clientId)] : []),
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

/** The app an access went through, by its registered client_id. */
function appAgent(clientId: string): NonNullable<AuditEvent['agent']>[number] {
  return {
    type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110150', display: 'Application' }] },
    who: { identifier: { system: `${OVI_FHIR_BASE}/smart-app`, value: clientId }, display: clientId },
    requestor: false,
  };
}

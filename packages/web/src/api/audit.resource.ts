/** "Who has seen my data": AuditEvents about the resident as plain rows. */
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import { api } from './client';
import { FHIR_BASE, resourcesOf, typeOf } from './fhir';

export type AccessAction = 'create' | 'read' | 'update' | 'delete' | 'search';

export interface AccessEntry {
  id: string;
  when?: string;
  who: string;
  /** The resource type touched, e.g. `Task`. */
  what?: string;
  action: AccessAction;
  reason?: string;
  /** Access without a care relationship, allowed because the professional recorded a reason. */
  byRecordedReason: boolean;
  refused: boolean;
}

const ACTIONS: Record<string, AccessAction> = { C: 'create', R: 'read', U: 'update', D: 'delete', E: 'search' };

function toEntry(event: AuditEvent): AccessEntry {
  const entity = event.entity?.[0];
  const purpose = event.purposeOfEvent?.[0];
  return {
    id: event.id ?? '',
    when: event.recorded,
    who: event.agent?.[0]?.who?.display ?? event.agent?.[0]?.who?.reference ?? '',
    what: typeOf(entity?.what?.reference ?? entity?.description),
    action: ACTIONS[event.action ?? 'R'] ?? 'read',
    reason: purpose?.text,
    byRecordedReason: purpose?.coding?.some((c) => c.code === 'recorded-reason') ?? false,
    refused: event.outcome !== undefined && event.outcome !== '0',
  };
}

export async function fetchAccessLog(patientRef: string): Promise<AccessEntry[]> {
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/AuditEvent?patient=${encodeURIComponent(patientRef)}&_count=50`);
  return resourcesOf<AuditEvent>(bundle, 'AuditEvent')
    .map(toEntry)
    .sort((a, b) => Date.parse(b.when ?? '') - Date.parse(a.when ?? ''));
}

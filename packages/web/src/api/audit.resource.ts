/** "Who has seen my data": AuditEvents about the resident as plain rows, told apart by who acted. */
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import { api } from './client';
import { FHIR_BASE, resourcesOf, typeOf } from './fhir';

/** `operation`: one of Ovi's operations on the record (a decision, an assessment: `$resolve`, `$assess` …). */
export type AccessAction = 'create' | 'read' | 'update' | 'delete' | 'search' | 'operation';

/**
 * Who acted: the client themself, a professional, someone acting for the client (a guardian or
 * an authorised representative: another resident), or something else (Ovi itself).
 */
export type AccessActor = 'self' | 'professional' | 'proxy' | 'other';

export interface AccessEntry {
  id: string;
  when?: string;
  who: string;
  /** The agent's reference (`Practitioner/…`, `Patient/…`). */
  whoRef?: string;
  actor: AccessActor;
  /** The resource type touched, e.g. `Task`. */
  what?: string;
  action: AccessAction;
  reason?: string;
  /** Access without a care relationship, allowed because the professional recorded a reason. */
  byRecordedReason: boolean;
  /** The other register's data, seen with the client's consent to share. */
  byConsent: boolean;
  refused: boolean;
}

const ACTIONS: Record<string, AccessAction> = { C: 'create', R: 'read', U: 'update', D: 'delete', E: 'search' };

function actorOf(reference: string | undefined, client: string): AccessActor {
  if (!reference) return 'other';
  if (reference === client) return 'self';
  if (reference.startsWith('Practitioner/') || reference.startsWith('PractitionerRole/')) return 'professional';
  if (reference.startsWith('Patient/') || reference.startsWith('RelatedPerson/')) return 'proxy';
  return 'other';
}

function toEntry(event: AuditEvent, client: string): AccessEntry {
  const entity = event.entity?.[0];
  const purpose = event.purposeOfEvent?.[0];
  const agent = event.agent?.find((a) => a.requestor) ?? event.agent?.[0];
  const codes = (event.purposeOfEvent ?? []).flatMap((p) => p.coding ?? []).map((c) => c.code);
  return {
    id: event.id ?? '',
    when: event.recorded,
    who: agent?.who?.display ?? agent?.who?.reference ?? '',
    whoRef: agent?.who?.reference,
    actor: actorOf(agent?.who?.reference, client),
    what: typeOf(entity?.what?.reference ?? entity?.description),
    action: event.subtype?.some((s) => s.code === 'operation') ? 'operation' : (ACTIONS[event.action ?? 'R'] ?? 'read'),
    reason: purpose?.text,
    byRecordedReason: codes.includes('recorded-reason'),
    byConsent: codes.includes('client-consent'),
    refused: event.outcome !== undefined && event.outcome !== '0',
  };
}

const PAGE = 100;
/** Others' accesses wanted on the screen: the client's own clicks must not push them out of sight. */
const OTHERS_WANTED = 50;
const MAX_PAGES = 5;

/**
 * The newest entries of the client's log, newest first. Reading the log is itself logged, so the
 * client's own actions pile up: pages are read until enough other people's accesses are in
 * (or the log ends, or five pages are read).
 */
export async function fetchAccessLog(patientRef: string): Promise<AccessEntry[]> {
  const entries: AccessEntry[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const bundle = await api.get<Bundle>(`${FHIR_BASE}/AuditEvent?patient=${encodeURIComponent(patientRef)}&_sort=-date&_count=${PAGE}&_offset=${page * PAGE}`);
    const events = resourcesOf<AuditEvent>(bundle, 'AuditEvent');
    entries.push(...events.map((e) => toEntry(e, patientRef)));
    if (events.length < PAGE || entries.filter((e) => e.actor !== 'self').length >= OTHERS_WANTED) break;
  }
  const seen = new Set<string>();
  return entries
    .filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)))
    .sort((a, b) => Date.parse(b.when ?? '') - Date.parse(a.when ?? ''));
}

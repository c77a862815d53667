/**
 * The professional's consultation inbox (questions asked of them, their roles, teams or services)
 * and outbox (questions they asked), across clients: `GET /api/consultations`. Each item is
 * checked as a search result would be: a client the professional no longer has a relationship
 * with is left out, and a question of the register they are not registered for is shown without
 * its words (client, who asked, when due), as the register rules ask. One AuditEvent per list
 * that shows anyone, naming the clients shown.
 */
import type { Task } from '@medplum/fhirtypes';
import { SYSTEMS } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { AccessGrant } from '../access/accessPolicy';
import { ownerReferences } from '../access/relationships';
import { isStaff } from '../auth/userContext';
import { badRequest, FhirError, forbidden, markAudited } from '../fhir/outcomes';
import { consultationCounts, consultationRows, type ConsultationBox, type ConsultationRow, type ConsultationState } from '../storage/consultationReads';
import { CONSULTATION } from './consultationRequests';

/** At most this many items per list: an inbox longer than this is a matter for the team lead. */
const LIST_LIMIT = 100;
const CLOSED = ['completed', 'cancelled', 'failed', 'rejected', 'entered-in-error'];

export interface PartyView {
  reference: string;
  name?: string;
}

export interface ConsultationItem {
  task: string;
  versionId?: string;
  status: string;
  open: boolean;
  patient: PartyView & { birthDate?: string };
  askedBy?: PartyView;
  askedAt?: string;
  owner?: PartyView;
  due?: string;
  priority?: string;
  /** The contact the question is about (`Task/<id>`), when asked from one. */
  contact?: string;
  question?: string;
  answer?: string;
  answeredBy?: PartyView;
  answeredAt?: string;
  /** `register`: the question is in the register the professional is not registered for; its words are left out. */
  restricted?: 'register';
}

const parameterValue = (task: Task, kind: 'input' | 'output', code: string) =>
  (task[kind] ?? []).find((p) => p.type.coding?.some((c) => c.system === SYSTEMS.taskParameter && c.code === code));

function clientName(row: ConsultationRow): string | undefined {
  const name = row.patient?.name?.find((n) => n.use === 'official') ?? row.patient?.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || undefined);
}

function party(reference: string | undefined, name: string | undefined): PartyView | undefined {
  return reference ? { reference, ...(name ? { name } : {}) } : undefined;
}

function toItem(row: ConsultationRow, restricted: boolean): ConsultationItem {
  const task = row.task;
  const open = !CLOSED.includes(task.status);
  const answeredBy = parameterValue(task, 'output', 'answered-by')?.valueReference;
  const focus = task.focus?.reference;
  const optional: Partial<ConsultationItem> = {
    versionId: task.meta?.versionId,
    askedBy: party(task.requester?.reference, task.requester?.display),
    askedAt: task.authoredOn,
    owner: party(task.owner?.reference, row.ownerName ?? task.owner?.display),
    due: task.restriction?.period?.end,
    priority: task.priority,
    contact: focus?.startsWith('Task/') ? focus : undefined,
    question: restricted ? undefined : parameterValue(task, 'input', 'question')?.valueString,
    answer: restricted ? undefined : parameterValue(task, 'output', 'answer')?.valueString,
    answeredBy: party(answeredBy?.reference, answeredBy?.display),
    answeredAt: task.status === 'completed' ? task.executionPeriod?.end : undefined,
    restricted: restricted ? 'register' : undefined,
  };
  return {
    task: `Task/${task.id ?? ''}`,
    status: task.status,
    open,
    patient: { reference: task.for?.reference ?? '', ...(clientName(row) ? { name: clientName(row) } : {}), ...(row.patient?.birthDate ? { birthDate: row.patient.birthDate } : {}) },
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

const QUERY = ['box', 'state'];

function parseQuery(query: Record<string, unknown>): { box: ConsultationBox; state: ConsultationState } {
  const unknown = Object.keys(query).find((k) => !QUERY.includes(k));
  if (unknown) throw badRequest(`Unknown parameter '${unknown.slice(0, 40)}' (known: box, state)`, [unknown.slice(0, 40)]);
  const box = query.box;
  if (box !== 'inbox' && box !== 'outbox') throw badRequest('box must be inbox or outbox', ['box']);
  const state = query.state ?? 'all';
  if (state !== 'open' && state !== 'answered' && state !== 'all') throw badRequest('state must be open, answered or all', ['state']);
  return { box, state };
}

async function staffOnly(fhir: FhirService, ctx: RequestContext): Promise<void> {
  if (isStaff(ctx.user)) return;
  const error = forbidden('Consultations are between professionals');
  await fhir.audit.record({ user: ctx.user, interaction: 'search', what: ['Task?consultation'], patients: [], success: false, description: error.message });
  throw markAudited(error);
}

/** `GET /api/consultations?box=inbox|outbox&state=open|answered|all`. */
export async function consultationBox(db: SqlExecutor, fhir: FhirService, ctx: RequestContext, query: Record<string, unknown>): Promise<{ box: ConsultationBox; state: ConsultationState; items: ConsultationItem[] }> {
  const { box, state } = parseQuery(query);
  await staffOnly(fhir, ctx);
  const refs = box === 'inbox' ? await ownerReferences(db, ctx.user) : [ctx.user.fhirUser];
  const rows = await consultationRows(db, box, state, refs, CONSULTATION, LIST_LIMIT);
  const grants = new Map<string, AccessGrant | undefined>();
  const items: ConsultationItem[] = [];
  for (const row of rows) {
    const patient = row.task.for?.reference ?? '';
    if (!grants.has(patient)) grants.set(patient, await fhir.access.checkPatients(ctx.user, 'Task', [patient], 'search').catch(refusedAs(undefined)));
    const grant = grants.get(patient);
    if (!grant) continue; // no relationship with the client any more: left out, as a search leaves it out
    const visible = await fhir.access.checkRegister(ctx.user, row.task, grant).then(() => true, refusedAs(false));
    items.push(toItem(row, !visible));
  }
  if (items.length > 0) {
    await fhir.audit.record({
      user: ctx.user,
      interaction: 'search',
      what: [`Task?consultation&box=${box}&state=${state}`],
      patients: items.map((i) => i.patient.reference),
      success: true,
      ...(ctx.address ? { address: ctx.address } : {}),
    });
  }
  return { box, state, items };
}

/** A refusal (403) becomes `value`; anything else is an error. */
function refusedAs<T>(value: T): (error: unknown) => T {
  return (error: unknown) => {
    if (error instanceof FhirError && error.status === 403) return value;
    throw error;
  };
}

/** `GET /api/consultations/counts`: open questions in the inbox and one's own questions waiting; numbers only, no client data. */
export async function consultationBoxCounts(db: SqlExecutor, fhir: FhirService, ctx: RequestContext): Promise<{ inbox: number; outbox: number }> {
  await staffOnly(fhir, ctx);
  return consultationCounts(db, await ownerReferences(db, ctx.user), ctx.user.fhirUser, CONSULTATION);
}

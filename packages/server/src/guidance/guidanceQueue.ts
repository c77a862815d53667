import type { Element, Task } from '@medplum/fhirtypes';
import { CHANNELS, PROFESSIONS, TASK_CODES, URGENCIES, ageOn, minutesLeft, toHelsinkiDate, toLocalizedText, urgencyRank, type LocalizedText, type Urgency } from '@ovi/domain';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { badRequest, forbidden } from '../fhir/outcomes';
import { isStaff } from '../auth/userContext';
import { openWork, type WorkClient, type WorkFilters, type WorkPage } from '../access/relationships';
import type { Database } from '../db/database';
import { inputValue, inputValues } from './guidanceTask';
import { claimOf, type Claim } from './claimContact';
import { now as clockNow } from '../time/clock';

export interface QueueItem {
  taskId: string;
  kind: string;
  patient: { id: string; name: string; birthDate?: string; age?: number };
  urgency: Urgency;
  profession?: string;
  channel?: string;
  authoredOn?: string;
  deadline: string;
  legalDeadline?: string;
  assessmentDue?: string;
  minutesLeft: number;
  summary?: string;
  /** The summary in fi, sv and en, when the contact's topic came from the questionnaire. */
  summaryTexts?: LocalizedText;
  ruleExplanation?: Record<string, string>;
  service?: string;
  /** Minutes left to the same-day assessment; absent once a professional has assessed. */
  assessmentMinutesLeft?: number;
  assessed?: { at?: string; by?: string };
  /** What the rules alone suggested, when the professional's assessment or the safety screen differs. */
  suggested?: { urgency?: string; service?: string; profession?: string };
  /** Why the safety screen raised the contact: the danger signs answered and the words that matched. */
  raisedBy?: string;
  dangerSigns: string[];
  dangerWords: Array<{ matched: string; label?: Record<string, string> }>;
  /** The contact came when the queue was closed and due before it opened: the resident was told where to turn. */
  outOfHours: boolean;
  /** Who has the contact open (`$claim`), and since when. */
  claimedBy?: Claim;
  /** The team, service or professional routed work belongs to. */
  owner?: { reference: string; display?: string };
}

/** One page of the queue, with how many wait in all under the same filters. */
export interface QueuePage {
  items: QueueItem[];
  /** Open contacts passing the filters, on every page together. */
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  /** The teams and services whose work the user sees: the choices of the `owner` filter. */
  teams: WorkPage['teams'];
}

export const QUEUE_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 10_000;
const OWNER_REFERENCE = /^(CareTeam|HealthcareService|Practitioner|PractitionerRole|Organization)\/[A-Za-z0-9\-.]{1,64}$/;
const QUERY_PARAMETERS = ['page', 'pageSize', 'urgency', 'channel', 'profession', 'owner', 'claimed'];

interface QueueQuery {
  page: number;
  pageSize: number;
  filters: WorkFilters;
  /** The filters as asked, for the audit record. */
  asked: string;
}

/** The queue's query parameters, each checked: anything unknown or out of range is a 400. */
export function parseQueueQuery(query: Record<string, unknown>, fhirUser: string): QueueQuery {
  const value = (name: string): string | undefined => {
    const raw = query[name];
    if (raw === undefined) return undefined;
    if (typeof raw !== 'string') throw badRequest(`${name} may be given once`, [name]);
    return raw;
  };
  const unknown = Object.keys(query).find((name) => !QUERY_PARAMETERS.includes(name));
  if (unknown !== undefined) throw badRequest(`Unknown parameter '${unknown.slice(0, 40)}' (known: ${QUERY_PARAMETERS.join(', ')})`, [unknown.slice(0, 40)]);
  const whole = (name: string, fallback: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw badRequest(`${name} must be a whole number from 1 to ${max}`, [name]);
    return Number(raw);
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(raw)) throw badRequest(`${name} must be one of ${allowed.join(', ')}`, [name]);
    return raw as T;
  };
  const page = whole('page', 1, MAX_PAGE);
  const pageSize = whole('pageSize', QUEUE_PAGE_SIZE, MAX_PAGE_SIZE);
  const urgency = oneOf('urgency', URGENCIES);
  const channel = oneOf('channel', CHANNELS);
  const profession = oneOf('profession', PROFESSIONS);
  const claimed = oneOf('claimed', ['me', 'nobody'] as const);
  const owner = value('owner');
  if (owner !== undefined && !OWNER_REFERENCE.test(owner)) throw badRequest('owner must be a CareTeam, HealthcareService, Practitioner, PractitionerRole or Organization as Type/id', ['owner']);
  const filters: WorkFilters = {
    ...(urgency ? { urgencyRank: urgencyRank(urgency) } : {}),
    ...(channel ? { channel } : {}),
    ...(profession ? { profession } : {}),
    ...(owner ? { owner } : {}),
    ...(claimed ? { claimedBy: claimed === 'me' ? fhirUser : null } : {}),
  };
  const asked = new URLSearchParams(QUERY_PARAMETERS.flatMap((name) => (value(name) === undefined ? [] : [[name, value(name) ?? '']]))).toString();
  return { page, pageSize, filters, asked };
}

/** What a queue row shows of one Task version, apart from the client and the clocks. */
interface ShownTask {
  /** The row's members that depend on the Task version alone, as JSON (`"taskId":…,"kind":…`), serialised once per version. */
  json: string;
  patientId: string;
  patientRef?: string;
  deadline?: string;
  deadlineMs?: number;
  /** Until a professional has assessed. */
  assessmentDueMs?: number;
}

/**
 * Rows shown in the queue lately, by Task id and version: a version never changes, so every
 * server process may keep its own, and a page whose Tasks are all here reads no Task from the
 * database. The most recently shown are kept.
 */
const SHOWN_CACHE_SIZE = 5_000;
const shownTasks = new Map<string, ShownTask>();

function remember(key: string, shown: ShownTask): void {
  shownTasks.delete(key);
  shownTasks.set(key, shown);
  if (shownTasks.size > SHOWN_CACHE_SIZE) shownTasks.delete(shownTasks.keys().next().value ?? '');
}

/**
 * One page of the work a professional sees: open contacts, most urgent first, then the earliest
 * deadline, then whoever has waited longest; paged, filtered and counted in the database. The
 * read is audited: one record naming the clients on the page.
 *
 * Answers the page (`QueuePage`) as JSON: each row is its Task version's JSON (kept with the
 * version) followed by the client and the clocks, which change; building and serialising fifty
 * objects per request was most of the queue's own CPU time at a region's scale.
 */
export async function guidanceQueue(db: Database, fhir: FhirService, ctx: RequestContext, query: Record<string, unknown> = {}): Promise<string> {
  if (!isStaff(ctx.user)) throw forbidden('The work queue is for client-guidance and team professionals');
  const { page, pageSize, filters, asked } = parseQueueQuery(query, ctx.user.fhirUser);
  const held = new Map<string, ShownTask>();
  const work = await openWork(db, ctx.user, filters, { offset: (page - 1) * pageSize, limit: pageSize }, (taskId, versionId) => {
    const shown = shownTasks.get(`${taskId}:${versionId}`);
    if (shown) held.set(taskId, shown);
    return shown !== undefined;
  });
  const now = clockNow();
  const nowIso = now.toISOString();
  const today = toHelsinkiDate(now);
  const ages = new Map<string, number>();
  const age = (birthDate: string) => ages.get(birthDate) ?? ages.set(birthDate, ageOn(birthDate, today)).get(birthDate);
  const items: string[] = [];
  const patients = new Set<string>();
  for (const w of work.items) {
    const shown = w.task ? shownTask(w.task) : held.get(w.taskId);
    if (!shown) continue; // closed or gone between the two reads
    remember(`${w.taskId}:${w.versionId}`, shown);
    if (shown.patientRef) patients.add(shown.patientRef);
    const birthDate = w.patient?.birthDate;
    const client: QueueItem['patient'] = { id: shown.patientId, name: displayName(w.patient), birthDate, age: birthDate ? age(birthDate) : undefined };
    const clocks: Pick<QueueItem, 'deadline' | 'minutesLeft' | 'assessmentMinutesLeft'> = {
      deadline: shown.deadline ?? nowIso,
      minutesLeft: minutesLeft(new Date(shown.deadlineMs ?? now.getTime()), now),
      ...(shown.assessmentDueMs !== undefined ? { assessmentMinutesLeft: minutesLeft(new Date(shown.assessmentDueMs), now) } : {}),
    };
    items.push(`{${shown.json},"patient":${JSON.stringify(client)},${JSON.stringify(clocks).slice(1)}`);
  }
  if (items.length > 0) {
    await fhir.audit.record({
      user: ctx.user,
      interaction: 'search',
      what: [`Task?queue${asked ? `&${asked}` : ''}`],
      patients: [...patients],
      success: true,
      address: ctx.address,
      description: 'work queue',
    });
  }
  const rest: Omit<QueuePage, 'items'> = { total: work.total, page, pageSize, pages: Math.max(1, Math.ceil(work.total / pageSize)), teams: work.teams };
  return `{"items":[${items.join(',')}],${JSON.stringify(rest).slice(1)}`;
}

/** `description` with its translations (`_description`), which @medplum/fhirtypes does not declare. */
function descriptionTexts(task: Task): LocalizedText | undefined {
  const translations = (task as Task & { _description?: Element })._description;
  return translations ? toLocalizedText(task.description, translations) : undefined;
}

function shownTask(task: Task): ShownTask {
  const { item, ...rest } = shownParts(task);
  return { ...rest, json: JSON.stringify(item).slice(1, -1) };
}

function shownParts(task: Task): Omit<ShownTask, 'json'> & { item: Omit<QueueItem, 'patient' | 'deadline' | 'minutesLeft' | 'assessmentMinutesLeft'> } {
  const claim = claimOf(task);
  // A client-guidance Task's owner is its claim; other work's owner is whom it was routed to.
  const routedTo = task.code?.coding?.some((c) => c.code === TASK_CODES.clientGuidance) ? undefined : task.owner?.reference;
  const owner = routedTo ? { reference: routedTo, ...(task.owner?.display ? { display: task.owner.display } : {}) } : undefined;
  const rule = inputValue(task, 'rule')?.valueString;
  const assessmentDue = inputValue(task, 'assessment-due')?.valueDateTime;
  const assessedAt = inputValue(task, 'assessed-at')?.valueDateTime;
  const suggested = inputValue(task, 'suggested')?.valueString;
  const deadline = task.restriction?.period?.end ?? task.authoredOn;
  return {
    patientId: task.for?.reference?.replace('Patient/', '') ?? '',
    ...(task.for?.reference ? { patientRef: task.for.reference } : {}),
    ...(deadline ? { deadline, deadlineMs: Date.parse(deadline) } : {}),
    ...(assessmentDue && !assessedAt ? { assessmentDueMs: Date.parse(assessmentDue) } : {}),
    item: {
      taskId: task.id ?? '',
      kind: task.code?.coding?.[0]?.code ?? '',
      urgency: (inputValue(task, 'urgency')?.valueCode ?? 'non-urgent') as Urgency,
      profession: task.performerType?.[0]?.coding?.[0]?.code,
      channel: inputValue(task, 'channel')?.valueCode,
      authoredOn: task.authoredOn,
      legalDeadline: inputValue(task, 'legal-deadline')?.valueDateTime,
      assessmentDue,
      summary: task.description,
      ...(descriptionTexts(task) ? { summaryTexts: descriptionTexts(task) } : {}),
      ruleExplanation: rule ? (JSON.parse(rule) as Record<string, string>) : undefined,
      service: inputValue(task, 'service')?.valueCode,
      ...(assessedAt ? { assessed: { at: assessedAt, by: inputValue(task, 'assessed-by')?.valueReference?.display } } : {}),
      ...(suggested ? { suggested: JSON.parse(suggested) as QueueItem['suggested'] } : {}),
      ...(inputValue(task, 'raised-by')?.valueCode ? { raisedBy: inputValue(task, 'raised-by')?.valueCode } : {}),
      dangerSigns: inputValues(task, 'danger-sign').flatMap((i) => (i.valueCode ? [i.valueCode] : [])),
      dangerWords: inputValues(task, 'danger-words').flatMap((i) => (i.valueString ? [JSON.parse(i.valueString) as { matched: string; label?: Record<string, string> }] : [])),
      outOfHours: inputValue(task, 'out-of-hours')?.valueBoolean === true,
      ...(claim ? { claimedBy: claim } : {}),
      ...(owner ? { owner } : {}),
    },
  };
}

export function displayName(patient: WorkClient | undefined): string {
  const name = patient?.name?.[0];
  if (!name) return '';
  return name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ');
}

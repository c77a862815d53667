/** The work queue (`GET /api/guidance/queue`), one page at a time, and taking a contact (`$claim`, `$release`). */
import type { LocalizedText } from '@ovi/domain/src/types';
import { api } from './client';

export interface QueueItem {
  taskId: string;
  /** `client-guidance`, or `routed-work` for a contact routed to the user's team. */
  kind?: string;
  patient: { id: string; name: string; birthDate?: string; age?: number };
  urgency: string;
  profession?: string;
  channel?: string;
  authoredOn?: string;
  deadline?: string;
  legalDeadline?: string;
  assessmentDue?: string;
  minutesLeft?: number;
  summary?: string;
  /** The summary in each language, when the topic came from the questionnaire. */
  summaryTexts?: LocalizedText;
  ruleExplanation?: Partial<LocalizedText>;
  service?: string;
  /** Minutes to the same-day assessment; absent once a professional has assessed. */
  assessmentMinutesLeft?: number;
  assessed?: { at?: string; by?: string };
  suggested?: { urgency?: string; service?: string; profession?: string };
  raisedBy?: string;
  dangerSigns: string[];
  dangerWords: Array<{ matched: string; label?: Partial<LocalizedText> }>;
  /** Arrived while the queue was closed and due before it opened. */
  outOfHours: boolean;
  /** Who has the contact open, and since when. */
  claimedBy?: { reference: string; display?: string; at?: string };
  /** The team or service routed work belongs to. */
  owner?: { reference: string; display?: string };
}

/** What the queue is narrowed to; every field optional ("all"). */
export interface QueueFilters {
  urgency?: string;
  channel?: string;
  profession?: string;
  /** A team or service of the user's own (`CareTeam/…`, `HealthcareService/…`). */
  owner?: string;
  claimed?: 'me' | 'nobody';
}

export interface QueuePage {
  items: QueueItem[];
  /** Open contacts passing the filters, on every page together. */
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  /** The user's teams and services: the choices of the owner filter. */
  teams: Array<{ reference: string; name?: string }>;
}

interface QueueAnswer {
  items?: Partial<QueueItem>[];
  total?: number;
  page?: number;
  pageSize?: number;
  pages?: number;
  teams?: Array<{ reference?: string; name?: string }>;
}

export const FILTER_NAMES = ['urgency', 'channel', 'profession', 'owner', 'claimed'] as const;

export function queueQuery(filters: QueueFilters, page: number): string {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value) query.set(name, value);
  }
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export async function fetchQueue(filters: QueueFilters = {}, page = 1): Promise<QueuePage> {
  const answer = await api.get<QueueAnswer>(`/api/guidance/queue${queueQuery(filters, page)}`);
  const items = (answer.items ?? []).map(
    (i): QueueItem => ({
      taskId: i.taskId ?? '',
      kind: i.kind,
      patient: { id: i.patient?.id ?? '', name: i.patient?.name ?? '', birthDate: i.patient?.birthDate, age: i.patient?.age },
      urgency: i.urgency ?? 'non-urgent',
      profession: i.profession,
      channel: i.channel,
      authoredOn: i.authoredOn,
      deadline: i.deadline,
      legalDeadline: i.legalDeadline,
      assessmentDue: i.assessmentDue,
      minutesLeft: i.minutesLeft,
      summary: i.summary,
      summaryTexts: i.summaryTexts,
      ruleExplanation: i.ruleExplanation,
      service: i.service,
      assessmentMinutesLeft: i.assessmentMinutesLeft,
      assessed: i.assessed,
      suggested: i.suggested,
      raisedBy: i.raisedBy,
      dangerSigns: i.dangerSigns ?? [],
      dangerWords: i.dangerWords ?? [],
      outOfHours: i.outOfHours === true,
      claimedBy: i.claimedBy?.reference ? i.claimedBy : undefined,
      owner: i.owner?.reference ? i.owner : undefined,
    }),
  );
  const pageSize = answer.pageSize ?? 50;
  const total = answer.total ?? items.length;
  return {
    items,
    total,
    page: answer.page ?? page,
    pageSize,
    pages: answer.pages ?? Math.max(1, Math.ceil(total / pageSize)),
    teams: (answer.teams ?? []).flatMap((team) => (team.reference ? [{ reference: team.reference, name: team.name }] : [])),
  };
}

/** Takes the contact ("I have this open"); 409 when a colleague has it. */
export async function claimContact(taskId: string): Promise<void> {
  await api.post(`/fhir/R4/Task/${encodeURIComponent(taskId)}/$claim`, { resourceType: 'Parameters' });
}

/** Gives the contact back to the queue. */
export async function releaseContact(taskId: string): Promise<void> {
  await api.post(`/fhir/R4/Task/${encodeURIComponent(taskId)}/$release`, { resourceType: 'Parameters' });
}

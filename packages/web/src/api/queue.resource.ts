/** The client-guidance queue (`GET /api/guidance/queue`) as plain rows. */
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
  ruleExplanation?: Partial<LocalizedText>;
}

interface QueueAnswer {
  items?: Partial<QueueItem>[];
}

export async function fetchQueue(): Promise<QueueItem[]> {
  const answer = await api.get<QueueAnswer>('/api/guidance/queue');
  return (answer.items ?? []).map((i) => ({
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
    ruleExplanation: i.ruleExplanation,
  }));
}

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
    service: i.service,
    assessmentMinutesLeft: i.assessmentMinutesLeft,
    assessed: i.assessed,
    suggested: i.suggested,
    raisedBy: i.raisedBy,
    dangerSigns: i.dangerSigns ?? [],
    dangerWords: i.dangerWords ?? [],
    outOfHours: i.outOfHours === true,
  }));
}

/** `GET /api/consultations/counts`: numbers only, for the navigation (kept apart so the first page stays small). */
import { api } from './client';

export interface ConsultationCounts {
  /** Open questions to the user, their teams or services. */
  inbox: number;
  /** The user's own questions still waiting for an answer. */
  outbox: number;
}

export async function fetchConsultationCounts(): Promise<ConsultationCounts> {
  const answer = await api.get<Partial<ConsultationCounts>>('/api/consultations/counts');
  return { inbox: answer.inbox ?? 0, outbox: answer.outbox ?? 0 };
}

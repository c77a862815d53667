/** Social-welfare contacts, child-welfare notifications and applications; the social-services list of them. */
import { api } from '../api/client';
import type { ResidentNote } from '../api/residentNotes';

export interface NoticeDeadline {
  code: string;
  due?: string;
  label: Record<string, string>;
  source: string;
  minutesLeft?: number;
  done?: boolean;
  /** Set once done, where the limit has a date. */
  met?: boolean;
  doneAt?: string;
}

export interface NoticeAnswer {
  id: string;
  receivedAt: string;
  deadlines: NoticeDeadline[];
  advice: string[];
  notes: ResidentNote[];
}

export interface NoticeItem {
  taskId: string;
  kind: string;
  patient: { id: string; name: string; birthDate?: string };
  urgency: string;
  receivedAt?: string;
  description?: string;
  appliedService?: string;
  reporter: { anonymous: boolean; name?: string; professional?: boolean; organisation?: string; phone?: string; email?: string };
  deadlines: NoticeDeadline[];
  deadline?: string;
  dangerWords: string[];
  assessedAt?: string;
  assessedBy?: string;
}

export const sendNotice = async (body: Record<string, unknown>) => (await api.post<NoticeAnswer>('/api/social-notices', body)).data;
export const openNotices = async () => (await api.get<{ items: NoticeItem[] }>('/api/social-notices')).items;

/** Where a notice stands after the social worker's assessment or decision. */
export interface NoticeState {
  taskId: string;
  kind: string;
  status: 'open' | 'decided';
  urgency: string;
  assessedAt?: string;
  decision?: string;
  decidedAt?: string;
  deadlines: NoticeDeadline[];
}

/** The decisions the law names for each kind (LSL 26 §, SHL 36 §). */
export const DECISIONS: Record<string, string[]> = {
  'child-welfare-notification': ['investigation-started', 'no-investigation'],
  'social-welfare-contact': ['assessment-started', 'no-assessment'],
  application: ['assessment-started', 'handled'],
};

export const assessUrgency = async (taskId: string, body: { urgency: string; note?: string }) =>
  (await api.post<NoticeState>(`/api/social-notices/${encodeURIComponent(taskId)}/urgency`, body)).data;
export const decideNotice = async (taskId: string, body: { decision: string; urgency?: string; note?: string }) =>
  (await api.post<NoticeState>(`/api/social-notices/${encodeURIComponent(taskId)}/decision`, body)).data;

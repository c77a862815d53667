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
}

export const sendNotice = async (body: Record<string, unknown>) => (await api.post<NoticeAnswer>('/api/social-notices', body)).data;
export const openNotices = async () => (await api.get<{ items: NoticeItem[] }>('/api/social-notices')).items;

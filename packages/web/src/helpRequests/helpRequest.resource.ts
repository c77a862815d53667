/** The help button and the public notice form: a form token first, then the sending. */
import { api } from '../api/client';
import type { ResidentNote } from '../api/residentNotes';

export interface HelpAnswer {
  id: string;
  callbackBy: string;
  urgency: string;
  advice: string[];
  notes: ResidentNote[];
}

export const formToken = async (form: 'help-requests' | 'social-notices') => (await api.get<{ token: string }>(`/api/${form}/form`)).token;

export const sendHelpRequest = async (body: Record<string, unknown>) => (await api.post<HelpAnswer>('/api/help-requests', body)).data;

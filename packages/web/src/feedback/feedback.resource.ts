/** Client feedback over HTTP: the survey (by link or from the portal), results, handling. */
import { api } from '../api/client';

export type Localized = { fi: string; sv: string; en: string };

export interface SurveyView {
  survey: {
    version: number;
    title: Localized;
    intro: Localized;
    recommend: { text: Localized; low: Localized; high: Localized };
    statements: Array<{ id: string; theme: string; text: Localized }>;
    scale: Array<{ code: string; text: Localized }>;
    dontKnow: { offered: boolean; text: Localized };
    freeText: Localized;
    contact: Localized;
  };
  kind: 'visit' | 'contact';
  unitName?: string;
  month: string;
  expiresAt: string;
}

export interface SurveyAnswer {
  recommend: number;
  statements: Record<string, string>;
  freeText?: string;
  contact?: { email: string; name?: string };
}

export interface PendingSurvey {
  id: string;
  kind: 'visit' | 'contact';
  unitName?: string;
  month: string;
  expiresAt: string;
}

/** Where a survey is answered: its e-mailed link (no login) or the resident's portal. */
export type SurveySource = { token: string } | { pendingId: string };

const pathOf = (source: SurveySource) => ('token' in source ? `/api/feedback/${encodeURIComponent(source.token)}` : `/api/feedback/pending/${encodeURIComponent(source.pendingId)}`);

export const fetchSurvey = (source: SurveySource) => api.get<SurveyView>(pathOf(source));
export const sendAnswer = (source: SurveySource, answer: SurveyAnswer) => api.post<{ id: string }>(pathOf(source), answer);
export const fetchPendingSurveys = async () => (await api.get<{ surveys: PendingSurvey[] }>('/api/feedback/pending')).surveys;

export interface FreeText {
  id: string;
  month: string;
  kind?: string;
  service?: string;
  text: string;
  handled: { at: string; by: string } | null;
  replyTo?: { email: string; name?: string };
  reply: { at: string; by: string; text: string } | null;
}

export interface FeedbackResults {
  answers: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  nps: number | null;
  statements: Array<{ id: string; theme: string; text: Localized; answered: number | null; answers: Array<{ code: string; count: number | null; share: number | null }> }>;
  scale: Array<{ code: string; text: Localized }>;
  period: { from: string; to: string };
  unit: string | null;
  freeTexts?: FreeText[];
}

export interface FeedbackScope {
  units: Array<{ unit: string; name?: string }>;
  manager: boolean;
}

export const fetchScope = () => api.get<FeedbackScope>('/api/feedback/scope');

export function fetchResults(filter: { unit?: string; from?: string; to?: string }): Promise<FeedbackResults> {
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1]));
  return api.get<FeedbackResults>(`/api/feedback/results${query.size > 0 ? `?${query.toString()}` : ''}`);
}

export const markHandled = async (id: string) => (await api.post<FreeText>(`/api/feedback/responses/${encodeURIComponent(id)}/handled`, {})).data;
export const replyTo = async (id: string, text: string) => (await api.post<FreeText>(`/api/feedback/responses/${encodeURIComponent(id)}/reply`, { text })).data;

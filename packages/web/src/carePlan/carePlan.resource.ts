/** The shared client plan over HTTP (docs/API.md, "Shared client plan"). */
import type { AvainPart, AvainSettings, GroupChange, OutcomeChange, SharedPlanInput, SharedPlanView, AvainRecording } from '@ovi/domain';
import { api, request } from '../api/client';

export type { SharedPlanView } from '@ovi/domain';

export interface PlanOutcome {
  settings: AvainSettings;
  recordings: Array<AvainRecording & { by: string; byName?: string }>;
  change: OutcomeChange;
}

export const fetchPlans = async (patient?: string) =>
  (await api.get<{ plans: SharedPlanView[] }>(`/api/care-plans${patient ? `?patient=${encodeURIComponent(patient)}` : ''}`)).plans;

export const savePlan = async (id: string, versionId: string, input: SharedPlanInput) =>
  (await request<SharedPlanView>('PUT', `/api/care-plans/${encodeURIComponent(id)}`, { body: input, headers: { 'If-Match': `W/"${versionId}"` } })).data;

export const markAction = async (id: string, index: number, status: string) =>
  (await api.post<SharedPlanView>(`/api/care-plans/${encodeURIComponent(id)}/activities/${index}/status`, { status })).data;

export const addComment = async (id: string, text: string) =>
  (await api.post<SharedPlanView>(`/api/care-plans/${encodeURIComponent(id)}/comments`, { text })).data;

export const fetchOutcome = (id: string) => api.get<PlanOutcome>(`/api/care-plans/${encodeURIComponent(id)}/outcome`);

export const recordOutcome = async (id: string, recording: Partial<Record<AvainPart, Array<{ code: string; score: number }>>>) =>
  (await api.post<PlanOutcome>(`/api/care-plans/${encodeURIComponent(id)}/outcome`, recording)).data;

export const fetchAggregated = () => api.get<{ services: GroupChange[]; methods: GroupChange[]; settings: AvainSettings }>('/api/care-plans/outcomes');

/** The plan's editable input from what the editor sees (the whole plan: an editor sees both registers' actions it may). */
export function inputOf(plan: SharedPlanView): SharedPlanInput {
  return {
    patient: plan.patient,
    title: plan.title,
    start: plan.start,
    goals: plan.goals.map((g) => ({ goal: g.goal, text: g.text })),
    activities: plan.activities.map((a) => ({ description: a.description, owner: a.owner, status: a.status, ...(a.due ? { due: a.due } : {}), ...(a.register ? { register: a.register } : {}) })),
    responsibleWorker: plan.responsibleWorker,
    team: plan.team.map((m) => ({ member: m.member, organization: m.organization })),
    reviewDates: plan.reviewDates,
  };
}

/** Starts a client's shared plan (201; 400 naming each problem, 403 without a relationship). */
export const createPlan = async (input: SharedPlanInput) => (await api.post<SharedPlanView>('/api/care-plans', input)).data;

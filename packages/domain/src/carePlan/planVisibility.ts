/**
 * What each participant of a shared plan sees (pure). The client sees their whole plan. A
 * professional of the region sees what belongs to no register, and of each register's actions
 * and assessments only those of the registers they are licensed for or that the client's
 * consent opens to their organisation. A participant outside the region sees the goals, the
 * responsible worker and their own actions, nothing else (decision 031, hazard H22).
 */
import type { Register } from '../types';
import type { ActivityStatus } from './sharedPlan';

export interface ViewActivity {
  index: number;
  description: string;
  owner: string;
  ownerName?: string;
  due?: string;
  status: ActivityStatus;
  register?: Register;
}

export interface ViewMember {
  member: string;
  name?: string;
  organization: string;
  organizationName?: string;
  responsible: boolean;
  outside: boolean;
}

export interface ViewAssessment {
  /** `Observation/…` or `QuestionnaireResponse/…` */
  reference: string;
  by: string;
  byName?: string;
  date: string;
  summary: string;
  register?: Register;
}

export interface ViewComment {
  author: string;
  authorName?: string;
  time: string;
  text: string;
}

export interface SharedPlanView {
  id: string;
  versionId: string;
  patient: string;
  title: string;
  status: string;
  start: string;
  reviewDates: string[];
  responsibleWorker: string;
  goals: Array<{ goal: string; text: string }>;
  activities: ViewActivity[];
  team: ViewMember[];
  assessments: ViewAssessment[];
  comments: ViewComment[];
  /** What was left out for this viewer (so the screen can say so, never what it was). */
  limited?: 'outside-region' | 'register';
}

export type PlanViewer =
  | { kind: 'client' }
  | {
      kind: 'professional';
      /** Practitioner/…, their PractitionerRoles and organisations: what "their own" action is owned by. */
      own: string[];
      outside: boolean;
      /** The registers whose plan content they may see (licence or the client's consent). */
      registers: Register[];
    };

const opened = (register: Register | undefined, registers: Register[]) => register === undefined || registers.includes(register);

/** The plan as this viewer may see it. */
export function planForViewer(plan: SharedPlanView, viewer: PlanViewer): SharedPlanView {
  if (viewer.kind === 'client') return plan;
  if (viewer.outside) {
    return {
      ...plan,
      activities: plan.activities.filter((a) => viewer.own.includes(a.owner)),
      team: plan.team.filter((m) => m.responsible || viewer.own.includes(m.member)),
      assessments: [],
      comments: [],
      limited: 'outside-region',
    };
  }
  const activities = plan.activities.filter((a) => opened(a.register, viewer.registers));
  const assessments = plan.assessments.filter((a) => opened(a.register, viewer.registers));
  const limited = activities.length < plan.activities.length || assessments.length < plan.assessments.length;
  return { ...plan, activities, assessments, ...(limited ? { limited: 'register' as const } : {}) };
}

/** The latest assessment of each participant (the newest first): nobody repeats one already made. */
export function latestAssessmentPerParticipant(assessments: ViewAssessment[]): ViewAssessment[] {
  const latest = new Map<string, ViewAssessment>();
  for (const a of assessments) {
    const held = latest.get(a.by);
    if (!held || a.date > held.date) latest.set(a.by, a);
  }
  return [...latest.values()].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/**
 * The shared client plan as Ovi works with it: the client's goals in their own words, actions
 * each with an owner and a due date, the responsible worker (omatyöntekijä), the care team
 * and the review dates. Pure: the server turns it into CarePlan, Goal and CareTeam resources.
 */
import type { Register } from '../types';
import { REGISTERS } from '../types';

export type ActivityStatus = 'not-started' | 'in-progress' | 'completed' | 'cancelled';
export const ACTIVITY_STATUSES: ActivityStatus[] = ['not-started', 'in-progress', 'completed', 'cancelled'];

export interface PlanGoal {
  /** `Goal/…` once stored; absent for a new goal. */
  goal?: string;
  /** The client's own words. */
  text: string;
}

export interface PlanActivity {
  description: string;
  /** `Patient/…` (the client's own action), `Practitioner/…` or `PractitionerRole/…`. */
  owner: string;
  due?: string;
  status: ActivityStatus;
  /** The register the action's content belongs to; none for what both may see (the client's own actions). */
  register?: Register;
}

export interface PlanMember {
  /** `Practitioner/…` */
  member: string;
  /** `Organization/…` the member acts for. */
  organization: string;
}

export interface SharedPlanInput {
  patient: string;
  title: string;
  /** YYYY-MM-DD */
  start: string;
  goals: PlanGoal[];
  activities: PlanActivity[];
  /** `Practitioner/…`: must be one of the team. */
  responsibleWorker: string;
  team: PlanMember[];
  /** YYYY-MM-DD, on or after the start. */
  reviewDates: string[];
}

export interface PlanProblem {
  field: string;
  message: string;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const isDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const isReference = (value: unknown, types: string[]): value is string =>
  typeof value === 'string' && types.some((t) => new RegExp(`^${t}/[A-Za-z0-9\\-.]{1,64}$`).test(value));
const MAX_TEXT = 2000;

/** What is wrong with a plan's shape (types, dates, references, the responsible worker in the team); empty when nothing. */
export function planInputProblems(input: unknown): PlanProblem[] {
  const p: PlanProblem[] = [];
  const b = (input ?? {}) as Record<string, unknown>;
  if (!isReference(b.patient, ['Patient'])) p.push({ field: 'patient', message: 'patient: a reference Patient/…' });
  if (typeof b.title !== 'string' || !b.title.trim() || b.title.length > 200) p.push({ field: 'title', message: 'title: a name for the plan (at most 200 characters)' });
  if (!isDate(b.start)) p.push({ field: 'start', message: 'start: a date YYYY-MM-DD' });
  if (!Array.isArray(b.goals) || b.goals.length === 0) p.push({ field: 'goals', message: 'goals: at least one goal in the client’s own words' });
  else b.goals.forEach((g: unknown, i) => {
    const goal = (g ?? {}) as Record<string, unknown>;
    if (typeof goal.text !== 'string' || !goal.text.trim() || goal.text.length > MAX_TEXT) p.push({ field: `goals[${i}].text`, message: 'The goal in the client’s words (1–2000 characters)' });
    if (goal.goal !== undefined && !isReference(goal.goal, ['Goal'])) p.push({ field: `goals[${i}].goal`, message: 'goal: a reference Goal/…' });
  });
  if (!Array.isArray(b.activities)) p.push({ field: 'activities', message: 'activities: a list (may be empty)' });
  else b.activities.forEach((a: unknown, i) => {
    const act = (a ?? {}) as Record<string, unknown>;
    if (typeof act.description !== 'string' || !act.description.trim() || act.description.length > MAX_TEXT) p.push({ field: `activities[${i}].description`, message: 'What is done (1–2000 characters)' });
    if (!isReference(act.owner, ['Patient', 'Practitioner', 'PractitionerRole'])) p.push({ field: `activities[${i}].owner`, message: 'owner: Patient/…, Practitioner/… or PractitionerRole/…' });
    if (act.due !== undefined && !isDate(act.due)) p.push({ field: `activities[${i}].due`, message: 'due: a date YYYY-MM-DD' });
    else if (isDate(act.due) && isDate(b.start) && act.due < b.start) p.push({ field: `activities[${i}].due`, message: 'The due date is before the plan starts' });
    if (!ACTIVITY_STATUSES.includes(act.status as ActivityStatus)) p.push({ field: `activities[${i}].status`, message: `status: one of ${ACTIVITY_STATUSES.join(', ')}` });
    if (act.register !== undefined && !(REGISTERS as readonly string[]).includes(act.register as string)) p.push({ field: `activities[${i}].register`, message: 'register: health or social' });
  });
  if (!Array.isArray(b.team) || b.team.length === 0) p.push({ field: 'team', message: 'team: at least the responsible worker' });
  else b.team.forEach((m: unknown, i) => {
    const member = (m ?? {}) as Record<string, unknown>;
    if (!isReference(member.member, ['Practitioner'])) p.push({ field: `team[${i}].member`, message: 'member: a reference Practitioner/…' });
    if (!isReference(member.organization, ['Organization'])) p.push({ field: `team[${i}].organization`, message: 'organization: a reference Organization/…' });
  });
  if (!isReference(b.responsibleWorker, ['Practitioner'])) p.push({ field: 'responsibleWorker', message: 'responsibleWorker: a reference Practitioner/…' });
  else if (Array.isArray(b.team) && !b.team.some((m) => (m as PlanMember | null)?.member === b.responsibleWorker)) p.push({ field: 'responsibleWorker', message: 'The responsible worker must be one of the team' });
  if (!Array.isArray(b.reviewDates)) p.push({ field: 'reviewDates', message: 'reviewDates: a list of dates YYYY-MM-DD' });
  else b.reviewDates.forEach((d: unknown, i) => {
    if (!isDate(d)) p.push({ field: `reviewDates[${i}]`, message: 'A date YYYY-MM-DD' });
    else if (isDate(b.start) && d < b.start) p.push({ field: `reviewDates[${i}]`, message: 'A review date is before the plan starts' });
  });
  return p;
}

/** The earliest review date on or after `today` (YYYY-MM-DD), else undefined. */
export function nextReview(reviewDates: string[], today: string): string | undefined {
  return [...reviewDates].sort().find((d) => d >= today);
}

/** The review dates that are due by `until` (YYYY-MM-DD): a review Task is made for each once. */
export function dueReviews(reviewDates: string[], until: string): string[] {
  return [...new Set(reviewDates)].filter((d) => d <= until).sort();
}

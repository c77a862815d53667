/**
 * The shared plan as FHIR resources: a CarePlan (category shared-client-plan) referring to the
 * client's Goals and the plan's CareTeam, with the actions inline (owner as performer, due date
 * as the end of the scheduled period, register as an extension) and the review dates as
 * extensions. The plan, its goals and team carry no register label: the plan is shared, and
 * each action's register decides who sees it (decision 031).
 */
import type { CarePlan, CarePlanActivity, CareTeam, CareTeamParticipant, Goal } from '@medplum/fhirtypes';
import { CARE_PLAN, type ActivityStatus, type PlanActivity, type Register, type SharedPlanInput, type ViewActivity } from '@ovi/domain';

export interface ResolvedMember {
  member: string;
  organization: string;
  outside: boolean;
}

const category = [{ coding: [{ system: CARE_PLAN.categorySystem, code: CARE_PLAN.sharedCategory, display: 'Shared client plan' }] }];
const role = (code: string) => ({ coding: [{ system: CARE_PLAN.participantRoleSystem, code }] });

export function planGoal(text: string, patient: string, start: string, current?: Goal): Goal {
  return {
    ...(current ?? {}),
    resourceType: 'Goal',
    lifecycleStatus: current?.lifecycleStatus ?? 'active',
    description: { text },
    subject: { reference: patient },
    // The client's own goal, in their words.
    expressedBy: { reference: patient },
    startDate: current?.startDate ?? start,
  };
}

export function planTeam(input: SharedPlanInput, members: ResolvedMember[], current?: CareTeam): CareTeam {
  const participant: CareTeamParticipant[] = members.map((m) => ({
    role: [role(m.member === input.responsibleWorker ? CARE_PLAN.responsibleWorker : CARE_PLAN.member), ...(m.outside ? [role(CARE_PLAN.outside)] : [])],
    member: { reference: m.member },
    onBehalfOf: { reference: m.organization },
  }));
  return { ...(current ?? {}), resourceType: 'CareTeam', status: 'active', name: input.title, subject: { reference: input.patient }, participant };
}

export function planActivity(a: PlanActivity): CarePlanActivity {
  return {
    detail: {
      ...(a.register ? { extension: [{ url: CARE_PLAN.activityRegisterExtension, valueCode: a.register }] } : {}),
      status: a.status,
      description: a.description,
      performer: [{ reference: a.owner }],
      ...(a.due ? { scheduledPeriod: { end: a.due } } : {}),
    },
  };
}

export function carePlan(input: SharedPlanInput, goals: string[], team: string, created: string, current?: CarePlan): CarePlan {
  return {
    ...(current ?? {}),
    resourceType: 'CarePlan',
    status: 'active',
    intent: 'plan',
    category,
    title: input.title,
    subject: { reference: input.patient },
    period: { start: input.start },
    created: current?.created ?? created,
    // The responsible worker (omatyöntekijä) answers for the plan.
    author: { reference: input.responsibleWorker },
    careTeam: [{ reference: team }],
    goal: goals.map((reference) => ({ reference })),
    extension: [...new Set(input.reviewDates)].sort().map((d) => ({ url: CARE_PLAN.reviewDateExtension, valueDate: d })),
    activity: input.activities.map(planActivity),
    ...(current?.note ? { note: current.note } : {}),
  };
}

export const isSharedPlan = (plan: CarePlan): boolean =>
  (plan.category ?? []).some((c) => (c.coding ?? []).some((x) => x.system === CARE_PLAN.categorySystem && x.code === CARE_PLAN.sharedCategory));

export const reviewDatesOf = (plan: CarePlan): string[] =>
  (plan.extension ?? []).filter((e) => e.url === CARE_PLAN.reviewDateExtension && e.valueDate).map((e) => e.valueDate as string);

export function activitiesOf(plan: CarePlan): ViewActivity[] {
  return (plan.activity ?? []).map((a, index) => {
    const register = a.detail?.extension?.find((e) => e.url === CARE_PLAN.activityRegisterExtension)?.valueCode as Register | undefined;
    return {
      index,
      description: a.detail?.description ?? '',
      owner: a.detail?.performer?.[0]?.reference ?? '',
      ...(a.detail?.scheduledPeriod?.end ? { due: a.detail.scheduledPeriod.end } : {}),
      status: (a.detail?.status ?? 'not-started') as ActivityStatus,
      ...(register ? { register } : {}),
    };
  });
}

export function membersOf(team: CareTeam | undefined): Array<ResolvedMember & { responsible: boolean }> {
  return (team?.participant ?? []).map((p) => {
    const codes = (p.role ?? []).flatMap((r) => (r.coding ?? []).map((c) => c.code));
    return { member: p.member?.reference ?? '', organization: p.onBehalfOf?.reference ?? '', outside: codes.includes(CARE_PLAN.outside), responsible: codes.includes(CARE_PLAN.responsibleWorker) };
  });
}

/** The plan's input back from its resources (what an edit starts from). */
export function inputOf(plan: CarePlan, goals: Goal[], team: CareTeam | undefined): SharedPlanInput {
  return {
    patient: plan.subject?.reference ?? '',
    title: plan.title ?? '',
    start: plan.period?.start ?? '',
    goals: goals.map((g) => ({ goal: `Goal/${g.id}`, text: g.description?.text ?? '' })),
    activities: activitiesOf(plan).map(({ index: _i, ...a }) => a),
    responsibleWorker: plan.author?.reference ?? '',
    team: membersOf(team).map(({ member, organization }) => ({ member, organization })),
    reviewDates: reviewDatesOf(plan),
  };
}

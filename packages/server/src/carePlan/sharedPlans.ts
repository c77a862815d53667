/**
 * The shared client plan (decision 031): made and edited by the professionals of the region in
 * its team, read by each participant as their access allows, commented on and ticked off by
 * the client. Every change is a new version of the CarePlan (FHIR history) written together
 * with its Goals, CareTeam and audit record; a due review reaches the responsible worker's queue.
 */
import { randomUUID } from 'node:crypto';
import type { CarePlan, CareTeam, Goal, Observation, Organization, Practitioner, Resource } from '@medplum/fhirtypes';
import {
  latestAssessmentPerParticipant,
  planForViewer,
  planInputProblems,
  type ActivityStatus,
  type PlanProblem,
  type SharedPlanInput,
  type SharedPlanView,
  type ViewAssessment,
} from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { Stored } from '../storage/resourceStore';
import { badRequest, FhirError, forbidden, invalidResource, markAudited, notFound } from '../fhir/outcomes';
import { hasRole, isStaff } from '../auth/userContext';
import { needAssessmentsBy, sharedPlansOf } from '../storage/carePlanReads';
import { registerOfResource } from '../access/registerLabels';
import { now as clockNow } from '../time/clock';
import { activitiesOf, carePlan, inputOf, isSharedPlan, membersOf, planGoal, planTeam, reviewDatesOf } from './planResources';
import { ownerProblems, resolveTeam } from './planParticipants';
import { planAccess, type PlanAccess } from './planViewer';

export const problemsOutcome = (problems: PlanProblem[], prefix = 'plan') =>
  invalidResource(problems.map((p) => ({ severity: 'error' as const, code: 'invalid' as const, details: { text: p.message }, diagnostics: p.message, expression: [`${prefix}.${p.field}`] })));

interface Loaded {
  plan: Stored<CarePlan>;
  goals: Array<Stored<Goal>>;
  team: Stored<CareTeam> | undefined;
}

const idOf = (reference: string | undefined) => (reference ?? '').slice((reference ?? '').indexOf('/') + 1);

export class SharedPlans {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly afterWrite: (plan: Stored<CarePlan>) => Promise<void> = async () => undefined,
  ) {}

  /** A new plan: checked whole (shape, team, owners), then the Goals, CareTeam and CarePlan in one transaction. */
  async create(ctx: RequestContext, body: unknown): Promise<SharedPlanView> {
    const input = await this.checkedInput(ctx, body, []);
    await this.assertMayWrite(ctx, input.patient, 'create', input.team.map((m) => m.member));
    const { members } = await resolveTeam(this.db, this.fhir.store, input);
    const now = clockNow().toISOString();
    const goals = input.goals.map((g) => ({ ...planGoal(g.text, input.patient, input.start), id: randomUUID() }));
    const team = { ...planTeam(input, members), id: randomUUID() };
    const plan = { ...carePlan(input, goals.map((g) => `Goal/${g.id}`), `CareTeam/${team.id}`, now), id: randomUUID() };
    const audit = this.fhir.audit.event({ user: ctx.user, interaction: 'create', what: [`CarePlan/${plan.id}`], patients: [input.patient], success: true, ...(ctx.address ? { address: ctx.address } : {}) });
    const stored = await this.db.transaction(async (tx) => {
      const [created] = await this.fhir.store.createMany<Resource & { id: string }>([plan, ...goals, team, audit], tx);
      return created as Stored<CarePlan>;
    });
    await this.afterWrite(stored);
    return this.read(ctx, stored.id);
  }

  /** A new version: the team's professionals of the region edit; `versionId` must be the current one (412 otherwise). */
  async update(ctx: RequestContext, id: string, body: unknown, expectedVersion?: string): Promise<SharedPlanView> {
    const loaded = await this.load(id);
    const access = await this.accessAudited(ctx, loaded, 'update');
    if (!access.editor) throw await this.refused(ctx, loaded, 'update', forbidden('Only the professionals of the region in the plan’s team edit the plan'));
    const input = await this.checkedInput(ctx, body, loaded.goals.map((g) => `Goal/${g.id}`));
    if (input.patient !== loaded.plan.subject?.reference) throw badRequest('A plan stays the plan of its client', ['plan.patient']);
    await this.assertMayWrite(ctx, input.patient, 'update', input.team.map((m) => m.member));
    const { members } = await resolveTeam(this.db, this.fhir.store, input);
    const stored = await this.db.transaction(async (tx) => {
      const goalRefs: string[] = [];
      const fresh: Array<Goal & { id: string }> = [];
      for (const g of input.goals) {
        const current = g.goal ? loaded.goals.find((x) => `Goal/${x.id}` === g.goal) : undefined;
        if (current) {
          if (current.description?.text !== g.text) await this.fhir.store.update('Goal', current.id, planGoal(g.text, input.patient, input.start, current), { tx });
          goalRefs.push(`Goal/${current.id}`);
        } else {
          const goal = { ...planGoal(g.text, input.patient, input.start), id: randomUUID() };
          fresh.push(goal);
          goalRefs.push(`Goal/${goal.id}`);
        }
      }
      // Goals left out of the plan are kept, marked cancelled: their evaluations still refer to them.
      for (const g of loaded.goals) {
        if (!goalRefs.includes(`Goal/${g.id}`) && g.lifecycleStatus !== 'cancelled') await this.fhir.store.update('Goal', g.id, { ...g, lifecycleStatus: 'cancelled' }, { tx });
      }
      const audit = this.fhir.audit.event({ user: ctx.user, interaction: 'update', what: [`CarePlan/${id}`], patients: [input.patient], success: true, ...(ctx.address ? { address: ctx.address } : {}) });
      await this.fhir.store.createMany<Resource & { id: string }>([...fresh, audit], tx);
      const teamRef = loaded.team ? `CareTeam/${loaded.team.id}` : `CareTeam/${randomUUID()}`;
      if (loaded.team) await this.fhir.store.update('CareTeam', loaded.team.id, planTeam(input, members, loaded.team), { tx });
      else await this.fhir.store.createMany([{ ...planTeam(input, members), id: idOf(teamRef) }], tx);
      return this.fhir.store.update('CarePlan', id, carePlan(input, goalRefs, teamRef, clockNow().toISOString(), loaded.plan), { expectedVersion, tx });
    });
    await this.afterWrite(stored as Stored<CarePlan>);
    return this.read(ctx, id);
  }

  /** The plan as the reader may see it (audited; the other register's content only with consent). */
  async read(ctx: RequestContext, id: string): Promise<SharedPlanView> {
    const loaded = await this.load(id);
    const access = await this.accessAudited(ctx, loaded, 'read');
    return planForViewer(await this.view(loaded), access.viewer);
  }

  /** The client's plans as the reader may see them (a plan they may not see is left out). */
  async forPatient(ctx: RequestContext, patient: string): Promise<SharedPlanView[]> {
    if (hasRole(ctx.user, 'resident') && !(await this.fhir.access.residentActsFor(ctx.user, patient))) throw notFound('Patient was not found');
    const plans = await sharedPlansOf(this.db, patient);
    // Whether a client has a plan at all is theirs: a professional without a relationship learns nothing.
    if (plans.length === 0 && isStaff(ctx.user)) await this.assertRelationship(ctx, patient);
    const views: SharedPlanView[] = [];
    for (const plan of plans) {
      try {
        views.push(await this.read(ctx, plan.id));
      } catch (error) {
        if (!(error instanceof FhirError) || ![403, 404].includes(error.status)) throw error;
      }
    }
    if (views.length === 0 && plans.length > 0 && isStaff(ctx.user)) throw forbidden('You may not see this client’s plan');
    return views;
  }

  /**
   * The owner of an action marks it (the client their own as done or under way; a professional
   * theirs, outside members included): one new version, nothing else changed.
   */
  async setActivityStatus(ctx: RequestContext, id: string, index: number, status: unknown, expectedVersion?: string): Promise<SharedPlanView> {
    const loaded = await this.load(id);
    const access = await this.accessAudited(ctx, loaded, 'update');
    const allowed: ActivityStatus[] = access.viewer.kind === 'client' ? ['completed', 'in-progress', 'not-started'] : ['completed', 'in-progress', 'not-started', 'cancelled'];
    if (!allowed.includes(status as ActivityStatus)) throw badRequest(`status: one of ${allowed.join(', ')}`, ['status']);
    const activity = activitiesOf(loaded.plan)[index];
    if (!activity) throw notFound(`The plan has no action ${index}`);
    const own = access.viewer.kind === 'client' ? [loaded.plan.subject?.reference ?? ''] : access.viewer.own;
    if (!own.includes(activity.owner) && !access.editor) throw await this.refused(ctx, loaded, 'update', forbidden('Only the action’s owner or the plan’s team marks it'));
    await this.write(ctx, loaded, expectedVersion, (plan) => {
      const activities = [...(plan.activity ?? [])];
      activities[index] = { ...activities[index], detail: { ...activities[index]!.detail!, status: status as ActivityStatus } };
      return { ...plan, activity: activities };
    });
    return this.read(ctx, id);
  }

  /** A comment by the client or a professional of the region in the team, kept in the plan's notes. */
  async comment(ctx: RequestContext, id: string, text: unknown): Promise<SharedPlanView> {
    if (typeof text !== 'string' || !text.trim() || text.length > 2000) throw badRequest('text: the comment (1–2000 characters)', ['text']);
    const loaded = await this.load(id);
    const access = await this.accessAudited(ctx, loaded, 'update');
    if (access.viewer.kind !== 'client' && !access.editor) throw await this.refused(ctx, loaded, 'update', forbidden('Comments are the client’s and the plan’s team’s'));
    await this.write(ctx, loaded, undefined, (plan) => ({
      ...plan,
      note: [...(plan.note ?? []), { authorReference: { reference: ctx.user.fhirUser, display: ctx.user.name }, time: clockNow().toISOString(), text: text.trim() }],
    }));
    return this.read(ctx, id);
  }

  /** Every version of the plan, newest first, for those who may edit it and the client. */
  async history(ctx: RequestContext, id: string): Promise<Array<{ versionId: string; lastUpdated: string; activities: number; goals: number; reviewDates: string[] }>> {
    const loaded = await this.load(id);
    const access = await this.accessAudited(ctx, loaded, 'history');
    if (access.viewer.kind !== 'client' && !access.editor) throw await this.refused(ctx, loaded, 'history', forbidden('The plan’s versions are for its team and the client'));
    const versions = (await this.fhir.store.history('CarePlan', id)) as Array<Stored<CarePlan>>;
    return versions.map((v) => ({ versionId: v.meta.versionId, lastUpdated: v.meta.lastUpdated, activities: v.activity?.length ?? 0, goals: v.goal?.length ?? 0, reviewDates: reviewDatesOf(v) }));
  }

  /** The plan and what it refers to; 404 for anything but a shared plan. */
  async load(id: string): Promise<Loaded> {
    const plan = await this.fhir.store.readOptional<CarePlan>('CarePlan', id);
    if (!plan || !isSharedPlan(plan)) throw notFound(`CarePlan/${id} was not found`);
    const goals = (await Promise.all((plan.goal ?? []).map((g) => this.fhir.store.readOptional<Goal>('Goal', idOf(g.reference))))).filter((g): g is Stored<Goal> => g !== undefined);
    const team = plan.careTeam?.[0] ? await this.fhir.store.readOptional<CareTeam>('CareTeam', idOf(plan.careTeam[0].reference)) : undefined;
    return { plan, goals, team };
  }

  /** The viewer, with the read or refusal audited. */
  async accessAudited(ctx: RequestContext, loaded: Loaded, interaction: 'read' | 'update' | 'history'): Promise<PlanAccess> {
    const patient = loaded.plan.subject?.reference ?? '';
    try {
      const access = await planAccess(this.db, this.fhir, ctx, loaded.plan, membersOf(loaded.team));
      if (interaction !== 'update') await this.fhir.audit.record({ user: ctx.user, interaction, what: [`CarePlan/${loaded.plan.id}`], patients: [patient], success: true, byConsent: access.byConsent, ...(ctx.reason ? { reason: ctx.reason } : {}), ...(ctx.address ? { address: ctx.address } : {}) });
      return access;
    } catch (error) {
      if (error instanceof FhirError && !error.audited) throw await this.refused(ctx, loaded, interaction, error);
      throw error;
    }
  }

  private async refused(ctx: RequestContext, loaded: Loaded, interaction: 'read' | 'update' | 'history', error: FhirError): Promise<FhirError> {
    await this.fhir.audit.record({ user: ctx.user, interaction, what: [`CarePlan/${loaded.plan.id}`], patients: [loaded.plan.subject?.reference ?? ''], success: false, description: error.message, ...(ctx.address ? { address: ctx.address } : {}) });
    return markAudited(error);
  }

  private async write(ctx: RequestContext, loaded: Loaded, expectedVersion: string | undefined, change: (plan: CarePlan) => CarePlan): Promise<void> {
    const patient = loaded.plan.subject?.reference ?? '';
    await this.db.transaction(async (tx) => {
      await this.fhir.store.update('CarePlan', loaded.plan.id, change(loaded.plan), { expectedVersion: expectedVersion ?? loaded.plan.meta.versionId, tx });
      await this.fhir.audit.record({ user: ctx.user, interaction: 'update', what: [`CarePlan/${loaded.plan.id}`], patients: [patient], success: true, ...(ctx.address ? { address: ctx.address } : {}) }, tx);
    });
  }

  /** The input checked whole: shape and dates, then the team against the directory, then the owners. */
  private async checkedInput(ctx: RequestContext, body: unknown, planGoals: string[]): Promise<SharedPlanInput> {
    if (!isStaff(ctx.user)) throw forbidden('Plans are made by professionals with the client');
    const shape = planInputProblems(body);
    if (shape.length > 0) throw problemsOutcome(shape);
    const input = body as SharedPlanInput;
    const foreign = input.goals.flatMap((g, i) => (g.goal && !planGoals.includes(g.goal) ? [{ field: `goals[${i}].goal`, message: `${g.goal} is not a goal of this plan` }] : []));
    const team = await resolveTeam(this.db, this.fhir.store, input);
    const problems = [...foreign, ...team.problems, ...ownerProblems(input)];
    if (problems.length > 0) throw problemsOutcome(problems);
    return {
      patient: input.patient, title: input.title.trim(), start: input.start,
      goals: input.goals.map((g) => ({ ...(g.goal ? { goal: g.goal } : {}), text: g.text.trim() })),
      activities: input.activities.map((a) => ({ description: a.description.trim(), owner: a.owner, status: a.status, ...(a.due ? { due: a.due } : {}), ...(a.register ? { register: a.register } : {}) })),
      responsibleWorker: input.responsibleWorker, team: input.team.map((m) => ({ member: m.member, organization: m.organization })), reviewDates: input.reviewDates,
    };
  }

  /** The writer must be a professional of the region in the plan's team, with a live relationship with the client (or a recorded reason). */
  private async assertMayWrite(ctx: RequestContext, patient: string, interaction: 'create' | 'update', members: string[]): Promise<void> {
    try {
      if (!members.includes(ctx.user.fhirUser)) throw forbidden('You must be one of the plan’s team to write it');
      await this.fhir.access.checkPatients(ctx.user, 'CarePlan', [patient], interaction, ctx.reason);
    } catch (error) {
      if (error instanceof FhirError) {
        await this.fhir.audit.record({ user: ctx.user, interaction, what: ['CarePlan'], patients: [patient], success: false, description: error.message, ...(ctx.address ? { address: ctx.address } : {}) });
        markAudited(error);
      }
      throw error;
    }
  }

  private async assertRelationship(ctx: RequestContext, patient: string): Promise<void> {
    try {
      await this.fhir.access.checkPatients(ctx.user, 'CarePlan', [patient], 'search', ctx.reason);
    } catch (error) {
      if (error instanceof FhirError) {
        await this.fhir.audit.record({ user: ctx.user, interaction: 'search', what: ['CarePlan'], patients: [patient], success: false, description: error.message, ...(ctx.address ? { address: ctx.address } : {}) });
        markAudited(error);
      }
      throw error;
    }
  }

  /** The whole plan with names, and the latest need assessment of each member of the region. */
  private async view(loaded: Loaded): Promise<SharedPlanView> {
    const { plan, goals, team } = loaded;
    const members = membersOf(team);
    const names = await this.names([...members.map((m) => m.member), ...members.map((m) => m.organization), ...activitiesOf(plan).map((a) => a.owner)]);
    const patient = plan.subject?.reference ?? '';
    const assessments = await needAssessmentsBy(this.db, patient, members.filter((m) => !m.outside).map((m) => m.member));
    return {
      id: plan.id, versionId: plan.meta.versionId, patient, title: plan.title ?? '', status: plan.status, start: plan.period?.start ?? '',
      reviewDates: reviewDatesOf(plan), responsibleWorker: plan.author?.reference ?? '',
      goals: goals.filter((g) => g.lifecycleStatus !== 'cancelled').map((g) => ({ goal: `Goal/${g.id}`, text: g.description?.text ?? '' })),
      activities: activitiesOf(plan).map((a) => ({ ...a, ...(names.get(a.owner) ? { ownerName: names.get(a.owner) } : {}) })),
      team: members.map((m) => ({ ...m, ...(names.get(m.member) ? { name: names.get(m.member) } : {}), ...(names.get(m.organization) ? { organizationName: names.get(m.organization) } : {}) })),
      assessments: latestAssessmentPerParticipant(assessments.map((o) => assessmentOf(o, names))),
      comments: (plan.note ?? []).map((n) => ({ author: n.authorReference?.reference ?? '', ...(n.authorReference?.display ? { authorName: n.authorReference.display } : {}), time: n.time ?? '', text: n.text })),
    };
  }

  private async names(references: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    await Promise.all([...new Set(references)].map(async (ref) => {
      const [type, id] = ref.split('/');
      if (type === 'Practitioner' || type === 'Patient') {
        const r = await this.fhir.store.readOptional<Practitioner>(type, id ?? '');
        const name = r?.name?.[0];
        if (name) names.set(ref, name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' '));
      } else if (type === 'Organization') {
        const r = await this.fhir.store.readOptional<Organization>(type, id ?? '');
        if (r?.name) names.set(ref, r.name);
      }
    }));
    return names;
  }
}

function assessmentOf(o: Observation & { id: string }, names: Map<string, string>): ViewAssessment {
  const by = o.performer?.[0]?.reference ?? '';
  const register = registerOfResource(o);
  return {
    reference: `Observation/${o.id}`, by, ...(names.get(by) ? { byName: names.get(by) } : {}),
    date: o.effectiveDateTime ?? o.issued ?? '',
    summary: [o.code?.coding?.[0]?.code, o.valueCodeableConcept?.coding?.[0]?.code].filter(Boolean).join(': '),
    ...(register ? { register } : {}),
  };
}

export type { Loaded as LoadedPlan };

/**
 * AVAIN-structured recordings of a shared plan (THL, DOMAIN §2): at the plan's making and at
 * each evaluation the team's worker records with the client the goals, situational factors,
 * services and methods with their scores, as one Observation in the social-welfare register
 * (focus the plan). The change between recordings is computed in the domain package.
 */
import type { Observation } from '@medplum/fhirtypes';
import {
  AVAIN_PARTS,
  CARE_PLAN,
  changeByServiceAndMethod,
  clientOutcome,
  outcomeChange,
  recordingProblems,
  type AvainPart,
  type AvainRecording,
  type AvainSettings,
  type ClientOutcome,
  type OutcomeChange,
} from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { badRequest, forbidden } from '../fhir/outcomes';
import { hasRole } from '../auth/userContext';
import { allAvainRecordings, avainRecordingsOf } from '../storage/carePlanReads';
import { inRegister } from '../access/registerLabels';
import { now as clockNow } from '../time/clock';
import type { SettingsStore } from '../settings/settingsStore';
import { carePlanSettings } from './carePlanSettings';
import { problemsOutcome, type SharedPlans } from './sharedPlans';

const PART_OF_SYSTEM = new Map<string, AvainPart>(AVAIN_PARTS.map((p) => [CARE_PLAN.avainPartSystem[p], p]));

export function recordingOf(o: Observation): AvainRecording {
  const r: AvainRecording = { at: o.effectiveDateTime ?? '', goal: [], factor: [], service: [], method: [] };
  for (const c of o.component ?? []) {
    const coding = c.code.coding?.[0];
    const part = PART_OF_SYSTEM.get(coding?.system ?? '');
    if (part && coding?.code && typeof c.valueInteger === 'number') r[part].push({ code: coding.code, score: c.valueInteger });
  }
  return r;
}

export interface PlanOutcome {
  settings: AvainSettings;
  recordings: Array<AvainRecording & { by: string; byName?: string }>;
  change: OutcomeChange;
}

export class AvainOutcomes {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: SettingsStore,
    private readonly plans: SharedPlans,
  ) {}

  /** A recording by a professional of the region in the plan's team (400 naming each wrong item, nothing stored). */
  async record(ctx: RequestContext, planId: string, body: unknown): Promise<PlanOutcome> {
    const loaded = await this.plans.load(planId);
    const access = await this.plans.accessAudited(ctx, loaded, 'update');
    // AVAIN belongs to the social-welfare client plan: its recorder sees that register (licence or consent).
    if (!access.editor || access.viewer.kind !== 'professional' || !access.viewer.registers.includes('social')) {
      throw forbidden('AVAIN is recorded with the client by the plan’s team members who work in the social-welfare register');
    }
    const { avain } = await carePlanSettings(this.settings);
    const goals = loaded.goals.filter((g) => g.lifecycleStatus !== 'cancelled').map((g) => `Goal/${g.id}`);
    const problems = recordingProblems(body, avain, goals);
    if (problems.length > 0) throw problemsOutcome(problems, 'recording');
    const b = body as Record<AvainPart, Array<{ code: string; score: number }> | undefined>;
    const patient = loaded.plan.subject?.reference ?? '';
    const observation: Observation = inRegister({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: CARE_PLAN.avainSystem, code: CARE_PLAN.avainRecording, display: 'AVAIN recording' }] },
      subject: { reference: patient },
      focus: [{ reference: `CarePlan/${planId}` }],
      effectiveDateTime: clockNow().toISOString(),
      performer: [{ reference: ctx.user.fhirUser, display: ctx.user.name }],
      component: AVAIN_PARTS.flatMap((part) => (b[part] ?? []).map((s) => ({ code: { coding: [{ system: CARE_PLAN.avainPartSystem[part], code: s.code }] }, valueInteger: s.score }))),
    }, 'social');
    const stored = await this.db.transaction(async (tx) => {
      const audit = this.fhir.audit.event({ user: ctx.user, interaction: 'create', what: [`CarePlan/${planId}`], patients: [patient], success: true, ...(ctx.address ? { address: ctx.address } : {}) });
      const [o] = await this.fhir.store.createMany([{ ...observation, id: crypto.randomUUID() }, audit], tx);
      return o;
    });
    if (!stored) throw badRequest('Not stored');
    return this.outcome(ctx, planId);
  }

  /** The recordings and the change, for the client and those who may see the social-welfare register's content of the plan. */
  async outcome(ctx: RequestContext, planId: string): Promise<PlanOutcome> {
    const loaded = await this.plans.load(planId);
    const access = await this.plans.accessAudited(ctx, loaded, 'read');
    if (access.viewer.kind !== 'client' && (access.viewer.outside || !access.viewer.registers.includes('social'))) {
      throw forbidden('The AVAIN evaluation belongs to the social-welfare register: it needs a social-welfare licence or the client’s consent');
    }
    const { avain } = await carePlanSettings(this.settings);
    const observations = await avainRecordingsOf(this.db, `CarePlan/${planId}`);
    const recordings = observations.map((o) => ({ ...recordingOf(o), by: o.performer?.[0]?.reference ?? '', ...(o.performer?.[0]?.display ? { byName: o.performer[0].display } : {}) }));
    return { settings: avain, recordings, change: outcomeChange(recordings) };
  }

  /** Managers: the mean goal-attainment change per service and method over every plan, groups under five hidden. */
  async aggregated(ctx: RequestContext): Promise<ReturnType<typeof changeByServiceAndMethod> & { settings: AvainSettings }> {
    if (!hasRole(ctx.user, 'manager')) throw forbidden('Aggregated change is for managers');
    const { avain } = await carePlanSettings(this.settings);
    const outcomes: ClientOutcome[] = [];
    for (const observations of (await allAvainRecordings(this.db)).values()) {
      const o = clientOutcome(observations.map(recordingOf));
      if (o) outcomes.push(o);
    }
    return { ...changeByServiceAndMethod(outcomes), settings: avain };
  }
}

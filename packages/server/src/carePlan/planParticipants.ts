/**
 * Who takes part in a shared plan and from where: each member must be an active Practitioner
 * with a role in the organisation named for them; a member whose organisation is outside the
 * region (its `partOf` chain does not reach the responsible worker's) is an outside participant.
 * Ovi decides this from the directory, never from what the writer says (hazard H22).
 */
import type { Organization, Practitioner } from '@medplum/fhirtypes';
import type { PlanMember, PlanProblem, SharedPlanInput } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import { organisationRoot, rolesOf } from '../storage/carePlanReads';
import type { ResolvedMember } from './planResources';

export interface ResolvedTeam {
  members: ResolvedMember[];
  problems: PlanProblem[];
}

const idOf = (reference: string) => reference.slice(reference.indexOf('/') + 1);

/** The team with each member's outside flag, or the problems (unknown member, organisation or role). */
export async function resolveTeam(db: SqlExecutor, store: ResourceStore, input: SharedPlanInput): Promise<ResolvedTeam> {
  const problems: PlanProblem[] = [];
  const checked = await Promise.all(input.team.map(async (m, i) => ({ m, i, problem: await memberProblem(db, store, m) })));
  for (const { i, problem } of checked) if (problem) problems.push({ field: `team[${i}]`, message: problem });
  if (problems.length > 0) return { members: [], problems };
  const responsible = input.team.find((m) => m.member === input.responsibleWorker);
  const region = responsible ? await organisationRoot(db, responsible.organization) : undefined;
  const roots = await Promise.all(input.team.map((m) => organisationRoot(db, m.organization)));
  const members = input.team.map((m, i) => ({ ...m, outside: roots[i] !== region }));
  if (members.some((m) => m.member === input.responsibleWorker && m.outside)) problems.push({ field: 'responsibleWorker', message: 'The responsible worker works in the region' });
  const seen = new Set<string>();
  input.team.forEach((m, i) => {
    if (seen.has(m.member)) problems.push({ field: `team[${i}].member`, message: `${m.member} is in the team twice` });
    seen.add(m.member);
  });
  return { members, problems };
}

async function memberProblem(db: SqlExecutor, store: ResourceStore, m: PlanMember): Promise<string | undefined> {
  const [practitioner, organization] = await Promise.all([
    store.readOptional<Practitioner>('Practitioner', idOf(m.member)),
    store.readOptional<Organization>('Organization', idOf(m.organization)),
  ]);
  if (!practitioner || practitioner.active === false) return `${m.member} is not an active professional`;
  if (!organization) return `${m.organization} is not a known organisation`;
  const roles = await rolesOf(db, m.member);
  if (!roles.some((r) => r.organization === m.organization)) return `${m.member} has no role in ${m.organization}`;
  return undefined;
}

/** Actions owned by someone outside the plan: the client and the team's members only. */
export function ownerProblems(input: SharedPlanInput): PlanProblem[] {
  const owners = new Set([input.patient, ...input.team.map((m) => m.member)]);
  return input.activities.flatMap((a, i) => (owners.has(a.owner) ? [] : [{ field: `activities[${i}].owner`, message: `${a.owner} is not the client or a member of the plan's team` }]));
}

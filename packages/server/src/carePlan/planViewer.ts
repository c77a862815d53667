/**
 * Who is looking at a shared plan, and so what they see (`planForViewer`): the client (or who
 * acts for them), a professional of the region with a relationship to the client, or a member
 * from outside the region whose organisation the client's consent names. The registers a
 * professional sees are those they are licensed for plus those the client's consent opens to
 * them; consents are read on every request, so a withdrawal counts at once (hazard H22).
 */
import type { CarePlan } from '@medplum/fhirtypes';
import { REGISTERS, type PlanViewer, type Register } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { forbidden, notFound } from '../fhir/outcomes';
import { hasRole, isStaff } from '../auth/userContext';
import { qualificationsOf } from '../access/qualifications';
import { rolesOf, sharingConsents, type SharingConsent } from '../storage/carePlanReads';
import { now as clockNow } from '../time/clock';
import { membersOf, type ResolvedMember } from './planResources';

export interface PlanAccess {
  viewer: PlanViewer;
  /** A professional of the region in the plan's team: may edit it. */
  editor: boolean;
  byConsent: boolean;
}

/** The registers these consents open to a professional acting for these organisations. */
export function consentedRegisters(consents: SharingConsent[], organisations: string[]): Register[] {
  const opened = new Set<Register>();
  for (const c of consents) {
    if (c.actors !== null && !c.actors.some((a) => organisations.includes(a))) continue;
    for (const r of c.registers ?? REGISTERS) if ((REGISTERS as readonly string[]).includes(r)) opened.add(r as Register);
  }
  return [...opened];
}

/** Whether a consent names one of these organisations (an outside member needs one). */
const namesOrganisation = (consents: SharingConsent[], organisations: string[]) => consents.some((c) => c.actors?.some((a) => organisations.includes(a)));

/** Decides the viewer; refuses (audited by the caller) anyone who may not see the plan at all. */
export async function planAccess(db: SqlExecutor, fhir: FhirService, ctx: RequestContext, plan: CarePlan & { id: string }, team: ResolvedMember[]): Promise<PlanAccess> {
  const user = ctx.user;
  const patient = plan.subject?.reference ?? '';
  if (hasRole(user, 'resident')) {
    if (await fhir.access.residentActsFor(user, patient)) return { viewer: { kind: 'client' }, editor: false, byConsent: false };
    throw notFound('CarePlan was not found');
  }
  if (!isStaff(user)) throw forbidden('Your role does not give access to client data');
  const roles = await rolesOf(db, user.fhirUser);
  const organisations = roles.flatMap((r) => (r.organization ? [r.organization] : []));
  const own = [user.fhirUser, ...roles.map((r) => r.role), ...organisations];
  const member = team.find((m) => m.member === user.fhirUser);
  const consents = await sharingConsents(db, patient, clockNow());
  if (member?.outside) {
    if (!namesOrganisation(consents, [member.organization])) {
      throw forbidden('The client has not consented to share this plan with your organisation, or has withdrawn the consent');
    }
    return { viewer: { kind: 'professional', own, outside: true, registers: [] }, editor: false, byConsent: true };
  }
  // A professional of the region: the plan's team, or anyone with a live relationship with the client.
  if (!member) await fhir.access.checkPatients(user, 'CarePlan', [patient], 'read', ctx.reason);
  const q = await qualificationsOf(fhir.store, user);
  const licensed = REGISTERS.filter((r) => q[r]);
  const opened = consentedRegisters(consents, member ? [member.organization, ...organisations] : organisations);
  const registers = [...new Set([...licensed, ...opened])];
  return { viewer: { kind: 'professional', own, outside: false, registers }, editor: member !== undefined, byConsent: opened.some((r) => !licensed.includes(r)) };
}

export const teamOf = membersOf;

/**
 * The high-need work list of a team: clients of the team whose data meets enough of the
 * configured criteria (domain evaluateHighNeed), each with the criteria beside the name. Only
 * the team's own staff see it; the registers the reader may not see count for nothing and show
 * nothing, not even a count (decision 030); every list is audited with the clients named.
 */
import { HIGH_NEED_SETTING, evaluateHighNeed, isSegment, type HighNeedClient, type HighNeedFacts, type HighNeedList, type HighNeedSettings } from '@ovi/domain';
import type { Patient } from '@medplum/fhirtypes';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { SettingsStore } from '../settings/settingsStore';
import { isStaff } from '../auth/userContext';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { cachedQualificationsOf } from '../access/qualifications';
import { highNeedFacts, teamMembership } from '../storage/segmentationReads';
import { now } from '../time/clock';
import { highNeedSettings } from './segmentationSettings';

export type { HighNeedClient, HighNeedList } from '@ovi/domain';

const TEAM = /^(?:CareTeam\/)?([A-Za-z0-9\-.]{1,64})$/;

function nameText(names: Patient['name'] | unknown): string {
  const list = Array.isArray(names) ? (names as NonNullable<Patient['name']>) : [];
  const name = list.find((n) => n.use === 'official') ?? list[0];
  return name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
}

export async function highNeedList(db: Database, fhir: FhirService, settingsStore: SettingsStore, ctx: RequestContext, query: Record<string, unknown>): Promise<HighNeedList> {
  const unknown = Object.keys(query).find((k) => k !== 'team');
  if (unknown) throw badRequest(`Unknown parameter ${unknown.slice(0, 40)}: use team`, [unknown.slice(0, 40)]);
  if (!isStaff(ctx.user)) throw forbidden('The high-need work list is for the staff of the team');
  const match = typeof query.team === 'string' ? TEAM.exec(query.team) : null;
  if (!match?.[1]) throw badRequest('team: the CareTeam of staff, e.g. CareTeam/team-kokkola', ['team']);
  const teamId = match[1];
  const at = now();
  const team = await teamMembership(db, teamId, ctx.user.fhirUser, at);
  if (!team.exists) throw notFound(`CareTeam/${teamId} was not found`);
  if (!team.member) throw forbidden(`Only the staff of CareTeam/${teamId} see its high-need work list`);
  const settings = await highNeedSettings(settingsStore);
  const since = new Date(at);
  since.setUTCMonth(since.getUTCMonth() - settings.periodMonths);
  const q = await cachedQualificationsOf(fhir.store, ctx.user);
  const registers = (['health', 'social'] as const).filter((r) => q[r]);
  const rows = await highNeedFacts(db, teamId, since, at, registers);
  const clients = rows
    .map((row) => {
      const facts: HighNeedFacts = {
        contacts: row.contacts,
        visits: row.visits,
        services: row.services,
        openHealth: row.openHealth,
        openSocial: row.openSocial,
        ...(isSegment(row.latestSegment) ? { latestSegment: row.latestSegment } : {}),
        hasSharedPlan: row.hasSharedPlan,
      };
      return { row, facts, evaluation: evaluateHighNeed(facts, settings) };
    })
    .filter((c) => c.evaluation.listed)
    .map(({ row, facts, evaluation }) => ({
      patient: row.patient,
      name: nameText(row.name),
      ...(row.birthDate ? { birthDate: row.birthDate } : {}),
      facts,
      criteria: evaluation.criteria,
      metCount: evaluation.metCount,
    }))
    // Those without a shared plan first, then by criteria met, then by how much contact there was.
    .sort((a, b) => Number(a.facts.hasSharedPlan) - Number(b.facts.hasSharedPlan) || b.metCount - a.metCount || b.facts.contacts + b.facts.visits - (a.facts.contacts + a.facts.visits) || a.name.localeCompare(b.name, 'fi'));
  await fhir.audit.record({
    user: ctx.user,
    interaction: 'search',
    what: [`Patient?high-need&team=CareTeam/${teamId}`, `setting ${HIGH_NEED_SETTING}`],
    patients: clients.map((c) => c.patient),
    success: true,
    ...(ctx.address ? { address: ctx.address } : {}),
  });
  return { team: { reference: `CareTeam/${teamId}`, ...(team.name ? { name: team.name } : {}) }, since: since.toISOString(), settings, registers: [...registers], clients };
}

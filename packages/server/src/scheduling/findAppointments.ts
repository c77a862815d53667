import type { Appointment, Bundle, CareTeam, Patient } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS, VISIT_MODES, findEarliestSlots, type SlotProposal, type VisitMode } from '@ovi/domain';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { OperationParameters } from '../fhir/parameters';
import { badRequest, forbidden } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { hasRole, isStaff } from '../auth/userContext';
import { loadCandidates, type CandidateSlot } from './slotCandidates';
import type { SchedulingSettings } from './schedulingSettings';

const KNOWN = ['start', 'end', 'specialty', 'visit-type', 'appointment-type', 'location', 'municipality', 'language', 'patient', 'count'];
const MAX_WINDOW_DAYS = 366;
const AFTER_DEADLINE_LOOKAHEAD = 200;

/**
 * `Appointment/$find` (after the Argonaut Scheduling guide): the earliest suitable free times
 * across units as proposed Appointments, the client's own professional or team first where
 * that keeps the deadline, and a plain warning when nothing fits before it.
 */
export async function findAppointments(fhir: FhirService, settings: SchedulingSettings, ctx: RequestContext, body: unknown): Promise<Bundle> {
  if (!isStaff(ctx.user) && !hasRole(ctx.user, 'resident')) throw forbidden('Finding times is for professionals and residents');
  const params = OperationParameters.parse(body, KNOWN);
  const start = params.date('start') ?? new Date();
  const end = params.date('end');
  if (!end) throw badRequest('end (valueDateTime) is required: usually the deadline of the contact', ['Parameters.parameter.end']);
  if (end <= start) throw badRequest('end must be after start', ['Parameters.parameter.end']);
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86_400_000) throw badRequest(`The window may be at most ${MAX_WINDOW_DAYS} days`);
  const mode = params.get('visit-type')?.valueCode;
  if (mode !== undefined && !(VISIT_MODES as readonly string[]).includes(mode)) {
    throw badRequest(`visit-type must be one of ${VISIT_MODES.join(', ')}`, ['Parameters.parameter.visit-type']);
  }
  const count = params.get('count')?.valueInteger ?? 5;
  if (count < 1 || count > 50) throw badRequest('count must be between 1 and 50', ['Parameters.parameter.count']);
  const patientParam = params.get('patient')?.valueReference?.reference;
  const patient = patientParam ? localReference(patientParam, ['Patient'], 'Parameters.parameter.patient').reference : undefined;
  if (hasRole(ctx.user, 'resident') && patient !== ctx.user.fhirUser) throw badRequest('patient must be yourself', ['Parameters.parameter.patient']);
  const profession = params.get('specialty')?.valueCodeableConcept?.coding?.[0]?.code;
  // Independent reads: on PostgreSQL they run on separate connections at once.
  const [own, inWindow] = await Promise.all([
    patient ? ownProfessionals(fhir, ctx, patient) : { practitioners: [], team: [] },
    loadCandidates(fhir.store, { from: start, to: end, profession }),
  ]);
  const found = inWindow.length > 0 ? inWindow : await loadCandidates(fhir.store, { from: end, profession, count: AFTER_DEADLINE_LOOKAHEAD });
  // Residents are offered only what they may book themselves.
  const selfBookable = hasRole(ctx.user, 'resident') ? new Set((await settings.visitTypes()).filter((v) => v.selfBookable).map((v) => v.code)) : undefined;
  const candidates = selfBookable ? found.filter((c) => selfBookable.has(c.visitType)) : found;
  const result = findEarliestSlots(candidates, {
    start,
    end,
    profession,
    visitMode: mode as VisitMode | undefined,
    visitType: params.get('appointment-type')?.valueCode,
    location: params.get('location') ? localReference(params.get('location')?.valueReference?.reference, ['Location'], 'Parameters.parameter.location').reference : undefined,
    municipality: params.get('municipality')?.valueString,
    language: params.get('language')?.valueCode,
    ownPractitioners: own.practitioners,
    ownTeamPractitioners: own.team,
    limit: count,
  });
  const byId = new Map(candidates.map((c) => [c.slotId, c]));
  const entries: NonNullable<Bundle['entry']> = result.proposals.map((p) => ({
    resource: proposedAppointment(p, byId.get(p.slotId), patient, mode as VisitMode | undefined),
    search: { mode: 'match' },
  }));
  if (!result.keepsDeadline && result.message) {
    entries.push({
      resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'not-found', details: { text: JSON.stringify(result.message) }, diagnostics: result.message.en }] },
      search: { mode: 'outcome' },
    });
  }
  return { resourceType: 'Bundle', type: 'searchset', total: result.proposals.length, entry: entries };
}

function proposedAppointment(p: SlotProposal, candidate: CandidateSlot | undefined, patient: string | undefined, mode: VisitMode | undefined): Appointment {
  const owner = candidate?.owner;
  return {
    resourceType: 'Appointment',
    status: 'proposed',
    start: p.start.toISOString(),
    end: p.end.toISOString(),
    minutesDuration: Math.round((p.end.getTime() - p.start.getTime()) / 60_000),
    slot: [{ reference: `Slot/${p.slotId}` }],
    serviceType: [{ coding: [{ system: SYSTEMS.visitType, code: p.visitType }] }],
    specialty: [{ coding: [{ system: SYSTEMS.profession, code: p.profession }] }],
    extension: [
      ...(mode ? [mode] : p.modes).map((m) => ({ url: EXTENSIONS.visitMode, valueCode: m })),
      ...p.reasons.map((r) => ({ url: EXTENSIONS.rankingReason, valueCode: r })),
    ],
    participant: [
      ...(patient ? [{ actor: { reference: patient }, status: 'needs-action' as const }] : []),
      { actor: { reference: p.practitioner, display: owner?.practitionerName }, status: 'needs-action' as const },
      ...(p.location ? [{ actor: { reference: p.location, display: owner?.locationName }, status: 'needs-action' as const }] : []),
    ],
  };
}

/** The client's own professionals (generalPractitioner) and own team members (CareTeams). */
async function ownProfessionals(fhir: FhirService, ctx: RequestContext, patient: string): Promise<{ practitioners: string[]; team: string[] }> {
  const [found, teams] = await Promise.all([
    fhir.read(ctx, 'Patient', patient.replace('Patient/', '')) as Promise<Patient>,
    fhir.store.search({ resourceType: 'CareTeam', filters: [{ code: 'status', kind: 'token', values: ['active'] }], sort: [], count: 1000, offset: 0 }, undefined, false),
  ]);
  const general = (found.generalPractitioner ?? []).map((g) => g.reference ?? '');
  const own = (teams.resources as CareTeam[]).filter(
    (t) => t.subject?.reference === patient || (t.managingOrganization ?? []).some((o) => general.includes(o.reference ?? '')),
  );
  return {
    practitioners: general.filter((g) => g.startsWith('Practitioner/')),
    team: own.flatMap((t) => (t.participant ?? []).map((p) => p.member?.reference ?? '')).filter((m) => m.startsWith('Practitioner/')),
  };
}

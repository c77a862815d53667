import type { Appointment, Bundle, Patient } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS, VISIT_MODES, findEarliestSlots, matchesSlotQuery, type SlotProposal, type SlotQuery, type VisitMode } from '@ovi/domain';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { OperationParameters } from '../fhir/parameters';
import { badRequest, forbidden } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { hasRole, isStaff } from '../auth/userContext';
import { loadCandidates, MAX_SLOTS, type CandidateSlot } from './slotCandidates';
import type { SchedulingSettings } from './schedulingSettings';
import { now as clockNow } from '../time/clock';

const KNOWN = ['start', 'end', 'specialty', 'visit-type', 'appointment-type', 'location', 'municipality', 'language', 'patient', 'count'];
const MAX_WINDOW_DAYS = 366;
const AFTER_DEADLINE_LOOKAHEAD = 200;
/** Free times read first; most searches find their proposals among them. */
const FIRST_PAGE = 200;

/**
 * `Appointment/$find` (after the Argonaut Scheduling guide): the earliest suitable free times
 * across units as proposed Appointments, the client's own professional or team first where
 * that keeps the deadline, and a plain warning when nothing fits before it.
 */
export async function findAppointments(fhir: FhirService, settings: SchedulingSettings, ctx: RequestContext, body: unknown): Promise<Bundle> {
  if (!isStaff(ctx.user) && !hasRole(ctx.user, 'resident')) throw forbidden('Finding times is for professionals and residents');
  const params = OperationParameters.parse(body, KNOWN);
  const start = params.date('start') ?? clockNow();
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
  const query: SlotQuery = {
    start,
    end,
    profession,
    visitMode: mode as VisitMode | undefined,
    visitType: params.get('appointment-type')?.valueCode,
    location: params.get('location') ? localReference(params.get('location')?.valueReference?.reference, ['Location'], 'Parameters.parameter.location').reference : undefined,
    municipality: params.get('municipality')?.valueString,
    language: params.get('language')?.valueCode,
    limit: count,
  };
  // Independent reads: on PostgreSQL they run on separate connections at once.
  const [own, firstPage, selfBookable] = await Promise.all([
    patient ? ownProfessionals(fhir, ctx, patient) : { practitioners: [], team: [] },
    loadCandidates(fhir.store, { from: start, to: end, profession, count: FIRST_PAGE }),
    // Residents are offered only what they may book themselves.
    hasRole(ctx.user, 'resident') ? settings.visitTypes().then((types) => new Set(types.filter((v) => v.selfBookable).map((v) => v.code))) : undefined,
  ]);
  const offered = (found: CandidateSlot[]) => (selfBookable ? found.filter((c) => selfBookable.has(c.visitType)) : found);
  const ownQuery = { ...query, ownPractitioners: own.practitioners, ownTeamPractitioners: own.team };
  // Only times that meet the query are kept while the window is read page by page.
  const fitting = (found: CandidateSlot[]) => offered(found).filter((c) => matchesSlotQuery(c, query));
  let candidates = fitting(firstPage);
  if (firstPage.length === FIRST_PAGE) {
    // The window holds more: the own people's times may lie beyond the first page, and so may
    // enough times that fit.
    const ownPeople = [...own.practitioners, ...own.team];
    if (ownPeople.length > 0 && !firstPage.some((c) => ownPeople.includes(c.practitioner))) {
      candidates = uniqueSlots([...candidates, ...fitting(await loadCandidates(fhir.store, { from: start, to: end, profession, practitioners: ownPeople }))]);
    }
    const enough = (found: CandidateSlot[]) => findEarliestSlots(found, ownQuery).proposals.length >= count;
    candidates = await readOn(fhir.store, { from: start, to: end, profession }, firstPage, candidates, fitting, enough);
  }
  let result = findEarliestSlots(candidates, ownQuery);
  if (!result.keepsDeadline) {
    // Nothing suitable before the deadline: the earliest times after it.
    candidates = offered(await loadCandidates(fhir.store, { from: end, profession, count: AFTER_DEADLINE_LOOKAHEAD }));
    result = findEarliestSlots(candidates, ownQuery);
  }
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

/**
 * Reads the window on after `page`, MAX_SLOTS times a page, adding the times that `fit` to
 * `found`, until `enough` of them are found or the window is read.
 */
async function readOn(
  store: FhirService['store'],
  window: { from: Date; to: Date; profession?: string },
  page: CandidateSlot[],
  found: CandidateSlot[],
  fit: (slots: CandidateSlot[]) => CandidateSlot[],
  enough: (slots: CandidateSlot[]) => boolean,
): Promise<CandidateSlot[]> {
  let last = page[page.length - 1];
  while (last && !enough(found)) {
    const next = await loadCandidates(store, { ...window, after: { start: last.start, slotId: last.slotId }, count: MAX_SLOTS });
    found = uniqueSlots([...found, ...fit(next)]);
    last = next.length === MAX_SLOTS ? next[next.length - 1] : undefined;
  }
  return found;
}

function uniqueSlots(slots: CandidateSlot[]): CandidateSlot[] {
  return [...new Map(slots.map((s) => [s.slotId, s])).values()];
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
export async function ownProfessionals(fhir: FhirService, ctx: RequestContext, patient: string): Promise<{ practitioners: string[]; team: string[] }> {
  const found = (await fhir.read(ctx, 'Patient', patient.replace('Patient/', ''))) as Patient;
  const general = (found.generalPractitioner ?? []).map((g) => g.reference ?? '');
  const own = await fhir.store.activeTeamsOf(patient, general);
  return {
    practitioners: general.filter((g) => g.startsWith('Practitioner/')),
    team: own.flatMap((t) => (t.participant ?? []).map((p) => p.member?.reference ?? '')).filter((m) => m.startsWith('Practitioner/')),
  };
}

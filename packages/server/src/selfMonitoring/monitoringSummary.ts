import type { Bundle, Goal, Observation } from '@medplum/fhirtypes';
import {
  KINDS,
  MEASUREMENT_KINDS,
  averagesByContext,
  averagesByPeriod,
  averagesByTimeOfDay,
  readMeasurement,
  readPlan,
  type MeasurementKind,
  type KindSummary,
  type MonitoringSummary,
  type SummaryMeasurement,
} from '@ovi/domain';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { hasRole } from '../auth/userContext';
import { badRequest, notFound } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { now as clockNow } from '../time/clock';


const MAX_DAYS = 366;
/** A year of a few measurements a day. */
const MAX_MEASUREMENTS = 2000;
const PAGE = 100;

/**
 * A client's home measurements of the last `days` with the targets and averages, for the
 * resident's and the professional's charts. Read through FhirService searches, so access is
 * decided and audited as for any read of the client's data.
 */
export async function monitoringSummary(fhir: FhirService, ctx: RequestContext, query: { patient?: string; days?: string }): Promise<MonitoringSummary> {
  const patient = query.patient ? localReference(query.patient.includes('/') ? query.patient : `Patient/${query.patient}`, ['Patient'], 'patient').reference : hasRole(ctx.user, 'resident') ? ctx.user.fhirUser : undefined;
  if (!patient) throw badRequest('Name the client: patient=Patient/<id>', ['patient']);
  // A resident's search falls back to their own data; naming someone else they do not act for is refused outright.
  if (hasRole(ctx.user, 'resident') && !(await fhir.access.residentActsFor(ctx.user, patient))) {
    await fhir.audit.record({ user: ctx.user, interaction: 'search', what: [`Observation?subject=${patient}`], patients: [patient], success: false, description: 'Not the resident’s own data', ...(ctx.address ? { address: ctx.address } : {}) });
    throw notFound('No such client');
  }
  const days = query.days === undefined ? 90 : Number(query.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw badRequest(`days must be a whole number 1–${MAX_DAYS}`, ['days']);
  const from = new Date(clockNow().getTime() - days * 86_400_000).toISOString();
  // Page by page (a search page holds at most 100), each read audited like any other.
  const entries: NonNullable<Bundle['entry']> = [];
  for (let offset = 0; offset < MAX_MEASUREMENTS; offset += PAGE) {
    const page = await fhir.search(ctx, 'Observation', new URLSearchParams({ subject: patient, date: `ge${from}`, _sort: '-date', _count: String(PAGE), _offset: String(offset) }));
    entries.push(...(page.entry ?? []));
    if ((page.entry ?? []).length < PAGE) break;
  }
  const goals = await fhir.search(ctx, 'Goal', new URLSearchParams({ patient, 'lifecycle-status': 'active' }));
  const plans = (goals.entry ?? []).flatMap((e) => {
    const goal = e.resource as Goal;
    const { plan } = readPlan(goal);
    return plan ? [{ ...plan, goal: `Goal/${goal.id}` }] : [];
  });
  const measurements: SummaryMeasurement[] = entries.flatMap((e) => {
    const obs = e.resource as Observation;
    // Home measurements only: a clinic's blood pressure or an imported weight has the same code
    // but was measured by a professional, not by the client or the one acting for them.
    if (!measuredAtHome(obs)) return [];
    const { measurement, problems } = readMeasurement(obs);
    const interpretation = obs.interpretation?.[0]?.coding?.[0]?.code;
    return measurement && problems.length === 0 && obs.id ? [{ ...measurement, id: obs.id, ...(interpretation ? { interpretation } : {}) }] : [];
  });
  const kinds = MEASUREMENT_KINDS.flatMap((kind) => {
    const own = measurements.filter((m) => m.kind === kind);
    const plan = plans.filter((p) => p.kind === kind).at(-1);
    if (own.length === 0 && !plan) return [];
    const averages = Object.fromEntries(
      KINDS[kind].quantities.filter((q) => own.some((m) => m.values[q] !== undefined)).map((q) => [q, { weekly: averagesByPeriod(own, q, 'week'), timeOfDay: averagesByTimeOfDay(own, q), context: averagesByContext(own, q) }]),
    );
    return [{ kind, measurements: own, ...(plan ? { plan } : {}), averages }];
  });
  return { patient, from, kinds };
}

/** Measured by the client or by someone acting for them (the performer is a client, not a professional). */
function measuredAtHome(obs: Observation): boolean {
  return (obs.performer ?? []).some((p) => p.reference?.startsWith('Patient/') || p.reference?.startsWith('RelatedPerson/'));
}

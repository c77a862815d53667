/**
 * What a professional needs to call a client back and decide, in one answer: phone numbers,
 * preferred language, open matters, contacts and visits of the last twelve months, and for a
 * child the guardians with their phone numbers. Everything is read through FhirService, so the
 * care relationship, the registers (the other register's records are left out, as searches
 * do) and the audit apply as to any read and search.
 */
import type { Appointment, Bundle, ContactPoint, Patient, Practitioner, RelatedPerson, Task } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS, TASK_CODES, ageOn, toHelsinkiDate } from '@ovi/domain';
import { HANDOVER_INPUT } from '@ovi/domain/src/handoverNote';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { isStaff } from '../auth/userContext';
import { forbidden, markAudited } from '../fhir/outcomes';
import { now as clockNow } from '../time/clock';

/** How far back contacts and visits are shown. */
export const OVERVIEW_MONTHS = 12;
/** At most this many of each list (a search page). */
const PAGE = '100';
const AGE_OF_MAJORITY = 18;
/** Task statuses that are still work to do. */
const OPEN_TASK_STATUSES = ['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'];

export interface Phone {
  value: string;
  use?: string;
}

export interface PersonRef {
  reference?: string;
  name?: string;
}

export interface Matter {
  task: string;
  /** `contact` (client guidance), `routed-work`, `consultation`, or `other`. */
  kind: string;
  status: string;
  open: boolean;
  authoredOn?: string;
  closedAt?: string;
  outcome?: string;
  channel?: string;
  urgency?: string;
  service?: string;
  summary?: string;
  deadline?: string;
  owner?: PersonRef;
  /** For routed work: the Task it came from. */
  basedOn?: string;
  /** The internal note the routing professional left for the receiving team (staff only). */
  handover?: { text: string; by?: PersonRef };
  /** For a consultation: the question, who asked, and the answer once given. */
  consultation?: { question?: string; askedBy?: PersonRef; answer?: string; answeredBy?: PersonRef; answeredAt?: string };
}

export interface Visit {
  appointment: string;
  status: string;
  start?: string;
  end?: string;
  practitioner?: PersonRef;
  location?: PersonRef;
  visitType?: string;
  modes: string[];
}

export interface Guardian {
  reference: string;
  name: string;
  /** Kinship codes beside GUARD (v3 RoleCode: MTH, FTH …). */
  relationship: string[];
  phones: Phone[];
}

export interface ClientOverview {
  patient: {
    reference: string;
    name: string;
    birthDate?: string;
    age?: number;
    phones: Phone[];
    /** The preferred language's code (`fi`, `sv`, `en`, or any other BCP 47 code), if recorded. */
    language?: string;
    languageDisplay?: string;
  };
  /** The guardians of a child under 18 (empty for an adult). */
  guardians: Guardian[];
  /** Open Tasks of the client, whenever they began, newest first. */
  openMatters: Matter[];
  /** Contacts and other Tasks of the last twelve months, newest first. */
  contacts: Matter[];
  /** Appointments from twelve months ago on (upcoming ones too), newest first. */
  appointments: Visit[];
  /** The first day the lists cover (YYYY-MM-DD, Helsinki). */
  since: string;
}

const inputOf = (task: Task, code: string) => task.input?.find((i) => i.type.coding?.some((c) => c.code === code));
const outputOf = (task: Task, code: string) => task.output?.find((o) => o.type.coding?.some((c) => c.code === code));

function nameOf(names: Patient['name'] | Practitioner['name'] | RelatedPerson['name']): string {
  const name = names?.find((n) => n.use === 'official') ?? names?.[0];
  return name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
}

function phonesOf(telecom: ContactPoint[] | undefined): Phone[] {
  return (telecom ?? [])
    .filter((t) => (t.system === 'phone' || t.system === 'sms') && t.value && !t.period?.end)
    .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
    .map((t) => ({ value: t.value ?? '', ...(t.use ? { use: t.use } : {}) }));
}

function preferredLanguage(patient: Patient): { language?: string; languageDisplay?: string } {
  const communication = patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0];
  const coding = communication?.language.coding?.[0];
  const code = coding?.code?.toLowerCase();
  // `fi-FI` → `fi`: Ovi's texts are per language, not per region.
  const language = code && /^(fi|sv|en)(-|$)/.test(code) ? code.slice(0, 2) : code;
  const display = coding?.display ?? communication?.language.text;
  return { ...(language ? { language } : {}), ...(display ? { languageDisplay: display } : {}) };
}

function kindOf(task: Task): string {
  const code = task.code?.coding?.[0]?.code;
  if (code === TASK_CODES.clientGuidance) return 'contact';
  if (code === TASK_CODES.routedWork || code === 'consultation') return code;
  return 'other';
}

function toMatter(task: Task): Matter {
  const handover = inputOf(task, HANDOVER_INPUT)?.valueString;
  const open = OPEN_TASK_STATUSES.includes(task.status);
  const basedOn = task.basedOn?.[0]?.reference;
  const optional = {
    authoredOn: task.authoredOn,
    closedAt: open ? undefined : task.executionPeriod?.end,
    outcome: task.businessStatus?.coding?.[0]?.code,
    channel: inputOf(task, 'channel')?.valueCode,
    urgency: inputOf(task, 'urgency')?.valueCode,
    service: inputOf(task, 'service')?.valueCode,
    summary: task.description,
    deadline: task.restriction?.period?.end,
    basedOn,
  };
  return {
    task: `Task/${task.id}`,
    kind: kindOf(task),
    status: task.status,
    open,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    ...(task.owner ? { owner: { ...(task.owner.reference ? { reference: task.owner.reference } : {}), ...(task.owner.display ? { name: task.owner.display } : {}) } } : {}),
    ...(handover ? { handover: { text: handover, ...(task.requester?.reference ? { by: { reference: task.requester.reference } } : {}) } } : {}),
    ...(kindOf(task) === 'consultation' ? { consultation: consultationOf(task, open) } : {}),
  };
}

const personOf = (ref: { reference?: string; display?: string } | undefined): PersonRef | undefined =>
  ref?.reference ? { reference: ref.reference, ...(ref.display ? { name: ref.display } : {}) } : undefined;

function consultationOf(task: Task, open: boolean): NonNullable<Matter['consultation']> {
  const parts = {
    question: inputOf(task, 'question')?.valueString,
    askedBy: personOf(task.requester),
    answer: outputOf(task, 'answer')?.valueString,
    answeredBy: personOf(outputOf(task, 'answered-by')?.valueReference),
    answeredAt: open ? undefined : task.executionPeriod?.end,
  };
  return Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined));
}

function toVisit(appointment: Appointment): Visit {
  const actor = (type: string): PersonRef | undefined => {
    const a = appointment.participant.find((p) => p.actor?.reference?.startsWith(`${type}/`))?.actor;
    return a ? { ...(a.reference ? { reference: a.reference } : {}), ...(a.display ? { name: a.display } : {}) } : undefined;
  };
  const practitioner = actor('Practitioner');
  const location = actor('Location');
  const visitType =
    appointment.serviceType?.[0]?.coding?.find((c) => c.system === SYSTEMS.visitType)?.code ?? appointment.appointmentType?.coding?.find((c) => c.system === SYSTEMS.visitType)?.code;
  return {
    appointment: `Appointment/${appointment.id}`,
    status: appointment.status,
    ...(appointment.start ? { start: appointment.start } : {}),
    ...(appointment.end ? { end: appointment.end } : {}),
    ...(practitioner ? { practitioner } : {}),
    ...(location ? { location } : {}),
    ...(visitType ? { visitType } : {}),
    modes: (appointment.extension ?? []).filter((e) => e.url === EXTENSIONS.visitMode).flatMap((e) => (e.valueCode ? [e.valueCode] : [])),
  };
}

function toGuardian(rp: RelatedPerson): Guardian | undefined {
  const roles = (rp.relationship ?? []).flatMap((r) => r.coding ?? []).filter((c) => c.system === SYSTEMS.roleCode);
  if (rp.active === false || !roles.some((c) => c.code === 'GUARD')) return undefined;
  return {
    reference: `RelatedPerson/${rp.id}`,
    name: nameOf(rp.name),
    relationship: roles.flatMap((c) => (c.code && c.code !== 'GUARD' ? [c.code] : [])),
    phones: phonesOf(rp.telecom),
  };
}

const resourcesOf = <T>(bundle: Bundle | undefined, type: string): T[] =>
  (bundle?.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource as T] : []));

const byNewest = (a: string | undefined, b: string | undefined) => Date.parse(b ?? '') - Date.parse(a ?? '') || 0;

/** The date twelve months before the care clock's today (Helsinki). */
function sinceDate(today: string): string {
  const [y = 0, m = 1, d = 1] = today.split('-').map(Number);
  const back = new Date(Date.UTC(y, m - 1 - OVERVIEW_MONTHS, 1));
  const lastDay = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 0)).getUTCDate();
  return `${back.getUTCFullYear()}-${String(back.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** `GET /api/clients/{id}/overview` for staff; 403 without a care relationship or a recorded reason. */
export async function clientOverview(fhir: FhirService, ctx: RequestContext, patientId: string): Promise<ClientOverview> {
  const reference = `Patient/${patientId}`;
  if (!isStaff(ctx.user)) {
    const error = forbidden("A client's overview is for the professionals who work with the client");
    await fhir.audit.record({ user: ctx.user, interaction: 'read', what: [`${reference}/overview`], patients: [reference], success: false, description: error.message, ...(ctx.address ? { address: ctx.address } : {}) });
    throw markAudited(error);
  }
  // The access decision (relationship, or a recorded reason: flagged) and its audit record.
  const patient = (await fhir.read(ctx, 'Patient', patientId)) as Patient;
  const today = toHelsinkiDate(clockNow());
  const since = sinceDate(today);
  const age = patient.birthDate && patient.birthDate <= today ? ageOn(patient.birthDate, today) : undefined;
  const child = age !== undefined && age < AGE_OF_MAJORITY;
  const query = (params: Record<string, string>) => new URLSearchParams({ ...params, _count: PAGE });
  const [open, recent, visits, related] = await Promise.all([
    fhir.search(ctx, 'Task', query({ patient: reference, status: OPEN_TASK_STATUSES.join(','), _sort: '-authored-on' })),
    fhir.search(ctx, 'Task', query({ patient: reference, 'authored-on': `ge${since}`, _sort: '-authored-on' })),
    fhir.search(ctx, 'Appointment', query({ patient: reference, date: `ge${since}`, _sort: '-date' })),
    child ? fhir.search(ctx, 'RelatedPerson', query({ patient: reference })) : undefined,
  ]);
  const openMatters = resourcesOf<Task>(open, 'Task').map(toMatter).sort((a, b) => byNewest(a.authoredOn, b.authoredOn));
  const contacts = resourcesOf<Task>(recent, 'Task').map(toMatter).sort((a, b) => byNewest(a.authoredOn, b.authoredOn));
  await nameHandoverAuthors(fhir, ctx, [...openMatters, ...contacts]);
  return {
    patient: { reference, name: nameOf(patient.name), ...(patient.birthDate ? { birthDate: patient.birthDate } : {}), ...(age !== undefined ? { age } : {}), phones: phonesOf(patient.telecom), ...preferredLanguage(patient) },
    guardians: resourcesOf<RelatedPerson>(related, 'RelatedPerson').flatMap((rp) => toGuardian(rp) ?? []),
    openMatters,
    contacts,
    appointments: resourcesOf<Appointment>(visits, 'Appointment').map(toVisit).sort((a, b) => byNewest(a.start, b.start)),
    since,
  };
}

/** Who left each hand-over note, by name (directory data: the Practitioner). */
async function nameHandoverAuthors(fhir: FhirService, ctx: RequestContext, matters: Matter[]): Promise<void> {
  const refs = [...new Set(matters.flatMap((m) => (m.handover?.by?.reference?.startsWith('Practitioner/') ? [m.handover.by.reference] : [])))];
  const names = new Map<string, string>();
  await Promise.all(
    refs.map(async (ref) => {
      const practitioner = await fhir.read(ctx, 'Practitioner', ref.slice('Practitioner/'.length)).catch(() => undefined);
      const name = practitioner ? nameOf((practitioner as Practitioner).name) : '';
      if (name) names.set(ref, name);
    }),
  );
  for (const m of matters) {
    const name = m.handover?.by?.reference ? names.get(m.handover.by.reference) : undefined;
    if (m.handover?.by && name) m.handover.by.name = name;
  }
}

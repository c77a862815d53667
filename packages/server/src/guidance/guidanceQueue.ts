import type { Patient, Task } from '@medplum/fhirtypes';
import { TASK_CODES, ageOn, minutesLeft, sortQueue, toHelsinkiDate, type Urgency } from '@ovi/domain';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { forbidden } from '../fhir/outcomes';
import { hasRole, isStaff } from '../auth/userContext';
import { openWork } from '../access/relationships';
import type { Database } from '../db/database';
import { inputValue, inputValues } from './guidanceTask';
import { now as clockNow } from '../time/clock';

export interface QueueItem {
  taskId: string;
  kind: string;
  patient: { id: string; name: string; birthDate?: string; age?: number };
  urgency: Urgency;
  profession?: string;
  channel?: string;
  authoredOn?: string;
  deadline: string;
  legalDeadline?: string;
  assessmentDue?: string;
  minutesLeft: number;
  summary?: string;
  ruleExplanation?: Record<string, string>;
  service?: string;
  /** Minutes left to the same-day assessment; absent once a professional has assessed. */
  assessmentMinutesLeft?: number;
  assessed?: { at?: string; by?: string };
  /** What the rules alone suggested, when the professional's assessment or the safety screen differs. */
  suggested?: { urgency?: string; service?: string; profession?: string };
  /** Why the safety screen raised the contact: the danger signs answered and the words that matched. */
  raisedBy?: string;
  dangerSigns: string[];
  dangerWords: Array<{ matched: string; label?: Record<string, string> }>;
  /** The contact came when the queue was closed and due before it opened: the resident was told where to turn. */
  outOfHours: boolean;
}

const OPEN = ['ready', 'in-progress', 'requested', 'received', 'accepted'];
const QUEUE_LIMIT = 500;

/** The work a professional sees: open contacts ordered by urgency, then deadline. */
export async function guidanceQueue(db: Database, fhir: FhirService, ctx: RequestContext): Promise<QueueItem[]> {
  if (!isStaff(ctx.user)) throw forbidden('The work queue is for client-guidance and team professionals');
  const work = await openWork(db, ctx.user, OPEN, QUEUE_LIMIT);
  const tasks = work.map((w) => w.task);
  const patients = new Map(work.flatMap((w) => (w.patient?.id ? [[w.patient.id, w.patient] as const] : [])));
  const now = clockNow();
  const today = toHelsinkiDate(now);
  // Oldest first among equals: whoever has waited longest is called first.
  const items = tasks.map((task) => toItem(task, patients, now, today)).sort((a, b) => (a.authoredOn ?? '').localeCompare(b.authoredOn ?? ''));
  if (items.length > 0) {
    await fhir.audit.record({
      user: ctx.user,
      interaction: 'search',
      what: ['Task?queue'],
      patients: [...new Set(tasks.map((t) => t.for?.reference ?? ''))].filter(Boolean),
      success: true,
      description: 'work queue',
    });
  }
  return sortQueue(items);
}

function toItem(task: Task, patients: Map<string, Patient>, now: Date, today: string): QueueItem {
  const patientId = task.for?.reference?.replace('Patient/', '') ?? '';
  const patient = patients.get(patientId);
  const deadline = task.restriction?.period?.end ?? task.authoredOn ?? now.toISOString();
  const rule = inputValue(task, 'rule')?.valueString;
  const assessmentDue = inputValue(task, 'assessment-due')?.valueDateTime;
  const assessedAt = inputValue(task, 'assessed-at')?.valueDateTime;
  const suggested = inputValue(task, 'suggested')?.valueString;
  return {
    taskId: task.id ?? '',
    kind: task.code?.coding?.[0]?.code ?? '',
    patient: {
      id: patientId,
      name: displayName(patient),
      birthDate: patient?.birthDate,
      age: patient?.birthDate ? ageOn(patient.birthDate, today) : undefined,
    },
    urgency: (inputValue(task, 'urgency')?.valueCode ?? 'non-urgent') as Urgency,
    profession: task.performerType?.[0]?.coding?.[0]?.code,
    channel: inputValue(task, 'channel')?.valueCode,
    authoredOn: task.authoredOn,
    deadline,
    legalDeadline: inputValue(task, 'legal-deadline')?.valueDateTime,
    assessmentDue: inputValue(task, 'assessment-due')?.valueDateTime,
    minutesLeft: minutesLeft(new Date(deadline), now),
    summary: task.description,
    ruleExplanation: rule ? (JSON.parse(rule) as Record<string, string>) : undefined,
    service: inputValue(task, 'service')?.valueCode,
    ...(assessmentDue && !assessedAt ? { assessmentMinutesLeft: minutesLeft(new Date(assessmentDue), now) } : {}),
    ...(assessedAt ? { assessed: { at: assessedAt, by: inputValue(task, 'assessed-by')?.valueReference?.display } } : {}),
    ...(suggested ? { suggested: JSON.parse(suggested) as QueueItem['suggested'] } : {}),
    ...(inputValue(task, 'raised-by')?.valueCode ? { raisedBy: inputValue(task, 'raised-by')?.valueCode } : {}),
    dangerSigns: inputValues(task, 'danger-sign').flatMap((i) => (i.valueCode ? [i.valueCode] : [])),
    dangerWords: inputValues(task, 'danger-words').flatMap((i) => (i.valueString ? [JSON.parse(i.valueString) as { matched: string; label?: Record<string, string> }] : [])),
    outOfHours: inputValue(task, 'out-of-hours')?.valueBoolean === true,
  };
}

export function displayName(patient: Patient | undefined): string {
  const name = patient?.name?.[0];
  if (!name) return '';
  return name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ');
}

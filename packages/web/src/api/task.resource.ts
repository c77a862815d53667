/** The guidance Task (docs/API.md "The guidance Task") as a plain view model. */
import type { Element, Task, TaskInput, TaskOutput } from '@medplum/fhirtypes';
import type { LocalizedText } from '@ovi/domain/src/types';
import { api } from './client';
import { reasonHeaders } from './accessReason';
import { FHIR_BASE, textsOf, type Texts } from './fhir';
import { notesOfTask, type ResidentNote } from './residentNotes';

export type ContactStatus = 'waiting' | 'handled' | 'cancelled';

export interface RuleExplanation extends Partial<LocalizedText> {
  ruleId?: string;
}

/** What the rules alone suggested, kept beside a professional's own assessment. */
export interface Suggestion {
  urgency?: string;
  service?: string;
  profession?: string;
}

/** The law or the region's promise a deadline comes from. */
export interface DeadlineBasis {
  ruleId?: string;
  label?: Partial<LocalizedText>;
  source?: string;
}

/** Words in the resident's own text that the safety screen recognised. */
export interface DangerWords {
  groupId?: string;
  matched: string;
  label?: Partial<LocalizedText>;
}

export interface ContactTask {
  id: string;
  /** `client-guidance`, or `routed-work` for the work a team got from a decision. */
  code?: string;
  /** For routed work: the guidance Task it came from. */
  basedOn: string[];
  status: ContactStatus;
  patientRef?: string;
  patientName?: string;
  responseRef?: string;
  description?: string;
  /** The description in each language (`_description`), when the topic came from the questionnaire. */
  descriptionTexts?: Texts;
  authoredOn?: string;
  lastModified?: string;
  /** The deadline staff work to: the stricter of the law and the region's promise. */
  deadline?: string;
  legalDeadline?: string;
  regionalDeadline?: string;
  assessmentDue?: string;
  urgency?: string;
  channel?: string;
  service?: string;
  profession?: string;
  rule?: RuleExplanation;
  outcome?: string;
  note?: string;
  routedTaskRef?: string;
  /** `Appointment/<id>` when the decision booked a visit. */
  appointmentRef?: string;
  /** Calendar days from the contact to the booked visit. */
  waitingDays?: number;
  /** What the resident was told to do now, most serious first. */
  notes: ResidentNote[];
  /** The queue was closed and does not open before the contact is due. */
  outOfHours: boolean;
  /** When the queue opens next, if it was closed when the contact came. */
  queueOpens?: string;
  /** `danger-sign` or `free-text`: why the safety screen raised the contact. */
  raisedBy?: string;
  ruleUrgency?: string;
  dangerSigns: string[];
  dangerWords: DangerWords[];
  suggested?: Suggestion;
  /** `Observation/<id>` once a professional has assessed the need. */
  assessmentRef?: string;
  assessedAt?: string;
  assessedBy?: string;
  legalBasis?: DeadlineBasis;
  regionalBasis?: DeadlineBasis;
}

const codeOf = (p: TaskInput | TaskOutput) => p.type.coding?.[0]?.code;

function input(task: Task, code: string): TaskInput | undefined {
  return task.input?.find((i) => codeOf(i) === code);
}

function output(task: Task, code: string): TaskOutput | undefined {
  return task.output?.find((o) => codeOf(o) === code);
}

function inputs(task: Task, code: string): TaskInput[] {
  return (task.input ?? []).filter((i) => codeOf(i) === code);
}

/** A JSON input; a value that does not parse is left out rather than breaking the screen. */
function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}

function parseRule(text: string | undefined): RuleExplanation | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') return parsed as RuleExplanation;
  } catch {
    /* a plain-text explanation */
  }
  return { fi: text, sv: text, en: text };
}

function statusOf(task: Task): ContactStatus {
  if (task.status === 'completed') return 'handled';
  if (task.status === 'cancelled' || task.status === 'rejected' || task.status === 'failed' || task.status === 'entered-in-error') return 'cancelled';
  return 'waiting';
}

export function toContactTask(task: Task): ContactTask {
  const described = task as Task & { _description?: Element };
  return {
    id: task.id ?? '',
    code: task.code?.coding?.[0]?.code,
    basedOn: (task.basedOn ?? []).flatMap((b) => (b.reference ? [b.reference] : [])),
    status: statusOf(task),
    patientRef: task.for?.reference,
    patientName: task.for?.display,
    responseRef: task.focus?.reference,
    description: task.description,
    ...(described._description ? { descriptionTexts: textsOf(task.description, described._description) } : {}),
    authoredOn: task.authoredOn,
    lastModified: task.lastModified ?? task.meta?.lastUpdated,
    deadline: task.restriction?.period?.end,
    legalDeadline: input(task, 'legal-deadline')?.valueDateTime,
    regionalDeadline: input(task, 'regional-deadline')?.valueDateTime,
    assessmentDue: input(task, 'assessment-due')?.valueDateTime,
    urgency: input(task, 'urgency')?.valueCode,
    channel: input(task, 'channel')?.valueCode,
    service: input(task, 'service')?.valueCode,
    profession: task.performerType?.[0]?.coding?.[0]?.code,
    rule: parseRule(input(task, 'rule')?.valueString),
    outcome: task.businessStatus?.coding?.[0]?.code,
    note: output(task, 'note')?.valueString,
    routedTaskRef: output(task, 'routed-task')?.valueReference?.reference,
    appointmentRef: output(task, 'appointment')?.valueReference?.reference,
    waitingDays: output(task, 'waiting-days')?.valueInteger,
    notes: notesOfTask(task.note),
    outOfHours: input(task, 'out-of-hours')?.valueBoolean === true,
    queueOpens: input(task, 'queue-opens')?.valueDateTime,
    raisedBy: input(task, 'raised-by')?.valueCode,
    ruleUrgency: input(task, 'rule-urgency')?.valueCode,
    dangerSigns: inputs(task, 'danger-sign').flatMap((i) => (i.valueCode ? [i.valueCode] : [])),
    dangerWords: inputs(task, 'danger-words').flatMap((i) => {
      const words = parseJson<DangerWords>(i.valueString);
      return words?.matched ? [words] : [];
    }),
    suggested: parseJson<Suggestion>(input(task, 'suggested')?.valueString),
    assessmentRef: input(task, 'assessment')?.valueReference?.reference,
    assessedAt: input(task, 'assessed-at')?.valueDateTime,
    assessedBy: input(task, 'assessed-by')?.valueReference?.display,
    legalBasis: parseJson<DeadlineBasis>(input(task, 'legal-basis')?.valueString),
    regionalBasis: parseJson<DeadlineBasis>(input(task, 'regional-basis')?.valueString),
  };
}

/** `reason`: the professional's recorded reason when they have no care relationship. */
export async function fetchTask(id: string, reason?: string): Promise<ContactTask> {
  return toContactTask(await api.get<Task>(`${FHIR_BASE}/Task/${encodeURIComponent(id)}`, reasonHeaders(reason)));
}

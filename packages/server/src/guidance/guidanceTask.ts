import type { Annotation, Element, Task, TaskInput } from '@medplum/fhirtypes';
import {
  EXTENSIONS,
  SYSTEMS,
  TASK_CODES,
  taskPriorityFor,
  translationsElement,
  type Channel,
  type Deadlines,
  type LocalizedText,
  type ResidentNote,
  type TriageResult,
} from '@ovi/domain';

/** One typed Task.input. */
export function taskInput(type: string, value: Omit<TaskInput, 'type'>): TaskInput {
  return { type: { coding: [{ system: SYSTEMS.taskParameter, code: type }] }, ...value } as TaskInput;
}

export function inputValue(task: Task, type: string): TaskInput | undefined {
  return task.input?.find((i) => i.type.coding?.some((c) => c.code === type));
}

export function inputValues(task: Task, type: string): TaskInput[] {
  return (task.input ?? []).filter((i) => i.type.coding?.some((c) => c.code === type));
}

/** Inputs of the given types removed (before they are set again). */
export function withoutInputs(task: Task, types: string[]): TaskInput[] {
  return (task.input ?? []).filter((i) => !i.type.coding?.some((c) => types.includes(c.code ?? '')));
}

/** The deadline inputs of a contact; replaced whenever a professional assesses it. */
export const DEADLINE_INPUTS = ['legal-deadline', 'regional-deadline', 'legal-basis', 'regional-basis'];

export function deadlineInputs(deadlines: Deadlines): TaskInput[] {
  const inputs: TaskInput[] = [];
  if (deadlines.legal) inputs.push(taskInput('legal-deadline', { valueDateTime: deadlines.legal.toISOString() }));
  if (deadlines.regional) inputs.push(taskInput('regional-deadline', { valueDateTime: deadlines.regional.toISOString() }));
  const basis = deadlines.basis;
  if (basis?.legal) inputs.push(taskInput('legal-basis', { valueString: JSON.stringify(basis.legal) }));
  if (basis?.regional) inputs.push(taskInput('regional-basis', { valueString: JSON.stringify(basis.regional) }));
  return inputs;
}

/** A note to the resident, in Finnish with Swedish and English translations, and its kind. */
function residentAnnotation(note: ResidentNote, time: string): Annotation {
  return {
    extension: [{ url: EXTENSIONS.residentNoteKind, valueCode: note.kind }],
    time,
    text: note.text.fi,
    _text: translationsElement(note.text),
  } as Annotation & { _text: Element };
}

/** The safety screen's findings, so the professional sees why a contact was raised. */
function triageInputs(triage: TriageResult): TaskInput[] {
  const inputs: TaskInput[] = [];
  if (triage.raisedBy) {
    inputs.push(taskInput('raised-by', { valueCode: triage.raisedBy }));
    inputs.push(taskInput('rule-urgency', { valueCode: triage.ruleUrgency }));
  }
  for (const sign of triage.dangerSigns) inputs.push(taskInput('danger-sign', { valueCode: sign.code }));
  for (const match of triage.textMatches) {
    inputs.push(taskInput('danger-words', { valueString: JSON.stringify({ groupId: match.groupId, matched: match.matched, label: match.label }) }));
  }
  return inputs;
}

/** The client-guidance work item a contact becomes. */
export function buildGuidanceTask(args: {
  patient: string;
  response: string;
  channel: Channel;
  contactAt: Date;
  triage: TriageResult;
  deadlines: Deadlines;
  summary: string;
  /** The summary in every language (`_description` translations), when the topic came from the questionnaire. */
  summaryTexts?: LocalizedText;
  /** What the resident is told now (emergency numbers, a closed queue, the rule's advice). */
  notes: ResidentNote[];
  /** When the queue opens, if it was closed at the time of contact. */
  queueOpensAt?: Date;
  /** The queue is closed and does not open before the contact is due. */
  outOfHours: boolean;
}): Task {
  const { triage, deadlines } = args;
  const inputs: TaskInput[] = [
    taskInput('urgency', { valueCode: triage.urgency }),
    taskInput('channel', { valueCode: args.channel }),
    taskInput('service', { valueCode: triage.service }),
    taskInput('assessment-due', { valueDateTime: deadlines.assessmentDue.toISOString() }),
    taskInput('rule', { valueString: JSON.stringify({ ruleId: triage.ruleId, ...triage.explanation }) }),
    taskInput('suggested', { valueString: JSON.stringify({ urgency: triage.urgency, service: triage.service, profession: triage.profession }) }),
    ...triageInputs(triage),
    ...triage.advice.map((kind) => taskInput('advice', { valueCode: kind })),
    ...(args.outOfHours ? [taskInput('out-of-hours', { valueBoolean: true })] : []),
    ...(args.queueOpensAt ? [taskInput('queue-opens', { valueDateTime: args.queueOpensAt.toISOString() })] : []),
    ...deadlineInputs(deadlines),
  ];
  const authored = args.contactAt.toISOString();
  return {
    resourceType: 'Task',
    status: 'ready',
    intent: 'order',
    priority: taskPriorityFor(triage.urgency),
    code: { coding: [{ system: SYSTEMS.taskCode, code: TASK_CODES.clientGuidance, display: 'Client guidance' }] },
    description: args.summary,
    ...(args.summaryTexts ? { _description: translationsElement(args.summaryTexts) } : {}),
    for: { reference: args.patient },
    focus: { reference: args.response },
    authoredOn: authored,
    performerType: [{ coding: [{ system: SYSTEMS.profession, code: triage.profession }] }],
    restriction: { period: { end: deadlines.workTo.toISOString() } },
    input: inputs,
    ...(args.notes.length > 0 ? { note: args.notes.map((n) => residentAnnotation(n, authored)) } : {}),
  };
}

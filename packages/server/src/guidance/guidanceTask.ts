import type { Task, TaskInput } from '@medplum/fhirtypes';
import { SYSTEMS, TASK_CODES, taskPriorityFor, type Channel, type Deadlines, type RoutingSuggestion } from '@ovi/domain';

/** One typed Task.input. */
export function taskInput(type: string, value: Omit<TaskInput, 'type'>): TaskInput {
  return { type: { coding: [{ system: SYSTEMS.taskParameter, code: type }] }, ...value } as TaskInput;
}

export function inputValue(task: Task, type: string): TaskInput | undefined {
  return task.input?.find((i) => i.type.coding?.some((c) => c.code === type));
}

/** The client-guidance work item a contact becomes. */
export function buildGuidanceTask(args: {
  patient: string;
  response: string;
  channel: Channel;
  contactAt: Date;
  suggestion: RoutingSuggestion;
  deadlines: Deadlines;
  summary: string;
}): Task {
  const { suggestion, deadlines } = args;
  const inputs: TaskInput[] = [
    taskInput('urgency', { valueCode: suggestion.urgency }),
    taskInput('channel', { valueCode: args.channel }),
    taskInput('service', { valueCode: suggestion.service }),
    taskInput('assessment-due', { valueDateTime: deadlines.assessmentDue.toISOString() }),
    taskInput('rule', { valueString: JSON.stringify({ ruleId: suggestion.ruleId, ...suggestion.explanation }) }),
  ];
  if (deadlines.legal) inputs.push(taskInput('legal-deadline', { valueDateTime: deadlines.legal.toISOString() }));
  if (deadlines.regional) inputs.push(taskInput('regional-deadline', { valueDateTime: deadlines.regional.toISOString() }));
  return {
    resourceType: 'Task',
    status: 'ready',
    intent: 'order',
    priority: taskPriorityFor(suggestion.urgency),
    code: { coding: [{ system: SYSTEMS.taskCode, code: TASK_CODES.clientGuidance, display: 'Client guidance' }] },
    description: args.summary,
    for: { reference: args.patient },
    focus: { reference: args.response },
    authoredOn: args.contactAt.toISOString(),
    performerType: [{ coding: [{ system: SYSTEMS.profession, code: suggestion.profession }] }],
    restriction: { period: { end: deadlines.workTo.toISOString() } },
    input: inputs,
  };
}

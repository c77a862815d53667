/**
 * The hand-over note: an internal message from the professional who routes a contact to the
 * team or service that receives it. It travels on the routed Task as `Task.input` of type
 * `handover` (system task-parameter) and is for staff only: it never goes to the resident,
 * neither in the reply (Communication) nor in what a resident reads of their own Tasks.
 */

/** The `Task.input` type (in `https://fhir.ovi.fi/CodeSystem/task-parameter`). */
export const HANDOVER_INPUT = 'handover';

export const MAX_HANDOVER_LENGTH = 2000;

/** Task inputs for staff only: left out of everything a resident reads. */
export const STAFF_ONLY_TASK_INPUTS: readonly string[] = [HANDOVER_INPUT];

interface TaskLike {
  resourceType: string;
  input?: Array<{ type?: { coding?: Array<{ code?: string }> }; valueString?: string }>;
}

function isStaffOnly(input: { type?: { coding?: Array<{ code?: string }> } }): boolean {
  return input.type?.coding?.some((c) => c.code !== undefined && STAFF_ONLY_TASK_INPUTS.includes(c.code)) ?? false;
}

/**
 * A resource as a resident may read it: a Task without its staff-only inputs; anything else
 * as it is. The same object comes back when there is nothing to leave out.
 */
export function withoutStaffOnlyParts<T extends { resourceType: string }>(resource: T): T {
  if (resource.resourceType !== 'Task') return resource;
  const task = resource as unknown as TaskLike;
  if (!task.input?.some(isStaffOnly)) return resource;
  const input = task.input.filter((i) => !isStaffOnly(i));
  const { input: _dropped, ...rest } = task;
  return (input.length > 0 ? { ...rest, input } : rest) as unknown as T;
}

/** The hand-over note on a Task, if it has one. */
export function handoverOf(task: TaskLike): string | undefined {
  return task.input?.find((i) => i.type?.coding?.some((c) => c.code === HANDOVER_INPUT))?.valueString;
}

/**
 * The hand-over note of `$resolve` with outcome `routed`: an internal message to the team or
 * service that receives the work (docs/API.md "The nurse's contact view"). It is stored on the
 * routed Task as `Task.input` `handover` and never sent to the resident.
 */
import type { Extension, ParametersParameter, Reference, TaskInput } from '@medplum/fhirtypes';
import { OVI_FHIR_BASE } from '@ovi/domain';
import { HANDOVER_INPUT, MAX_HANDOVER_LENGTH } from '@ovi/domain/src/handoverNote';
import { badRequest } from '../fhir/outcomes';
import { taskInput } from './guidanceTask';

/**
 * Inside `$resolve` the note rides from the parsed decision to the routed Task on the `routeTo`
 * reference, under this extension; it is taken off before the reference becomes the owner, and
 * one a client put there itself is dropped.
 */
const CARRIER = `${OVI_FHIR_BASE}/StructureDefinition/handover-carrier`;

const EXPRESSION = ['Parameters.parameter.handover'];

/** The `handover` parameter: a valueString of at most 2000 characters, for `routed` only; blank is none. */
export function parseHandover(parameter: ParametersParameter | undefined, outcome: string): string | undefined {
  if (!parameter) return undefined;
  const { name: _name, valueString, ...rest } = parameter;
  if (valueString === undefined || Object.keys(rest).some((key) => key.startsWith('value') || key === 'resource' || key === 'part')) {
    throw badRequest('handover must be a valueString (an internal note to the receiving team)', EXPRESSION);
  }
  if (outcome !== 'routed') throw badRequest('handover is only for the outcome routed', EXPRESSION);
  const note = valueString.trim();
  if (note.length > MAX_HANDOVER_LENGTH) throw badRequest(`handover is longer than ${MAX_HANDOVER_LENGTH} characters`, EXPRESSION);
  return note || undefined;
}

const withoutCarrier = (extensions: Extension[] | undefined): Extension[] => (extensions ?? []).filter((e) => e.url !== CARRIER);

/** `routeTo` carrying the note (and nothing a client smuggled in under the same extension). */
export function withHandover(routeTo: Reference | undefined, note: string | undefined): Reference | undefined {
  if (!routeTo) return undefined;
  const { extension: _extension, ...rest } = routeTo;
  const extension = [...withoutCarrier(routeTo.extension), ...(note ? [{ url: CARRIER, valueString: note }] : [])];
  return extension.length > 0 ? { ...rest, extension } : rest;
}

/** The owner as given, and the note it carried. */
export function takeHandover(routeTo: Reference): { owner: Reference; handover?: string } {
  const handover = routeTo.extension?.find((e) => e.url === CARRIER)?.valueString;
  const { extension: _extension, ...rest } = routeTo;
  const kept = withoutCarrier(routeTo.extension);
  return { owner: kept.length > 0 ? { ...rest, extension: kept } : rest, ...(handover ? { handover } : {}) };
}

/** The routed Task's inputs: those of the work it came from without an earlier note, and this one's. */
export function handoverInputs(inputs: TaskInput[] | undefined, handover: string | undefined): TaskInput[] {
  const kept = (inputs ?? []).filter((i) => !i.type.coding?.some((c) => c.code === HANDOVER_INPUT));
  return handover ? [...kept, taskInput(HANDOVER_INPUT, { valueString: handover })] : kept;
}

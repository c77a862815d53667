import type { OperationDefinition, OperationDefinitionParameter } from '@medplum/fhirtypes';

type Param = [name: string, type: string, min: 0 | 1, doc: string, max?: string];

/** One of Ovi's operations: where it is invoked and what it takes and answers. */
export interface OviOperation {
  resource: 'Task' | 'Appointment' | 'Communication' | 'Measure' | 'Patient';
  code: string;
  /** On one record (`Task/{id}/$claim`) rather than on the type (`Appointment/$find`). */
  instance: boolean;
  /** Changes records (true for all but `$find`). */
  affectsState: boolean;
  description: string;
  in: Param[];
  /** What it answers: a resource named by type (`return`). */
  returns: string;
}

/**
 * Every operation a route serves. The routes live with their domain (guidance, scheduling,
 * messages); this list is what the CapabilityStatement names and `OperationDefinition/{id}`
 * describes, and the conformance test invokes each entry, so a route missing here or an
 * entry without a route fails a test.
 */
export const OPERATIONS: OviOperation[] = [
  { resource: 'Task', code: 'assess', instance: true, affectsState: true, returns: 'Task',
    description: "A professional's own need assessment of a contact; it overrides the rules' suggestion, which stays on record beside it.",
    in: [['urgency', 'code', 1, 'emergent | urgent | non-urgent | self-care'], ['service', 'code', 0, 'The service (default the Task\'s)'], ['profession', 'code', 0, 'The profession (default the Task\'s)'], ['note', 'string', 0, 'At most 4000 characters']] },
  { resource: 'Task', code: 'resolve', instance: true, affectsState: true, returns: 'Task',
    description: 'Closes or routes a contact and tells the client.',
    in: [['outcome', 'code', 1, 'solved | self-care | booked | routed | emergency'], ['note', 'string', 1, 'The message to the client'], ['routeTo', 'Reference', 0, 'CareTeam, HealthcareService or Practitioner; required when routed']] },
  { resource: 'Task', code: 'answer', instance: true, affectsState: true, returns: 'Task',
    description: 'Answers a consultation: only the one asked, once.',
    in: [['answer', 'string', 1, 'At most 8000 characters']] },
  { resource: 'Task', code: 'claim', instance: true, affectsState: true, returns: 'Task',
    description: 'A professional takes an open contact from their queue (a signal to colleagues, not a lock).', in: [] },
  { resource: 'Task', code: 'release', instance: true, affectsState: true, returns: 'Task',
    description: 'Gives a claimed contact back to the queue.', in: [] },
  { resource: 'Appointment', code: 'find', instance: false, affectsState: false, returns: 'Bundle',
    description: 'Proposes free times (Appointments with status proposed), ranked; a searchset Bundle.',
    in: [['start', 'dateTime', 0, 'Start of the window'], ['end', 'dateTime', 0, 'End of the window, usually the deadline'], ['specialty', 'CodeableConcept', 0, 'Profession'], ['visit-type', 'code', 0, 'on-site | phone | video | home-visit'], ['appointment-type', 'code', 0, 'A visit type code'], ['location', 'Reference', 0, 'A Location'], ['municipality', 'string', 0, 'The city'], ['language', 'code', 0, 'Language of the visit'], ['patient', 'Reference', 0, 'The client'], ['count', 'integer', 0, 'How many (default 5)']] },
  { resource: 'Appointment', code: 'book', instance: false, affectsState: true, returns: 'Appointment',
    description: 'Books one proposed Appointment atomically (201).',
    in: [['appointment', 'Appointment', 1, 'One proposed Appointment from $find'], ['task', 'Reference', 0, 'The contact the visit is booked for'], ['allowOverlap', 'boolean', 0, 'Book even over another visit of the client']] },
  { resource: 'Appointment', code: 'move', instance: true, affectsState: true, returns: 'Appointment',
    description: 'Moves a booked visit to a proposed time in one transaction (201 with the new Appointment).',
    in: [['appointment', 'Appointment', 1, 'One proposed Appointment from $find, same client'], ['allowOverlap', 'boolean', 0, 'Move even over another visit of the client']] },
  { resource: 'Appointment', code: 'outcome', instance: true, affectsState: true, returns: 'Appointment',
    description: 'Records how a visit went.',
    in: [['outcome', 'code', 1, 'fulfilled | noshow | cancelled'], ['reason', 'string', 0, 'At most 500 characters; required for cancelled']] },
  { resource: 'Measure', code: 'evaluate-measure', instance: true, affectsState: false, returns: 'MeasureReport',
    description: "Evaluates a manager's indicator over a period: a summary MeasureReport (counts, score, strata by unit, municipality, age group and profession; a stratum under five people, and what would give it away, is hidden and marked masked). Managers and administrators only; GET with the parameters in the query, or POST a Parameters body.",
    in: [['periodStart', 'date', 1, 'First day (Helsinki), YYYY-MM-DD'], ['periodEnd', 'date', 1, 'Last day (Helsinki), included; at most 367 days after periodStart'], ['reportType', 'code', 0, 'summary (the only one given)'], ['unit', 'string', 0, 'Only this unit (Organization/…)'], ['municipality', 'string', 0, 'Only this municipality code'], ['profession', 'string', 0, 'Only this profession code']] },
  { resource: 'Patient', code: 'segment', instance: true, affectsState: true, returns: 'Observation',
    description: "Combines the client's latest own assessment of their resources and the professional's latest assessment of how demanding the health state is into a segment Observation (201; derivedFrom both). A missing or stale pair is a 422 naming what to answer. The segment suggests how care is arranged; it never changes urgency or access to help.", in: [] },
  { resource: 'Communication', code: 'read', instance: true, affectsState: true, returns: 'Communication',
    description: 'The recipient has opened the message (the first opening sets received).', in: [] },
];

export const operationsOn = (resource: string): OviOperation[] => OPERATIONS.filter((op) => op.resource === resource);

/** The id an operation's definition is served under: `Task-claim`. */
export const operationDefinitionId = (op: OviOperation): string => `${op.resource}-${op.code}`;

/** The OperationDefinition of one operation, as served at `OperationDefinition/{id}`. */
export function operationDefinition(baseUrl: string, op: OviOperation): OperationDefinition {
  const id = operationDefinitionId(op);
  const parameter: OperationDefinitionParameter[] = [
    ...op.in.map(([name, type, min, documentation, max]) => ({ name, use: 'in' as const, min, max: max ?? '1', documentation, type })),
    { name: 'return', use: 'out', min: 1, max: '1', documentation: `The ${op.returns}`, type: op.returns },
  ];
  return {
    resourceType: 'OperationDefinition',
    id,
    url: `${baseUrl}/OperationDefinition/${id}`,
    name: id.replace(/[^A-Za-z0-9]/g, ''),
    title: `$${op.code} on ${op.resource}`,
    status: 'active',
    kind: 'operation',
    description: op.description,
    affectsState: op.affectsState,
    code: op.code,
    resource: [op.resource],
    system: false,
    type: !op.instance,
    instance: op.instance,
    parameter,
  };
}

export function findOperationDefinition(baseUrl: string, id: string): OperationDefinition | undefined {
  const op = OPERATIONS.find((o) => operationDefinitionId(o) === id);
  return op ? operationDefinition(baseUrl, op) : undefined;
}

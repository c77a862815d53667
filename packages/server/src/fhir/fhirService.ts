import { randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { Database, SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { AccessGrant, AccessPolicy, Interaction } from '../access/accessPolicy';
import { auditEventForClient, type AuditLog } from '../audit/auditLog';
import type { UserContext } from '../auth/userContext';
import { hasRole, isStaff } from '../auth/userContext';
import { PATIENT_SEARCH_PARAM, patientsOf } from '../access/patientLinks';
import { holdsPersonalData, isPersonalType, isSupportedType } from './resourceTypes';
import { badRequest, FhirError, forbidden, notFound } from './outcomes';
import { parseSearchRequest, type SearchRequest } from './searchRequest';
import { historyBundle, searchBundle } from './bundles';
import { validateIncoming } from './validation';

export interface RequestContext {
  user: UserContext;
  /** A reason recorded by a professional who has no relationship with the client. */
  reason?: string;
  address?: string;
  baseUrl: string;
}

/** Hooks that give resources of one type their domain meaning when created. */
export interface CreateHook {
  /** Checks and completes the resource; may decide access itself. Runs before storing. */
  prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; grant?: AccessGrant; prepared?: unknown }>;
  /**
   * Runs in the storing transaction with what `prepare` worked out; returns response headers.
   * It may use only `tx`: PGlite has one connection, so any other query would wait forever.
   */
  afterCreate(ctx: RequestContext, stored: Stored, tx: SqlExecutor, prepared: unknown): Promise<Record<string, string>>;
}

/** Hooks that guard and complete updates of one type (e.g. cancelling an Appointment frees its slot). */
export interface UpdateHook {
  /** Checks the change; returns what to store. Runs before the transaction. */
  prepareUpdate(ctx: RequestContext, current: Stored, next: Resource): Promise<Resource>;
  /** Runs in the storing transaction; may use only `tx`. */
  afterUpdate(ctx: RequestContext, stored: Stored, previous: Stored, tx: SqlExecutor): Promise<void>;
  /** Runs once the change is committed (e.g. e-mail). */
  afterCommit?(stored: Stored, previous: Stored): void;
}

/**
 * FHIR REST semantics without HTTP: validation, access control and audit around the store.
 * Every read, search and write of personal data leaves an AuditEvent, refusals too.
 */
export class FhirService {
  constructor(
    private readonly db: Database,
    readonly store: ResourceStore,
    readonly access: AccessPolicy,
    readonly audit: AuditLog,
    private readonly hooks: Partial<Record<string, CreateHook>> = {},
    private readonly updateHooks: Partial<Record<string, UpdateHook>> = {},
  ) {}

  async read(ctx: RequestContext, type: string, id: string): Promise<Stored> {
    assertType(type);
    // A Patient record's client is known from its id: access is decided while the record is read.
    const early = type === 'Patient' ? settle(this.access.checkPatients(ctx.user, type, [`Patient/${id}`], 'read', ctx.reason)) : undefined;
    const resource = await this.store.read(type, id);
    await this.authorize(ctx, resource, 'read', [`${type}/${id}`], true, early);
    return hasRole(ctx.user, 'resident') ? auditEventForClient(resource, ctx.user.fhirUser) : resource;
  }

  async vread(ctx: RequestContext, type: string, id: string, versionId: string): Promise<Stored> {
    assertType(type);
    const current = await this.store.read(type, id);
    await this.authorize(ctx, current, 'vread', [`${type}/${id}/_history/${versionId}`]);
    const version = await this.store.readVersion(type, id, versionId);
    return hasRole(ctx.user, 'resident') ? auditEventForClient(version, ctx.user.fhirUser) : version;
  }

  async history(ctx: RequestContext, type: string, id: string): Promise<Bundle> {
    assertType(type);
    const current = await this.store.read(type, id);
    await this.authorize(ctx, current, 'history', [`${type}/${id}/_history`]);
    const versions = await this.store.history(type, id);
    return historyBundle(ctx.baseUrl, hasRole(ctx.user, 'resident') ? versions.map((v) => auditEventForClient(v, ctx.user.fhirUser)) : versions);
  }

  async search(ctx: RequestContext, type: string, query: URLSearchParams): Promise<Bundle> {
    assertType(type);
    const request = parseSearchRequest(type, groupQuery(query));
    // A CareTeam about one client is that client's data; work teams are directory data.
    const clientTeams = type === 'CareTeam' && request.filters.some((f) => ['subject', 'patient'].includes(f.code) && f.modifier !== 'missing');
    if (type === 'CareTeam' && !clientTeams) request.filters.push({ code: 'subject', kind: 'reference', modifier: 'missing', values: ['true'] });
    const personal = isPersonalType(type) || clientTeams;
    let grant: AccessGrant = { patients: [], byRecordedReason: false };
    if (personal) grant = await this.scopeSearch(ctx, request, query);
    const result = await this.store.search(request);
    if (personal) {
      const patients = new Set([...grant.patients, ...result.resources.flatMap(patientsOf)]);
      await this.audit.record({ ...auditBase(ctx, 'search', grant), what: [`${type}?${query.toString()}`], patients: [...patients], success: true });
    }
    const resources = hasRole(ctx.user, 'resident') ? result.resources.map((r) => auditEventForClient(r, ctx.user.fhirUser)) : result.resources;
    return searchBundle(ctx.baseUrl, request, query, resources, result.total);
  }

  async create(ctx: RequestContext, type: string, body: unknown): Promise<{ resource: Stored; headers: Record<string, string> }> {
    assertType(type);
    let resource = validateIncoming(body, type);
    const hook = this.hooks[type];
    let grant: AccessGrant | undefined;
    let prepared: unknown;
    if (hook) ({ resource, grant, prepared } = await hook.prepare(ctx, stripServerFields(resource)));
    grant ??= await this.authorize(ctx, resource, 'create', [type], false);
    const toStore = { ...stripServerFields(resource), id: randomUUID() };
    // The resource and its audit record go in one statement: both stored, or neither.
    const audit = holdsPersonalData(toStore)
      ? [this.audit.event({ ...auditBase(ctx, 'create', grant), what: [`${type}/${toStore.id}`], patients: patientsOf(toStore), success: true })]
      : [];
    if (!hook) {
      const [stored] = await this.store.createMany([toStore, ...audit]);
      return { resource: stored as Stored, headers: {} };
    }
    return this.db.transaction(async (tx) => {
      const [stored] = await this.store.createMany([toStore, ...audit], tx);
      const headers = await hook.afterCreate(ctx, stored as Stored, tx, prepared);
      return { resource: stored as Stored, headers };
    });
  }

  async update(ctx: RequestContext, type: string, id: string, body: unknown, expectedVersion?: string): Promise<Stored> {
    assertType(type);
    let resource = validateIncoming(body, type);
    if (resource.id !== id) throw badRequest(`The body's id '${resource.id ?? ''}' does not match the URL's '${id}'`, [`${type}.id`]);
    const current = await this.store.read(type, id);
    const grant = await this.authorize(ctx, current, 'update', [`${type}/${id}`], false);
    const hook = this.updateHooks[type];
    if (hook) resource = await hook.prepareUpdate(ctx, current, resource);
    await this.authorize(ctx, resource, 'update', [`${type}/${id}`], false);
    const updated = await this.db.transaction(async (tx) => {
      const stored = await this.store.update(type, id, stripServerFields(resource), { expectedVersion, tx });
      if (hook) await hook.afterUpdate(ctx, stored, current, tx);
      if (holdsPersonalData(stored)) {
        await this.audit.record({ ...auditBase(ctx, 'update', grant), what: [`${type}/${id}`], patients: patientsOf(stored), success: true }, tx);
      }
      return stored;
    });
    hook?.afterCommit?.(updated, current);
    return updated;
  }

  /** Access check (or the decision already under way) plus audit: success for reads, refusal always. */
  async authorize(ctx: RequestContext, resource: Resource, interaction: Interaction, what: string[], auditSuccess = true, decided?: Promise<Settled<AccessGrant>>): Promise<AccessGrant> {
    const personal = holdsPersonalData(resource);
    try {
      const grant = decided ? unwrap(await decided) : await this.access.check(ctx.user, resource, interaction, ctx.reason);
      if (personal && auditSuccess) {
        await this.audit.record({ ...auditBase(ctx, interaction, grant), what, patients: grant.patients, success: true });
      }
      return grant;
    } catch (error) {
      if (personal && error instanceof FhirError) {
        await this.audit.record({ ...auditBase(ctx, interaction), what, patients: patientsOf(resource), success: false, description: error.message });
      }
      throw error;
    }
  }

  /** Confines a search of personal data to one client the user may see. */
  private async scopeSearch(ctx: RequestContext, request: SearchRequest, query: URLSearchParams): Promise<AccessGrant> {
    const type = request.resourceType;
    this.access.assertMaySearch(ctx.user, type);
    const param = PATIENT_SEARCH_PARAM[type] ?? 'patient';
    if (hasRole(ctx.user, 'resident')) {
      // A resident searches their own data, or a child's in their guardianship when naming the child;
      // the filter is added on top of whatever was asked, so nothing else can widen it.
      const asked = request.filters.filter((f) => f.code === param || (param !== '_id' && ['patient', 'subject', 'for'].includes(f.code))).flatMap((f) => f.values);
      const named = asked.length === 1 && asked[0] ? (asked[0].includes('/') ? asked[0] : `Patient/${asked[0]}`) : undefined;
      const whose = named && named !== ctx.user.fhirUser && (await this.access.residentActsFor(ctx.user, named)) ? named : ctx.user.fhirUser;
      const value = param === '_id' ? whose.replace(/^Patient\//, '') : whose;
      request.filters.push({ code: param, kind: param === '_id' ? 'id' : 'reference', values: [value] });
      return { patients: [whose], byRecordedReason: false };
    }
    if (type === 'AuditEvent') throw forbidden('Only the client can list who has accessed their data');
    if (type === 'Patient' && isStaff(ctx.user) && request.filters.some((f) => f.code === 'identifier' && !f.modifier)) {
      return { patients: [], byRecordedReason: false }; // looking up a client by identifier to record a contact
    }
    if (type === 'Appointment' && isStaff(ctx.user) && isOwnSchedule(request, ctx.user.fhirUser)) {
      return { patients: [], byRecordedReason: false }; // a professional's own appointments
    }
    const scoped = request.filters.filter((f) => f.code === param || (param !== '_id' && ['patient', 'subject', 'for'].includes(f.code)));
    const values = scoped.flatMap((f) => f.values);
    if (values.length !== 1 || !values[0]) {
      const error = forbidden(`Searching ${type} requires the '${param}' parameter naming exactly one client you work with`);
      await this.audit.record({ ...auditBase(ctx, 'search'), what: [`${type}?${query.toString()}`], patients: [], success: false, description: error.message });
      throw error;
    }
    const patient = values[0].includes('/') ? values[0] : `Patient/${values[0]}`;
    try {
      return await this.access.checkPatients(ctx.user, type, [patient], 'search', ctx.reason);
    } catch (error) {
      await this.audit.record({ ...auditBase(ctx, 'search'), what: [`${type}?${query.toString()}`], patients: [patient], success: false, description: (error as Error).message });
      throw error;
    }
  }
}

/** A search confined to the professional's own appointments. */
function isOwnSchedule(request: SearchRequest, fhirUser: string): boolean {
  const own = request.filters.filter((f) => f.code === 'practitioner' || f.code === 'actor');
  return own.length > 0 && own.every((f) => f.values.length === 1 && (f.values[0] === fhirUser || `Practitioner/${f.values[0]}` === fhirUser));
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects, so it may wait unobserved while other work fails first. */
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

function unwrap<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error;
  return settled.value;
}

function auditBase(ctx: RequestContext, interaction: Interaction, grant?: AccessGrant) {
  return { user: ctx.user, interaction, reason: ctx.reason, byRecordedReason: grant?.byRecordedReason, address: ctx.address };
}

function assertType(type: string): void {
  if (!isSupportedType(type)) throw notFound(`Resource type ${type} is not supported`);
}

/** The server owns ids, versions and timestamps. */
function stripServerFields<T extends Resource>(resource: T): T {
  const { meta, ...rest } = resource;
  const keptMeta = meta ? { ...(meta.profile ? { profile: meta.profile } : {}), ...(meta.tag ? { tag: meta.tag } : {}), ...(meta.security ? { security: meta.security } : {}) } : undefined;
  return { ...rest, ...(keptMeta && Object.keys(keptMeta).length > 0 ? { meta: keptMeta } : {}) } as T;
}

function groupQuery(query: URLSearchParams): Record<string, string[]> {
  // No prototype: a parameter named `constructor` or `__proto__` is just an unknown parameter.
  const grouped = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of query) (grouped[key] ??= []).push(value);
  return grouped;
}

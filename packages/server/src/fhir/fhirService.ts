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
import { badRequest, conflict, FhirError, forbidden, markAudited, notFound, preconditionFailed } from './outcomes';
import { lockForTransaction } from '../storage/writeLocks';
import { afterCommit } from '../db/ambientTransaction';
import { parseHistoryRequest, parseSearchRequest, type SearchRequest } from './searchRequest';
import { historyPage } from '../storage/historyReads';
import { historyBundle, searchBundle } from './bundles';
import { validateIncoming } from './validation';
import { clientReferences } from './clientReferences';
import { markWrittenByReason } from '../access/accessBasis';
import { SHARED_TYPES, inRegister, registerOfResource, withoutRegister } from '../access/registerLabels';
import { cachedQualificationsOf } from '../access/qualifications';
import { registerForWriter } from '../access/clinicalRecords';
import { isValidPersonalIdentityCode } from '@ovi/domain';
import { withoutStaffOnlyParts } from '@ovi/domain/src/handoverNote';
import { describePersonalIdentityCodeProblem, personalIdentityCodeProblem } from '@ovi/domain/src/personalIdentityCodeCheck';

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
  /**
   * Optional instead of `afterCreate`: the resources that go with the new one (a contact's
   * Task), worked out before storing from the resource as it will be stored (its id given).
   * They are stored in the same statement as it and its audit record (all or none), grouped
   * with other requests' creates, without a transaction of four round trips. `undefined` when
   * this one needs `afterCreate` (it writes more than resources).
   */
  companions?(ctx: RequestContext, toStore: Resource & { id: string }, prepared: unknown): Companions | undefined;
}

/** What a create hook stores with the created resource, and the response headers that tell of it. */
export interface Companions {
  resources: Array<Resource & { id: string }>;
  headers: Record<string, string>;
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
    return hasRole(ctx.user, 'resident') ? withoutStaffOnlyParts(auditEventForClient(resource, ctx.user.fhirUser)) : resource;
  }

  async vread(ctx: RequestContext, type: string, id: string, versionId: string): Promise<Stored> {
    assertType(type);
    const current = await this.store.read(type, id);
    const version = await this.store.readVersion(type, id, versionId);
    // An old version is checked against its own client too: a record moved to another client
    // must not show the first client's data to whoever may see the second.
    await this.authorizeVersions(ctx, current, [version], 'vread', [`${type}/${id}/_history/${versionId}`]);
    return hasRole(ctx.user, 'resident') ? withoutStaffOnlyParts(auditEventForClient(version, ctx.user.fhirUser)) : version;
  }

  /** Instance history, paged (`_count`, `_since`): every version shown is checked and audited. */
  async history(ctx: RequestContext, type: string, id: string, query: URLSearchParams = new URLSearchParams()): Promise<Bundle> {
    assertType(type);
    const { request, since } = parseHistoryRequest(type, groupQuery(query), []);
    request.filters.push({ code: '_id', kind: 'id', values: [id] });
    const current = await this.store.read(type, id);
    const page = await historyPage(this.db, request, since);
    // Every version's client must be one the reader may see; the audit names them all.
    await this.authorizeVersions(ctx, current, page.versions.length > 0 ? page.versions : [current], 'history', [`${type}/${id}/_history`]);
    const url = `${ctx.baseUrl}/${type}/${id}/_history`;
    return historyBundle(url, request, query, this.forReader(ctx, page.versions), page.total, ctx.baseUrl);
  }

  /**
   * Type history: only over what the reader may see, with the scoping, register checks and
   * audit of a search. A professional names the client as in a search (`patient=`); a
   * version naming another client (a record moved between clients) is left out.
   */
  async typeHistory(ctx: RequestContext, type: string, query: URLSearchParams): Promise<Bundle> {
    assertType(type);
    const personal = isPersonalType(type) || type === 'CareTeam';
    const clientParam = PATIENT_SEARCH_PARAM[type] ?? 'patient';
    const { request, since } = parseHistoryRequest(type, groupQuery(query), personal ? [...new Set([clientParam, 'patient', 'subject', 'for'])] : []);
    let grant: AccessGrant = { patients: [], byRecordedReason: false };
    if (personal) grant = await this.scopeSearch(ctx, request, query);
    const page = await historyPage(this.db, request, since);
    let versions = page.versions;
    let total = page.total;
    if (personal) {
      const named = new Set(grant.patients);
      // Only versions about the client the reader was allowed; for residents, themselves.
      const aboutGranted = named.size === 0 ? versions : versions.filter((v) => patientsOf(v).every((p) => named.has(p)) && patientsOf(v).length > 0);
      const visible = isStaff(ctx.user) ? await this.withinRegisters(ctx, aboutGranted, grant) : { resources: aboutGranted, grant };
      total -= versions.length - visible.resources.length;
      versions = visible.resources;
      grant = visible.grant;
      const patients = new Set([...grant.patients, ...versions.flatMap(patientsOf)]);
      await this.audit.record({ ...auditBase(ctx, 'history', grant), what: [`${type}/_history?${query.toString()}`], patients: [...patients], success: true });
    }
    return historyBundle(`${ctx.baseUrl}/${type}/_history`, request, query, this.forReader(ctx, versions), total, ctx.baseUrl);
  }

  /** What a resident is shown of records: other clients and staff-only parts left out. */
  private forReader(ctx: RequestContext, resources: Stored[]): Stored[] {
    return hasRole(ctx.user, 'resident') ? resources.map((r) => withoutStaffOnlyParts(auditEventForClient(r, ctx.user.fhirUser))) : resources;
  }

  async search(ctx: RequestContext, type: string, query: URLSearchParams): Promise<Bundle> {
    return (await this.searchScoped(ctx, type, query)).bundle;
  }

  /** A search with the request as scoped to what the reader may see, and the match count before visibility filters. */
  private async searchScoped(ctx: RequestContext, type: string, query: URLSearchParams): Promise<{ bundle: Bundle; request: SearchRequest; raw: { ids: Set<string>; total: number } }> {
    assertType(type);
    const request = parseSearchRequest(type, groupQuery(query));
    // A CareTeam about one client is that client's data; work teams are directory data.
    const clientTeams = type === 'CareTeam' && request.filters.some((f) => ['subject', 'patient'].includes(f.code) && f.modifier !== 'missing');
    if (type === 'CareTeam' && !clientTeams) request.filters.push({ code: 'subject', kind: 'reference', modifier: 'missing', values: ['true'] });
    const personal = isPersonalType(type) || clientTeams;
    let grant: AccessGrant = { patients: [], byRecordedReason: false };
    if (personal) grant = await this.scopeSearch(ctx, request, query);
    const result = await this.store.search(request);
    let found = result.resources;
    let total = result.total;
    // Notices only social-welfare staff know of are not there for anyone else (decision 016).
    const shown = await filterAsync(found, async (r) => !(await this.access.hidesNotice(ctx.user, r)));
    total -= found.length - shown.length;
    found = shown;
    if (personal) {
      if (isStaff(ctx.user)) {
        // The other register's records are left out unless consent or a recorded basis allows them.
        const visible = await this.withinRegisters(ctx, found, grant);
        total -= found.length - visible.resources.length;
        found = visible.resources;
        grant = visible.grant;
      }
      const patients = new Set([...grant.patients, ...found.flatMap(patientsOf)]);
      await this.audit.record({ ...auditBase(ctx, 'search', grant), what: [`${type}?${query.toString()}`], patients: [...patients], success: true });
    }
    const resources = hasRole(ctx.user, 'resident') ? found.map((r) => withoutStaffOnlyParts(auditEventForClient(r, ctx.user.fhirUser))) : found;
    return { bundle: searchBundle(ctx.baseUrl, request, query, resources, total), request, raw: { ids: new Set(result.resources.map((r) => r.id)), total: result.total } };
  }

  /**
   * Conditional create (R4 http.html#ccreate, decision 023): the condition is searched with
   * the writer's own access, so a match they may not see is never returned or revealed. One
   * visible match is answered (200, nothing created); several are a 412; none, and the
   * resource is created in a transaction holding a lock on the type and condition, after
   * checking under the lock that no match has appeared since (parallel retries of one create
   * make exactly one resource).
   */
  async createIfNoneExist(ctx: RequestContext, type: string, body: unknown, condition: string): Promise<{ resource: Stored; headers: Record<string, string>; created: boolean }> {
    assertType(type);
    validateIncoming(body, type);
    const query = conditionQuery(type, condition);
    const lockName = `conditional-create:${type}?${query.toString()}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const { bundle, request, raw } = await this.searchScoped(ctx, type, query);
      const matches = (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').map((e) => e.resource as Stored);
      if ((bundle.total ?? matches.length) > 1) throw preconditionFailed(`If-None-Exist matched ${bundle.total ?? matches.length} ${type} resources; it must match at most one`);
      const [match] = matches;
      if (match) return { resource: match, headers: {}, created: false };
      const made = await this.create(ctx, type, body, async (tx) => {
        await lockForTransaction(tx, lockName);
        // Another request with the same condition may have created one while this one searched
        // (seen by the count but not the rows, or not at all): then search again, from the start.
        const now = await this.store.search(request, tx, true);
        return now.total <= raw.total && now.resources.every((r) => raw.ids.has(r.id)) && raw.ids.size >= Math.min(raw.total, request.count);
      });
      if (made) return { ...made, created: true };
    }
    throw conflict(`${type} matching If-None-Exist is being created by another request; try again`);
  }

  async create(ctx: RequestContext, type: string, body: unknown): Promise<{ resource: Stored; headers: Record<string, string> }>;
  /** With `mayStore`: stored in one transaction only if it answers true there (else undefined, nothing stored). */
  async create(ctx: RequestContext, type: string, body: unknown, mayStore: (tx: SqlExecutor) => Promise<boolean>): Promise<{ resource: Stored; headers: Record<string, string> } | undefined>;
  async create(ctx: RequestContext, type: string, body: unknown, mayStore?: (tx: SqlExecutor) => Promise<boolean>): Promise<{ resource: Stored; headers: Record<string, string> } | undefined> {
    assertType(type);
    // The register is Ovi's to decide, never the sender's.
    let resource = withoutRegister(validateIncoming(body, type));
    const hook = this.hooks[type];
    let grant: AccessGrant | undefined;
    let prepared: unknown;
    if (hook) ({ resource, grant, prepared } = await this.prepareAudited(ctx, hook, stripServerFields(resource)));
    grant ??= await this.authorize(ctx, resource, 'create', [type], false);
    await this.assertClientsReferable(ctx, resource, grant, 'create', [type]);
    const stripped = await this.withRegister(ctx, stripServerFields(resource));
    const toStore = { ...(grant.byRecordedReason ? markWrittenByReason(stripped) : stripped), id: randomUUID() };
    // The resource and its audit record go in one statement: both stored, or neither.
    const audit = holdsPersonalData(toStore)
      ? [this.audit.event({ ...auditBase(ctx, 'create', grant), what: [`${type}/${toStore.id}`], patients: patientsOf(toStore), success: true })]
      : [];
    const companions = hook?.companions?.(ctx, toStore, prepared);
    if (mayStore) {
      return this.db.transaction(async (tx) => {
        if (!(await mayStore(tx))) return undefined;
        const [stored] = await this.store.createMany([toStore, ...audit, ...(companions?.resources ?? [])], tx);
        const headers = hook && !companions ? await hook.afterCreate(ctx, stored as Stored, tx, prepared) : (companions?.headers ?? {});
        return { resource: stored as Stored, headers };
      });
    }
    if (!hook || companions) {
      const [stored] = await this.store.createMany([toStore, ...audit, ...(companions?.resources ?? [])]);
      return { resource: stored as Stored, headers: companions?.headers ?? {} };
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
    const after = await this.authorize(ctx, resource, 'update', [`${type}/${id}`], false);
    await this.assertClientsReferable(ctx, resource, { ...after, patients: [...grant.patients, ...after.patients] }, 'update', [`${type}/${id}`]);
    const byReason = grant.byRecordedReason || after.byRecordedReason;
    const updated = await this.db.transaction(async (tx) => {
      // Changed on a recorded reason (e.g. joining a client's CareTeam): never a relationship of its own.
      const kept = keepRegister(stripServerFields(resource), current);
      const next = byReason ? markWrittenByReason(kept) : kept;
      const stored = await this.store.update(type, id, next, { expectedVersion, tx });
      if (hook) await hook.afterUpdate(ctx, stored, current, tx);
      if (holdsPersonalData(stored)) {
        await this.audit.record({ ...auditBase(ctx, 'update', grant), what: [`${type}/${id}`], patients: patientsOf(stored), success: true }, tx);
      }
      return stored;
    });
    // In a transaction Bundle, only once the whole Bundle is committed.
    afterCommit(() => hook?.afterCommit?.(updated, current));
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
        markAudited(error);
      }
      throw error;
    }
  }

  /**
   * A record may name only clients that exist and that the writer may see: a client outside
   * the access already granted is checked as a read of their data (refused as for any unknown
   * client, audited, so existence is never revealed), and only then is a missing one a 400
   * naming the element.
   */
  private async assertClientsReferable(ctx: RequestContext, resource: Resource, grant: AccessGrant, interaction: Interaction, what: string[]): Promise<void> {
    const references = clientReferences(resource).filter((r) => !(resource.resourceType === 'Patient' && r.reference === `Patient/${resource.id ?? ''}`));
    const others = [...new Set(references.map((r) => r.reference))].filter((p) => !grant.patients.includes(p));
    if (others.length > 0) {
      try {
        await this.access.checkPatients(ctx.user, resource.resourceType, others, 'read', ctx.reason);
      } catch (error) {
        if (error instanceof FhirError) {
          await this.audit.record({ ...auditBase(ctx, interaction), what, patients: others, success: false, description: error.message });
          markAudited(error);
        }
        throw error;
      }
    }
    const distinct = [...new Set(references.map((r) => r.reference))];
    const exists = await Promise.all(distinct.map(async (p) => (await this.store.readOptional('Patient', p.slice('Patient/'.length))) !== undefined));
    const missing = new Set(distinct.filter((_, i) => !exists[i]));
    if (missing.size > 0) {
      const where = references.filter((r) => missing.has(r.reference));
      throw badRequest(`${[...missing].join(', ')} does not exist: a record can only name an existing client`, where.map((r) => r.expression));
    }
  }

  /**
   * Access to old versions: the current record's check, and every client any version names.
   * One audit record names them all; a refusal names them too.
   */
  private async authorizeVersions(ctx: RequestContext, current: Stored, versions: Stored[], interaction: Interaction, what: string[]): Promise<void> {
    const grant = await this.authorize(ctx, current, interaction, what, false);
    for (const version of versions) if (version.resourceType !== current.resourceType) throw notFound(`${what[0]} was not found`);
    if (!holdsPersonalData(current) && !versions.some(holdsPersonalData)) return;
    const extra = [...new Set(versions.flatMap(patientsOf))].filter((p) => !grant.patients.includes(p));
    let byRecordedReason = grant.byRecordedReason;
    if (extra.length > 0) {
      try {
        byRecordedReason = (await this.access.checkPatients(ctx.user, current.resourceType, extra, interaction, ctx.reason)).byRecordedReason || byRecordedReason;
      } catch (error) {
        if (error instanceof FhirError) {
          await this.audit.record({ ...auditBase(ctx, interaction), what, patients: extra, success: false, description: error.message });
          markAudited(error);
        }
        throw error;
      }
    }
    await this.audit.record({ ...auditBase(ctx, interaction, { patients: [], byRecordedReason }), what, patients: [...grant.patients, ...extra], success: true });
  }

  /**
   * Every record of personal data belongs to a register. Where Ovi's own operations have not
   * decided it (a contact follows its service), the writer's decides: a resident's own
   * records and a health professional's are health data, a social-welfare professional's
   * social-welfare data. The client's identity and consents are shared by both.
   */
  private async withRegister<T extends Resource>(ctx: RequestContext, resource: T): Promise<T> {
    if (!holdsPersonalData(resource) || SHARED_TYPES.has(resource.resourceType) || registerOfResource(resource)) return resource;
    if (!isStaff(ctx.user)) return inRegister(resource, 'health');
    const q = await cachedQualificationsOf(this.store, ctx.user);
    // Diagnoses, medication, allergies… are health data whoever records them (decision 026).
    return inRegister(resource, registerForWriter(resource.resourceType, q));
  }

  /** A create hook's refusal (a contact or consultation for a client one may not reach) is audited, naming the client. */
  private async prepareAudited(ctx: RequestContext, hook: CreateHook, resource: Resource): Promise<Awaited<ReturnType<CreateHook['prepare']>>> {
    try {
      return await hook.prepare(ctx, resource);
    } catch (error) {
      if (error instanceof FhirError && !error.audited && [401, 403, 404].includes(error.status) && holdsPersonalData(resource)) {
        await this.audit.record({ ...auditBase(ctx, 'create'), what: [resource.resourceType], patients: patientsOf(resource), success: false, description: error.message });
        markAudited(error);
      }
      throw error;
    }
  }

  /** The search results the professional may see by register, and how (consent, recorded basis). */
  private async withinRegisters(ctx: RequestContext, resources: Stored[], grant: AccessGrant): Promise<{ resources: Stored[]; grant: AccessGrant }> {
    const visible: Stored[] = [];
    let joined = grant;
    for (const resource of resources) {
      try {
        const g = await this.access.checkRegister(ctx.user, resource, grant, ctx.reason);
        joined = { ...joined, byRecordedReason: joined.byRecordedReason || g.byRecordedReason, byConsent: joined.byConsent || g.byConsent };
        visible.push(resource);
      } catch (error) {
        if (!(error instanceof FhirError && error.status === 403)) throw error;
      }
    }
    return { resources: visible, grant: joined };
  }

  /** Confines a search of personal data to one client the user may see. */
  private async scopeSearch(ctx: RequestContext, request: SearchRequest, query: URLSearchParams): Promise<AccessGrant> {
    const type = request.resourceType;
    this.access.assertMaySearch(ctx.user, type);
    const param = PATIENT_SEARCH_PARAM[type] ?? 'patient';
    assertPlainClientFilters(request, param);
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
    if (type === 'Patient' && isStaff(ctx.user) && request.filters.some((f) => f.code === 'identifier')) {
      assertIdentityCodeLookup(request);
      return { patients: [], byRecordedReason: false }; // one client looked up by the full identity code; the audit names them
    }
    if (type === 'Appointment' && isStaff(ctx.user) && isOwnSchedule(request, ctx.user.fhirUser)) {
      return { patients: [], byRecordedReason: false }; // a professional's own appointments
    }
    const scoped = request.filters.filter((f) => f.code === param || (param !== '_id' && ['patient', 'subject', 'for'].includes(f.code)));
    const values = scoped.flatMap((f) => f.values);
    if (values.length !== 1 || !values[0]) {
      const error = forbidden(`Searching ${type} requires the '${param}' parameter naming exactly one client you work with`);
      await this.audit.record({ ...auditBase(ctx, 'search'), what: [`${type}?${query.toString()}`], patients: [], success: false, description: error.message });
      throw markAudited(error);
    }
    const patient = values[0].includes('/') ? values[0] : `Patient/${values[0]}`;
    try {
      return await this.access.checkPatients(ctx.user, type, [patient], 'search', ctx.reason);
    } catch (error) {
      await this.audit.record({ ...auditBase(ctx, 'search'), what: [`${type}?${query.toString()}`], patients: [patient], success: false, description: (error as Error).message });
      if (error instanceof FhirError) markAudited(error);
      throw error;
    }
  }
}

/** An update never moves a record between registers: the stored label stays. */
function keepRegister<T extends Resource>(next: T, current: Resource): T {
  const register = registerOfResource(current);
  const cleared = withoutRegister(next);
  return register ? inRegister(cleared, register) : cleared;
}

const CLIENT_PARAMS = ['patient', 'subject', 'for', '_id', 'identifier', 'link'];

/**
 * The client parameter of a personal-data search takes plain values only: a modifier
 * (`patient:missing=false`) would turn "one client" into "every client". Chains and empty
 * values are already refused by the parser.
 */
function assertPlainClientFilters(request: SearchRequest, param: string): void {
  for (const f of request.filters) {
    if ((f.code === param || CLIENT_PARAMS.includes(f.code)) && f.modifier) {
      throw badRequest(`A modifier (:${f.modifier}) on '${f.code}' is not allowed when searching personal data: name one client`, [`${f.code}:${f.modifier}`]);
    }
  }
}

const IDENTITY_CODE_LOOKUP = /^urn:oid:1\.2\.246\.21\|(.+)$/;

/**
 * A professional finds a client by the full personal identity code, and by nothing else: a
 * system without a code, a partial code or extra filters (name, birth date) would make it a
 * search for people. Finding someone by name is a separate, reasoned action.
 */
function assertIdentityCodeLookup(request: SearchRequest): void {
  const [only, ...others] = request.filters;
  const code = only?.code === 'identifier' && only.values.length === 1 ? IDENTITY_CODE_LOOKUP.exec(only.values[0] ?? '')?.[1] : undefined;
  if (others.length > 0 || !code || !isValidPersonalIdentityCode(code)) {
    // A mistyped code says what is wrong with it (a wrong last character is not "not found").
    const problem = others.length === 0 && code ? personalIdentityCodeProblem(code.toUpperCase()) : undefined;
    throw badRequest(
      (problem ? `${describePersonalIdentityCodeProblem(problem)}. ` : '') +
      'A client is looked up by one full personal identity code alone (identifier=urn:oid:1.2.246.21|<code>); to find someone by name, use GET /api/client-lookup with a recorded reason',
      ['identifier'],
    );
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
  return { user: ctx.user, interaction, reason: ctx.reason, byRecordedReason: grant?.byRecordedReason, byConsent: grant?.byConsent, address: ctx.address };
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

/**
 * The search an If-None-Exist header holds (`identifier=x|1`, also written `?…` or
 * `Type?…`), its parameters sorted so the same condition always takes the same lock.
 */
export function conditionQuery(type: string, condition: string, header = 'If-None-Exist'): URLSearchParams {
  const text = condition.trim().replace(new RegExp(`^(${type})?\\?`), '');
  const query = new URLSearchParams(text);
  if ([...query.keys()].length === 0) throw badRequest(`${header} must hold a search, such as identifier=system|value`, [header]);
  for (const key of query.keys()) {
    if (['_count', '_sort', '_summary', '_elements', '_include', '_revinclude', '_total', '_format'].includes(key)) {
      throw badRequest(`${header} takes search parameters only, not ${key}`, [header]);
    }
  }
  query.sort();
  return query;
}

function groupQuery(query: URLSearchParams): Record<string, string[]> {
  // No prototype: a parameter named `constructor` or `__proto__` is just an unknown parameter.
  const grouped = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of query) (grouped[key] ??= []).push(value);
  return grouped;
}

async function filterAsync<T>(items: T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const kept = await Promise.all(items.map(keep));
  return items.filter((_, i) => kept[i]);
}

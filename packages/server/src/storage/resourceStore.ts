import { realisedVisitWaits, t3Calendars, type T3Calendar } from './accessFigures';
import { activeTeamsOf } from './careTeamReads';
import { realisedVisitContinuity } from './continuityFigures';
import { randomUUID } from 'node:crypto';
import type { CareTeam, Resource } from '@medplum/fhirtypes';
import { PLAN_PER_CALL, type Database, type SqlExecutor } from '../db/database';
import { conflict, FhirError, notFound, preconditionFailed } from '../fhir/outcomes';
import { GroupCommit } from './groupCommit';
import { ambientTransaction } from '../db/ambientTransaction';
import type { SearchRequest } from '../fhir/searchRequest';
import { INDEX_INSERTS, indexColumns, indexParameters } from './searchIndexer';
import { findFreeSlots, findScheduleOffers, projectSlots, type AvailableSlot, type FreeSlotWindow, type ScheduleOffer } from './slotAvailability';
import { SearchSql } from './searchQuery';

const BATCH = 500;
const UNIQUE_VIOLATION = '23505';
/** A page of `searchPages`. */
const SEARCH_EVERY_PAGE = 1000;

export type Stored<T extends Resource = Resource> = T & { id: string; meta: { versionId: string; lastUpdated: string } };

export interface SearchResult {
  resources: Stored[];
  total: number;
}

/**
 * FHIR resources in PostgreSQL: current version, full history and search index, written
 * together in one statement so a crash never leaves half a write. Outside a transaction,
 * creates and reads by id are grouped with other requests' (see GroupCommit).
 */
export class ResourceStore {
  private readonly groupedCreates: GroupCommit<Stored>;
  private readonly groupedReads: GroupCommit<ResourceKey, Stored | undefined>;

  constructor(private readonly db: Database) {
    this.groupedCreates = new GroupCommit<Stored>(
      async (batch) => {
        await this.insertNew(batch, db);
        return batch.map(() => undefined);
      },
      (error) => error instanceof FhirError && error.status === 409,
    );
    this.groupedReads = new GroupCommit<ResourceKey, Stored | undefined>((keys) => this.readAll(keys));
  }

  /** Runs work in one database transaction. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Free slots of active schedules (of one profession) from the store's slot projection, earliest first. */
  freeSlots(window: FreeSlotWindow): Promise<AvailableSlot[]> {
    return findFreeSlots(this.db, window);
  }

  /** Active Schedules (of one profession) with the Practitioner and Location they belong to. */
  scheduleOffers(profession?: string): Promise<ScheduleOffer[]> {
    return findScheduleOffers(this.db, profession);
  }

  /** Booking calendars for T3: each professional with non-urgent time in the window and their first three free times. */
  t3Calendars(window: { from: Date; to: Date; visitTypes: string[] }): Promise<T3Calendar[]> {
    return t3Calendars(this.db, window);
  }

  /** The waits to the visits realised in the window, counted by group (decision 018). */
  realisedVisitWaits(window: { start: Date; end: Date }): ReturnType<typeof realisedVisitWaits> {
    return realisedVisitWaits(this.db, window);
  }

  /** The realised visits of the window per client and professional, grouped into cells of alike clients (decision 021). */
  realisedVisitContinuity(window: { start: Date; end: Date }): ReturnType<typeof realisedVisitContinuity> {
    return realisedVisitContinuity(this.db, window);
  }

  /** The active CareTeams of a client's own: theirs, and those of the given own units. */
  activeTeamsOf(patient: string, units: readonly string[]): Promise<CareTeam[]> {
    return activeTeamsOf(this.db, patient, units);
  }

  /** Creates one resource: row, history and index in a single atomic statement. */
  async create<T extends Resource>(resource: T, options: { id?: string; tx?: SqlExecutor } = {}): Promise<Stored<T>> {
    const [stored] = await this.createMany([{ ...resource, id: options.id ?? randomUUID() }], options.tx);
    return stored as Stored<T>;
  }

  /**
   * Creates new resources with their own ids, all or none. In `tx`, directly. Outside a
   * transaction, up to one batch is group-committed with other requests' creates into one
   * statement, atomic by itself (a resource with its audit record needs no transaction; see
   * GroupCommit); more batches, or Slots with their projection, get a transaction of their own.
   */
  async createMany<T extends Resource>(resources: Array<T & { id: string }>, tx?: SqlExecutor): Promise<Array<Stored<T>>> {
    const stored = resources.map((r) => stamp(r, r.id, 1)) as Stored[];
    const write = async (executor: SqlExecutor) => {
      for (let i = 0; i < stored.length; i += BATCH) await this.insertNew(stored.slice(i, i + BATCH), executor);
    };
    // Inside a transaction Bundle, never grouped: another request's write must not join it.
    tx ??= ambientTransaction();
    if (tx) await write(tx);
    else if (stored.length <= BATCH && !stored.some(isSlot)) await this.groupedCreates.add(stored);
    else await this.db.transaction(write);
    return stored as Array<Stored<T>>;
  }

  /** One statement inserts the resources, their history and their index rows; a taken id fails it whole (409). */
  private async insertNew(batch: Stored[], tx: SqlExecutor): Promise<void> {
    const columns = [batch.map((r) => r.resourceType), batch.map((r) => r.id), batch.map((r) => r.meta.lastUpdated), batch.map((r) => JSON.stringify(r))];
    try {
      await tx.query(
        `WITH res AS (
           INSERT INTO resource (resource_type, id, version_id, last_updated, content)
           SELECT t, i, 1, l, c FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS x(t, i, l, c)),
         hist AS (
           INSERT INTO resource_history (resource_type, id, version_id, last_updated, content)
           SELECT t, i, 1, l, c FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS x(t, i, l, c)),
         ${INDEX_INSERTS(5)}
         SELECT 1`,
        [...columns, ...indexParameters(indexColumns(batch))],
      );
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      throw conflict(batch.length === 1 ? `${batch[0]?.resourceType}/${batch[0]?.id} already exists` : 'Some of the resources already exist');
    }
    await projectSlots(tx, batch);
  }

  async read<T extends Resource = Resource>(type: string, id: string, tx?: SqlExecutor): Promise<Stored<T>> {
    const found = await this.readOptional<T>(type, id, tx);
    if (!found) throw notFound(`${type}/${id} was not found`);
    return found;
  }

  /** Reads the current version; outside a transaction, together with other requests' reads. */
  async readOptional<T extends Resource = Resource>(type: string, id: string, tx: SqlExecutor | undefined = ambientTransaction()): Promise<Stored<T> | undefined> {
    if (!tx) return (await this.groupedReads.add([[type, id]]))[0] as Stored<T> | undefined;
    const r = await tx.query<{ content: Stored<T> }>('SELECT content FROM resource WHERE resource_type = $1 AND id = $2', [type, id]);
    return r.rows[0]?.content;
  }

  /** The current versions of several resources in one statement, in the order asked (undefined when missing). */
  private async readAll(keys: ResourceKey[]): Promise<Array<Stored | undefined>> {
    const r = await this.db.query<{ resource_type: string; id: string; content: Stored }>(
      `SELECT r.resource_type, r.id, r.content FROM resource r
        JOIN unnest($1::text[], $2::text[]) AS k(t, i) ON r.resource_type = k.t AND r.id = k.i`,
      [keys.map((k) => k[0]), keys.map((k) => k[1])],
    );
    const found = new Map(r.rows.map((row) => [`${row.resource_type}/${row.id}`, row.content]));
    // A resource asked for by several requests is parsed once; each gets its own copy to change.
    const given = new Set<string>();
    return keys.map(([type, id]) => {
      const key = `${type}/${id}`;
      const content = found.get(key);
      if (!content) return undefined;
      if (given.has(key)) return structuredClone(content);
      given.add(key);
      return content;
    });
  }

  async readVersion(type: string, id: string, versionId: string): Promise<Stored> {
    if (!/^\d{1,9}$/.test(versionId)) throw notFound(`Version ${versionId} of ${type}/${id} was not found`);
    const r = await this.db.query<{ content: Stored }>(
      'SELECT content FROM resource_history WHERE resource_type = $1 AND id = $2 AND version_id = $3',
      [type, id, Number(versionId)],
    );
    const found = r.rows[0]?.content;
    if (!found) throw notFound(`Version ${versionId} of ${type}/${id} was not found`);
    return found;
  }

  async history(type: string, id: string): Promise<Stored[]> {
    const r = await this.db.query<{ content: Stored }>(
      'SELECT content FROM resource_history WHERE resource_type = $1 AND id = $2 ORDER BY version_id DESC',
      [type, id],
    );
    if (r.rows.length === 0) throw notFound(`${type}/${id} was not found`);
    return r.rows.map((row) => row.content);
  }

  /**
   * Writes a new version. `expectedVersion` (from If-Match) must be the current one (412 otherwise);
   * `mutate` lets operations change the current version inside the same locked transaction.
   */
  async update<T extends Resource>(
    type: string,
    id: string,
    next: T | ((current: Stored<T>) => T | Promise<T>),
    options: { expectedVersion?: string; tx?: SqlExecutor } = {},
  ): Promise<Stored<T>> {
    const write = async (tx: SqlExecutor) => {
      const r = await tx.query<{ content: Stored<T>; version_id: number }>(
        'SELECT content, version_id FROM resource WHERE resource_type = $1 AND id = $2 FOR UPDATE',
        [type, id],
      );
      const row = r.rows[0];
      if (!row) throw notFound(`${type}/${id} was not found`);
      if (options.expectedVersion !== undefined && options.expectedVersion !== String(row.version_id)) {
        throw preconditionFailed(`${type}/${id} is at version ${row.version_id}, not ${options.expectedVersion}`);
      }
      const body = typeof next === 'function' ? await next(row.content) : next;
      const stored = stamp({ ...body, resourceType: type } as T, id, row.version_id + 1);
      await writeVersion(tx, stored);
      return stored;
    };
    return options.tx ? write(options.tx) : this.db.transaction(write);
  }

  /**
   * The matches of a search a page at a time, in id order (a stable order, so that no match is
   * skipped or read twice between pages): for internal reads that must not stop at one page.
   */
  async *searchPages(request: Omit<SearchRequest, 'sort' | 'count' | 'offset'>, pageSize = SEARCH_EVERY_PAGE): AsyncGenerator<Stored[]> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.search({ ...request, sort: [{ code: '_id', kind: 'id', descending: false }], count: pageSize, offset }, this.db, false);
      yield page.resources;
      if (page.resources.length < pageSize) return;
    }
  }

  /** Every match of a search (`searchPages` gathered). */
  async searchEvery(request: Omit<SearchRequest, 'sort' | 'count' | 'offset'>, pageSize = SEARCH_EVERY_PAGE): Promise<Stored[]> {
    const every: Stored[] = [];
    for await (const page of this.searchPages(request, pageSize)) every.push(...page);
    return every;
  }

  /** Runs a search; internal callers that need no total pass `withTotal: false` to skip the count. */
  async search(request: SearchRequest, tx: SqlExecutor = this.db, withTotal = true): Promise<SearchResult> {
    const sql = new SearchSql(request);
    const where = sql.where();
    const countParams = [...sql.params];
    const order = sql.orderBy();
    const limit = `LIMIT ${request.count} OFFSET ${request.offset}`;
    const [rows, count] = await Promise.all([
      request.count === 0
        ? Promise.resolve({ rows: [] as Array<{ content: Stored }> })
        : tx.query<{ content: Stored }>(`${PLAN_PER_CALL}SELECT r.content FROM resource r WHERE ${where} ORDER BY ${order} ${limit}`, sql.params),
      withTotal
        ? tx.query<{ total: string | number }>(`${PLAN_PER_CALL}SELECT count(*) AS total FROM resource r WHERE ${where}`, countParams)
        : Promise.resolve(undefined),
    ]);
    const resources = rows.rows.map((row) => row.content);
    return { resources, total: count ? Number(count.rows[0]?.total ?? 0) : resources.length };
  }
}

/**
 * A new version in one statement: the current row, its history row, and its index rows
 * replaced (the deletes see only the old rows); then the slot projection.
 */
async function writeVersion(tx: SqlExecutor, stored: Stored): Promise<void> {
  await tx.query(
    `WITH cur AS (UPDATE resource SET version_id = $3, last_updated = $4, content = $5 WHERE resource_type = $1 AND id = $2),
       hist AS (INSERT INTO resource_history (resource_type, id, version_id, last_updated, content) VALUES ($1, $2, $3, $4, $5)),
       dt AS (DELETE FROM search_token WHERE resource_type = $1 AND resource_id = $2),
       ds AS (DELETE FROM search_string WHERE resource_type = $1 AND resource_id = $2),
       dd AS (DELETE FROM search_date WHERE resource_type = $1 AND resource_id = $2),
       ${INDEX_INSERTS(6)}
     SELECT 1`,
    [stored.resourceType, stored.id, Number(stored.meta.versionId), stored.meta.lastUpdated, stored, ...indexParameters(indexColumns([stored]))],
  );
  await projectSlots(tx, [stored]);
}

type ResourceKey = [type: string, id: string];

const isSlot = (r: Resource) => r.resourceType === 'Slot';

function stamp<T extends Resource>(resource: T, id: string, version: number): Stored<T> {
  return {
    ...resource,
    id,
    meta: { ...resource.meta, versionId: String(version), lastUpdated: new Date().toISOString() },
  } as Stored<T>;
}

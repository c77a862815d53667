/**
 * Writing a region's worth of resources at once (the generator, decision 029): batches of new
 * resources in one transaction each through the store's own multi-row insert (rows, history and
 * search index together), and fresh planner statistics afterwards, so the first figures over
 * the new data are planned for its size and not for the empty tables it arrived in.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Database } from '../db/database';
import type { ResourceStore } from './resourceStore';

/** Stores `resources` (each with its id) in one transaction, all or none. */
export async function writeBatch(store: ResourceStore, resources: Array<Resource & { id: string }>): Promise<void> {
  await store.transaction((tx) => store.createMany(resources, tx));
}

/**
 * Refreshes the planner's statistics of every table after a bulk write (resources, their index,
 * the figure facts and whatever a migration adds, with no list to keep in step). The embedded
 * database has no autovacuum to do it: without them the continuity table over a 5 000-resident
 * year took 35 s on PGlite, with them 0.09 s (docs/PRODUCTION.md).
 */
export async function refreshStatistics(db: Database): Promise<void> {
  await db.query('ANALYZE');
}

/** Whether a resource with this id is already stored (the generator refuses to write a region twice). */
export async function resourceExists(db: Database, type: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM resource WHERE resource_type = $1 AND id = $2', [type, id]);
  return r.rows.length > 0;
}

import type { Database } from '../../src/db/database';
import { openDatabase } from '../../src/db/openDatabase';
import { BACKUP_TABLES, type BackupTable } from '../../src/backup/tables';
import { loadFhirDefinitions } from '../../src/fhir/definitions';
import { ResourceStore } from '../../src/storage/resourceStore';
import { freshPostgresDatabase } from '../api/oviTestServer';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/** An empty database on the test server; `drop` removes it (connections and all). */
export const createPostgresDatabase = (serverUrl: string) => freshPostgresDatabase(serverUrl, 'ovi_backup');

export interface FreshDatabase {
  db: Database;
  /** PostgreSQL URL (postgres only). */
  url?: string;
  close(): Promise<void>;
}

/** A new, migrated, empty database: PGlite in memory or a new database on the PostgreSQL test server. */
export async function freshDatabase(backend: Backend, postgresUrl: string): Promise<FreshDatabase> {
  if (backend === 'pglite') {
    const db = await openDatabase({});
    return { db, close: () => db.close() };
  }
  const created = await createPostgresDatabase(postgresUrl);
  const db = await openDatabase({ databaseUrl: created.url });
  return {
    db,
    url: created.url,
    close: async () => {
      await db.close();
      await created.drop();
    },
  };
}

export interface FreshStore extends FreshDatabase {
  store: ResourceStore;
}

/** A fresh database (as `freshDatabase`) with the FHIR definitions loaded and a resource store over it. */
export async function freshStore(backend: Backend, postgresUrl: string): Promise<FreshStore> {
  loadFhirDefinitions();
  const fresh = await freshDatabase(backend, postgresUrl);
  return { ...fresh, store: new ResourceStore(fresh.db) };
}

/**
 * Every row a backup carries of every backed-up table as text, in a back-end independent form: jsonb as its
 * canonical text (so 1.50 and 1.5 differ), timestamptz in UTC with microseconds, arrays as
 * array literals. Rows are sorted in JavaScript (the two back-ends may collate differently).
 */
export async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
  );
  const result: Record<string, string[]> = {};
  for (const table of BACKUP_TABLES) {
    const expressions = columns.rows
      .filter((c) => c.table_name === table.name)
      .map((c) =>
        c.data_type === 'timestamp with time zone'
          ? `to_char("${c.column_name}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`
          : `"${c.column_name}"::text`,
      );
    const r = await db.query<{ line: string }>(`SELECT json_build_array(${expressions.join(', ')})::text AS line FROM "${table.name}"${carried(table)}`);
    result[table.name] = r.rows.map((row) => row.line).sort();
  }
  return result;
}

/** The rows a backup carries (app_setting without the token-signing key). */
const carried = (table: BackupTable) => (table.rows ? ` WHERE ${table.rows}` : '');

/** Row count of every backed-up table (the rows a backup carries). */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of BACKUP_TABLES) {
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table.name}"${carried(table)}`);
    counts[table.name] = Number(r.rows[0]?.n ?? 0);
  }
  return counts;
}

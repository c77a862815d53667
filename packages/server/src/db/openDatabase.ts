import type { Database } from './database';
import { openPgliteDatabase } from './pgliteDatabase';
import { openPostgresDatabase } from './postgresDatabase';
import { migrate } from './migrate';
import { reindexPending } from '../storage/searchReindex';
import { withAmbientTransactions } from './ambientTransaction';

/** PostgreSQL server when a URL is given, otherwise embedded PGlite in `dataDir`. */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgresDatabase(options.databaseUrl)
    : await openPgliteDatabase(options.dataDir);
  await migrate(db);
  // A migration may have changed how index rows are computed (034: folded strings).
  await reindexPending(db);
  // Transaction Bundles run the ordinary service code in one transaction (fhir/transaction.ts).
  return withAmbientTransactions(db);
}

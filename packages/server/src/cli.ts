import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { restoreFromFile } from './backup/backupReader';
import { backupToFile } from './backup/backupWriter';
import { BackupError } from './backup/tables';
import { configFromEnvironment, type OviConfig } from './config';
import type { Database } from './db/database';
import { openDatabase } from './db/openDatabase';
import { parseImportArguments, runImport } from './import/importCommand';
import { ImportRefused } from './import/syntheaMapping';

/**
 * `ovi backup <file>` and `ovi restore <file>` on the server's database: DATABASE_URL, else the
 * embedded PGlite database in OVI_DATA_DIR (default ./data). Exit codes: 0 done, 1 failed,
 * 2 refused (usage, not an Ovi backup, another schema version, a database that is not empty).
 */
const USAGE = `usage: ovi backup <file>     write every table to <file> (gzip-compressed JSON lines, one consistent snapshot;
                             readable by its owner only, without the token-signing key)
       ovi restore <file>    load <file> into an empty database of the same schema version (a new signing
                             key is made at the first start: everyone logs in again)
       ovi import-synthea <file.json> --client <identity code> [--as <username>] [--reason <text>]
                             load a Synthea-style R4 Bundle for an existing client (its Patient becomes
                             that client; several files take one --client each, in order), written as
                             the professional <username> (default physician) on a recorded reason,
                             through the same checks and audit as the API; prints what was dropped
The database is the server's: DATABASE_URL, else the embedded database in OVI_DATA_DIR (default ./data).
Stop the server first when it uses the embedded database.`;

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, file, ...extra] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'import-synthea') return importSynthea(argv.slice(1), env);
  if ((command !== 'backup' && command !== 'restore') || !file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  let config: OviConfig;
  try {
    config = configFromEnvironment(env, {});
  } catch (error) {
    throw new BackupError((error as Error).message, 2);
  }
  const where = config.databaseUrl ? `PostgreSQL ${redact(config.databaseUrl)}` : `embedded database ${config.dataDir}`;
  if (command === 'backup' && !config.databaseUrl && !existsSync(join(config.dataDir ?? '', 'PG_VERSION'))) {
    throw new BackupError(`there is no embedded database in ${config.dataDir}; set OVI_DATA_DIR (or DATABASE_URL)`, 2);
  }
  if (command === 'restore' && !existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const started = Date.now();
  const db: Database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (command === 'backup') {
      const s = await backupToFile(db, file);
      console.log(`ovi backup: ${s.rows} rows (${counts(s.counts)}), schema ${s.schemaVersion}, from ${where} to ${file} (${megabytes(s.bytes ?? 0)}) in ${seconds(started)}`);
    } else {
      const s = await restoreFromFile(db, file);
      console.log(`ovi restore: ${s.rows} rows (${counts(s.counts)}), schema ${s.schemaVersion}, backup of ${s.createdAt}, from ${file} into ${where} in ${seconds(started)}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

async function importSynthea(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const options = parseImportArguments(args);
  if (typeof options === 'string') {
    console.error(`ovi import-synthea: ${options}\n${USAGE}`);
    return 2;
  }
  for (const file of options.files) if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  try {
    return await runImport(configFromEnvironment(env, {}), options, (line) => console.log(line));
  } catch (error) {
    if (error instanceof ImportRefused) throw new BackupError(error.message, 2);
    throw error;
  }
}

function counts(c: Record<string, number>): string {
  return Object.entries(c)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

const [command] = process.argv.slice(2);
main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`ovi ${command ?? ''} failed: ${message}`);
    if (process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
    process.exitCode = error instanceof BackupError ? error.exitCode : 1;
  },
);

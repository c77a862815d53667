import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Database, SqlExecutor } from '../db/database';
import { parseHeader, type BackupEnd, type BackupHeader } from './format';
import { assertSchemaKnown, BackupError, BACKUP_TABLES, backupTable, currentSchemaVersion, ident, type BackupTable } from './tables';

export interface RestoreOptions {
  /** Rows per INSERT. */
  batchRows?: number;
  /** Largest JSON text per INSERT, in characters. */
  batchChars?: number;
  /** Called after each batch is inserted, inside the transaction (must not query the database). */
  onBatch?: (table: string, rows: number) => void;
}

export interface RestoreSummary {
  schemaVersion: number;
  /** When the backup was made. */
  createdAt: string;
  counts: Record<string, number>;
  rows: number;
}

export const DEFAULT_BATCH_ROWS = 1000;
const DEFAULT_BATCH_CHARS = 8 * 1024 * 1024;

/**
 * Restores a backup (gzip-compressed, as written by writeBackup) into an empty database of
 * the same schema version.
 *
 * Refuses (BackupError, exit code 2) a file that is not an Ovi backup, another format or
 * schema version, and a database that is not empty. All rows go in one transaction, in
 * batches; a damaged or truncated file (gzip error, bad line, missing end line, counts that
 * do not match) rolls everything back, leaving the database empty.
 */
export async function restoreBackup(db: Database, input: Readable, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const batchChars = options.batchChars ?? DEFAULT_BATCH_CHARS;
  const gunzip = decompress(input);
  const lines = readLines(gunzip);
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value, await currentSchemaVersion(db));
    await assertSchemaKnown(db);
    await assertEmpty(db);
    const counts = await db.transaction(async (tx) => {
      // No other writer between the emptiness check and the inserts.
      await tx.query(`LOCK TABLE ${BACKUP_TABLES.map((t) => ident(t.name)).join(', ')} IN EXCLUSIVE MODE`);
      await assertEmpty(tx);
      return insertRows(tx, lines, { batchRows, batchChars, onBatch: options.onBatch });
    });
    // Fresh planner statistics for the restored tables.
    await db.query(`ANALYZE ${BACKUP_TABLES.map((t) => ident(t.name)).join(', ')}`);
    return summary(header, counts);
  } finally {
    gunzip.destroy();
  }
}

export function restoreFromFile(db: Database, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  return restoreBackup(db, createReadStream(file), options);
}

function summary(header: BackupHeader, counts: Record<string, number>): RestoreSummary {
  return { schemaVersion: header.schemaVersion, createdAt: header.createdAt, counts, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Refuses (exit code 2) unless every backed-up table is empty. */
export async function assertEmpty(db: SqlExecutor): Promise<void> {
  const checks = BACKUP_TABLES.map((t) => `SELECT ${sqlString(t.name)} AS name WHERE EXISTS (SELECT 1 FROM ${ident(t.name)})`).join(' UNION ALL ');
  const r = await db.query<{ name: string }>(checks);
  if (r.rows.length > 0) {
    throw new BackupError(
      `refusing to restore: the database is not empty (rows in ${r.rows.map((row) => row.name).join(', ')}). ` +
        'Restore into a new, empty database (a new OVI_DATA_DIR folder or a new PostgreSQL database).',
      2,
    );
  }
}

interface Batching {
  batchRows: number;
  batchChars: number;
  onBatch?: (table: string, rows: number) => void;
}

async function insertRows(tx: SqlExecutor, lines: AsyncGenerator<string>, batching: Batching): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(BACKUP_TABLES.map((t) => [t.name, 0]));
  let batch: string[] = [];
  let batchTable: BackupTable | undefined;
  let chars = 0;
  const flush = async () => {
    if (!batchTable || batch.length === 0) return;
    const inserted = await insertBatch(tx, batchTable, batch);
    if (inserted !== batch.length) throw new BackupError(`inserting into ${batchTable.name}: ${inserted} of ${batch.length} rows went in`);
    counts[batchTable.name] = (counts[batchTable.name] ?? 0) + inserted;
    batching.onBatch?.(batchTable.name, inserted);
    batch = [];
    chars = 0;
  };
  let lineNumber = 1; // the header
  let end: BackupEnd | undefined;
  for await (const line of lines) {
    lineNumber += 1;
    if (end) throw damaged(lineNumber, 'there is data after the end line');
    const parsed = parseLine(line, lineNumber);
    if ('end' in parsed) {
      end = parsed;
      continue;
    }
    if (batchTable !== parsed.table || batch.length >= batching.batchRows || chars >= batching.batchChars) {
      await flush();
      batchTable = parsed.table;
    }
    batch.push(line);
    chars += line.length;
  }
  await flush();
  if (!end) throw new BackupError('the backup file is incomplete: its end line is missing (truncated?); nothing was restored');
  for (const [table, expected] of Object.entries(end.counts)) {
    if (!backupTable(table)) throw new BackupError(`the backup's end line names an unknown table ${table}; nothing was restored`);
    if (counts[table] !== expected) throw new BackupError(`the backup file is incomplete: ${table} has ${counts[table]} rows, the end line says ${expected}; nothing was restored`);
  }
  for (const table of BACKUP_TABLES) {
    if (end.counts[table.name] === undefined && (counts[table.name] ?? 0) > 0) throw new BackupError(`the backup's end line has no count for ${table.name}; nothing was restored`);
  }
  return counts;
}

/**
 * One batch of row lines into one table. PostgreSQL parses the lines itself and fills the
 * row type with jsonb_populate_record: jsonb stays exact, JSON arrays become text[], ISO
 * strings become timestamptz, missing NOT NULL values fail.
 */
async function insertBatch(tx: SqlExecutor, table: BackupTable, lines: string[]): Promise<number> {
  const columns = table.columns.map(ident).join(', ');
  const r = await tx
    .query(
    `INSERT INTO ${ident(table.name)} (${columns})
     SELECT ${table.columns.map((c) => `r.${ident(c)}`).join(', ')}
       FROM jsonb_array_elements($1::text::jsonb) AS e(line),
            LATERAL jsonb_populate_record(NULL::${ident(table.name)}, e.line -> 'row') AS r`,
      [`[${lines.join(',')}]`],
    )
    .catch((error: unknown) => {
      throw new BackupError(`the backup's ${table.name} rows do not fit the database (${(error as Error).message}); nothing was restored`);
    });
  return r.rowCount;
}

type ParsedLine = BackupEnd | { table: BackupTable };

/** Checks one line's shape; the values themselves are checked by PostgreSQL on insert. */
function parseLine(line: string, lineNumber: number): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw damaged(lineNumber, 'it is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damaged(lineNumber, 'it is not a JSON object');
  const object = value as Record<string, unknown>;
  if (object.end === true) {
    const counts = object.counts;
    if (typeof counts !== 'object' || counts === null || Object.values(counts).some((n) => !Number.isInteger(n))) throw damaged(lineNumber, 'the end line has no counts');
    return { end: true, counts: counts as Record<string, number> };
  }
  const table = typeof object.table === 'string' ? backupTable(object.table) : undefined;
  if (!table) throw damaged(lineNumber, `unknown table ${JSON.stringify(object.table)}`);
  const row = object.row;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw damaged(lineNumber, 'it has no row');
  const keys = Object.keys(row);
  const unknown = keys.filter((k) => !table.columns.includes(k));
  if (unknown.length > 0) throw damaged(lineNumber, `${table.name} has no column ${unknown.join(', ')}`);
  const missing = table.columns.filter((c) => !keys.includes(c));
  if (missing.length > 0) throw damaged(lineNumber, `the ${table.name} row lacks ${missing.join(', ')}`);
  return { table };
}

function damaged(lineNumber: number, why: string): BackupError {
  return new BackupError(`the backup file is damaged at line ${lineNumber}: ${why}; nothing was restored`);
}

/** gunzip with errors of the input (a missing file) carried to the consumer. */
function decompress(input: Readable): Readable {
  const gunzip = createGunzip();
  pipeline(input, gunzip, () => {
    /* an error destroys gunzip with it, and reading gunzip throws it */
  });
  return gunzip;
}

/** Lines of UTF-8 text, without their newline; a gzip error (damaged, truncated) becomes a BackupError. */
async function* readLines(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      rest += chunk;
      let newline = rest.indexOf('\n');
      while (newline >= 0) {
        yield rest.slice(0, newline);
        rest = rest.slice(newline + 1);
        newline = rest.indexOf('\n');
      }
    }
  } catch (error) {
    throw readError(error);
  }
  if (rest.length > 0) yield rest;
}

function readError(error: unknown): Error {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return new BackupError(`no such file: ${e.path ?? ''}`);
  if (e.code === 'Z_DATA_ERROR' && /incorrect header check/.test(e.message)) return new BackupError('not an Ovi backup: the file is not gzip-compressed', 2);
  if (e.code === 'Z_DATA_ERROR') return new BackupError(`the backup file is damaged (${e.message}); nothing was restored`);
  if (e.code === 'Z_BUF_ERROR') return new BackupError(`the backup file is truncated (${e.message}); nothing was restored`);
  return e instanceof Error ? e : new Error(String(error));
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

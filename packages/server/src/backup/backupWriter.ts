import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database, SqlExecutor } from '../db/database';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupEnd, type BackupHeader } from './format';
import { assertSchemaKnown, BACKUP_TABLES, currentSchemaVersion, ident, type BackupTable } from './tables';

export interface BackupOptions {
  /** Rows read per query (keyset pagination); the default keeps memory small for any database size. */
  pageSize?: number;
  /** Clock for the header's createdAt (tests). */
  now?: () => Date;
}

export interface BackupSummary {
  schemaVersion: number;
  createdAt: string;
  database: Database['kind'];
  counts: Record<string, number>;
  rows: number;
  /** Size of the compressed file (backupToFile only). */
  bytes?: number;
}

export const DEFAULT_PAGE_SIZE = 1000;
/** Backup files are created readable and writable by their owner only. */
export const BACKUP_FILE_MODE = 0o600;

/**
 * Writes a gzip-compressed backup of every table in BACKUP_TABLES to `output`.
 *
 * Everything is read in one REPEATABLE READ, READ ONLY transaction, so the backup is one
 * consistent snapshot even while a server on the same PostgreSQL keeps writing (PGlite has
 * a single connection, which the transaction holds). Rows are read page by page with keyset
 * pagination and streamed through gzip with back-pressure, so memory stays at one page.
 */
export async function writeBackup(db: Database, output: Writable | (() => Writable), options: BackupOptions = {}): Promise<BackupSummary> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
  return db.transaction(async (tx) => {
    // Must be the transaction's first statement.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // to_jsonb writes timestamptz in the session time zone: make that UTC for every back-end.
    await tx.query("SET LOCAL TIME ZONE 'UTC'");
    await assertSchemaKnown(tx);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      schemaVersion: await currentSchemaVersion(tx),
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      database: db.kind,
    };
    const counts: Record<string, number> = {};
    // A function opens the output only once the snapshot and schema check have succeeded.
    await pipeline(Readable.from(backupChunks(tx, header, counts, pageSize), { highWaterMark: 1 }), createGzip(), typeof output === 'function' ? output() : output);
    return {
      schemaVersion: header.schemaVersion,
      createdAt: header.createdAt,
      database: db.kind,
      counts,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
    };
  });
}

/**
 * Backs up into `file`: written to a temporary file beside it, flushed to disk, then renamed,
 * so `file` is either the previous content or a complete backup, never a partial one.
 */
export async function backupToFile(db: Database, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    // Readable by its owner only: a backup holds every client's data.
    const summary = await writeBackup(db, () => createWriteStream(partial, { flags: 'wx', mode: BACKUP_FILE_MODE }), options);
    const handle = await open(partial, 'r+');
    try {
      await handle.chmod(BACKUP_FILE_MODE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
    return { ...summary, bytes: (await stat(file)).size };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** The file's text: header, one page of row lines at a time, end line with the counts. */
async function* backupChunks(tx: SqlExecutor, header: BackupHeader, counts: Record<string, number>, pageSize: number): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of BACKUP_TABLES) {
    let count = 0;
    const prefix = `{"table":${JSON.stringify(table.name)},"row":`;
    for await (const page of tablePages(tx, table, pageSize)) {
      count += page.length;
      yield page.map((row) => `${prefix}${row}}\n`).join('');
    }
    counts[table.name] = count;
  }
  const end: BackupEnd = { end: true, counts };
  yield `${JSON.stringify(end)}\n`;
}

type PageRow = Record<string, unknown> & { ovi_row: string };

/**
 * One table's rows as JSON text (`to_jsonb(row)`: exact jsonb, arrays, ISO timestamps), in
 * pages ordered by the table's key. A unique key pages simply (`WHERE key > last`). A
 * non-unique key (the index tables, keyed by their owner resource) may split an owner's rows
 * across pages: a full page is cut before its last owner, whose rows are then read whole.
 */
export async function* tablePages(tx: SqlExecutor, table: BackupTable, pageSize: number): AsyncGenerator<string[]> {
  const keyList = table.key.map(ident).join(', ');
  const placeholders = table.key.map((_, i) => `$${i + 1}`).join(', ');
  const select = `SELECT to_jsonb(t)::text AS ovi_row, ${table.key.map((k) => `t.${ident(k)}`).join(', ')} FROM ${ident(table.name)} t`;
  // The rows the table carries (e.g. app_setting without the token-signing key).
  const carried = table.rows ? `(${table.rows}) AND ` : '';
  const keyOf = (row: PageRow) => table.key.map((k) => row[k]);
  const rowsText = (rows: PageRow[]) => rows.map((r) => r.ovi_row);
  let after: unknown[] | undefined;
  for (;;) {
    const where = after ? ` WHERE ${carried}(${keyList}) > (${placeholders})` : table.rows ? ` WHERE (${table.rows})` : '';
    const { rows } = await tx.query<PageRow>(`${select}${where} ORDER BY ${keyList} LIMIT ${pageSize}`, after ?? []);
    const last = rows.at(-1);
    if (!last) return;
    if (rows.length < pageSize) {
      yield rowsText(rows);
      return;
    }
    const lastKey = keyOf(last);
    if (table.uniqueKey) {
      yield rowsText(rows);
    } else {
      const before = rows.filter((row) => !sameKey(keyOf(row), lastKey));
      if (before.length > 0) yield rowsText(before);
      const group = await tx.query<PageRow>(`${select} WHERE ${carried}(${keyList}) = (${placeholders})`, lastKey);
      yield rowsText(group.rows);
    }
    after = lastKey;
  }
}

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

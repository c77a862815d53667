import { BackupError } from './tables';

/**
 * The Ovi backup file: gzip-compressed JSON lines.
 *
 *   {"format":"ovi-backup","version":1,"schemaVersion":4,"createdAt":"2025-…Z","database":"pglite"}
 *   {"table":"resource","row":{"id":"…","content":{…},"version_id":1,"last_updated":"2025-…+00:00",…}}
 *   … one line per row of every table in BACKUP_TABLES, table after table …
 *   {"end":true,"counts":{"resource":123,…}}
 *
 * Rows are PostgreSQL's own `to_jsonb(row)`: jsonb columns are embedded as JSON exactly as
 * stored (numbers keep their digits, e.g. 1.50), text[] columns are JSON arrays, timestamptz
 * values are ISO 8601 strings in UTC with microseconds. Restore hands the row text back to
 * PostgreSQL (`jsonb_populate_record`), so no value passes through a JavaScript number or Date.
 * The end line makes a file cut at a line boundary detectable.
 */
export const BACKUP_FORMAT = 'ovi-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  schemaVersion: number;
  createdAt: string;
  /** Back-end the backup was taken from (informational). */
  database?: 'pglite' | 'postgres';
}

export interface BackupEnd {
  end: true;
  counts: Record<string, number>;
}

/** Checks the first line of a backup; refuses (exit code 2) anything that is not a matching Ovi backup. */
export function parseHeader(line: string | undefined, currentSchemaVersion: number): BackupHeader {
  if (line === undefined) throw new BackupError('the backup file is empty', 2);
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw new BackupError('not an Ovi backup: the first line is not a JSON header', 2);
  }
  if (typeof header !== 'object' || header === null || header.format !== BACKUP_FORMAT) {
    throw new BackupError(`not an Ovi backup: the header's format is ${JSON.stringify(header?.format)}, expected "${BACKUP_FORMAT}"`, 2);
  }
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(`unsupported backup format version ${JSON.stringify(header.version)}; this Ovi reads version ${BACKUP_VERSION}`, 2);
  }
  if (typeof header.schemaVersion !== 'number' || !Number.isInteger(header.schemaVersion)) {
    throw new BackupError('the backup header has no schemaVersion', 2);
  }
  if (header.schemaVersion !== currentSchemaVersion) {
    throw new BackupError(
      `the backup has database schema version ${header.schemaVersion} but this database has ${currentSchemaVersion}; ` +
        `restore it with the Ovi release that made it (schema ${header.schemaVersion}), then upgrade`,
      2,
    );
  }
  if (typeof header.createdAt !== 'string') throw new BackupError('the backup header has no createdAt', 2);
  return header as BackupHeader;
}

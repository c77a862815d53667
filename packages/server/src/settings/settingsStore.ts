import type { Database } from '../db/database';
import { preconditionFailed } from '../fhir/outcomes';

export interface Setting<T> {
  version: number;
  value: T;
}

/** One stored version of a setting: who stored it and when. */
export interface SettingVersionInfo {
  version: number;
  /** ISO instant. */
  updatedAt: string;
  /** The account that stored it (`system` for Ovi's defaults, `demo` for the demo region). */
  updatedBy: string | null;
}

export interface SettingVersion<T> extends SettingVersionInfo {
  value: T;
}

/** Settings whose versions are never kept: the token-signing key is a secret, not configuration. */
const NO_HISTORY = new Set(['token-signing-key', 'demo-seed']);

const MAX_HISTORY_PAGE = 200;

interface VersionRow {
  version: number;
  updated_at: Date | string;
  updated_by: string | null;
}

const toInfo = (row: VersionRow): SettingVersionInfo => ({
  version: Number(row.version),
  updatedAt: new Date(row.updated_at).toISOString(),
  updatedBy: row.updated_by,
});

/** Versioned configuration kept in the database, so every server process sees the same. */
export class SettingsStore {
  constructor(private readonly db: Database) {}

  async get<T>(name: string): Promise<Setting<T> | undefined> {
    const r = await this.db.query<{ version: number; value: T }>('SELECT version, value FROM app_setting WHERE name = $1', [name]);
    return r.rows[0];
  }

  /** Every setting whose name starts with `prefix`, by name. */
  async list<T>(prefix: string): Promise<Array<Setting<T> & { name: string }>> {
    const r = await this.db.query<{ name: string; version: number; value: T }>(
      "SELECT name, version, value FROM app_setting WHERE name LIKE $1 || '%' ORDER BY name",
      [prefix.replace(/[\\%_]/g, (c) => `\\${c}`)],
    );
    return r.rows;
  }

  /**
   * Stores a new version and keeps it in the history, with the version it replaces (one stored
   * by `ensure` or before the history existed); returns it. With `expectedVersion` (from
   * If-Match) the current version must be that one, else 412 and nothing changes.
   */
  async put<T>(name: string, value: T, updatedBy: string, expectedVersion?: number): Promise<Setting<T>> {
    const keep = !NO_HISTORY.has(name);
    return this.db.transaction(async (tx) => {
      // The row lock orders concurrent changes of one setting: each gets its own version.
      const current = await tx.query<{ version: number }>('SELECT version FROM app_setting WHERE name = $1 FOR UPDATE', [name]);
      const currentVersion = current.rows[0] ? Number(current.rows[0].version) : 0;
      if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
        throw preconditionFailed(`The setting ${name} is at version ${currentVersion}, not ${expectedVersion}: someone saved a change meanwhile`);
      }
      if (keep && current.rows.length > 0) {
        await tx.query(
          `INSERT INTO app_setting_history (name, version, value, updated_at, updated_by)
           SELECT name, version, value, updated_at, updated_by FROM app_setting WHERE name = $1
           ON CONFLICT (name, version) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
          [name],
        );
      }
      const r = await tx.query<{ version: number }>(
        `INSERT INTO app_setting (name, version, value, updated_at, updated_by) VALUES ($1, 1, $2, now(), $3)
         ON CONFLICT (name) DO UPDATE SET version = app_setting.version + 1, value = $2, updated_at = now(), updated_by = $3
         RETURNING version`,
        [name, JSON.stringify(value), updatedBy],
      );
      const version = Number(r.rows[0]?.version ?? 1);
      if (keep) {
        // A version left by an earlier life of the setting (an interrupted demo seed) gives way to this one.
        await tx.query(
          `INSERT INTO app_setting_history (name, version, value, updated_at, updated_by)
           SELECT name, version, value, updated_at, updated_by FROM app_setting WHERE name = $1
           ON CONFLICT (name, version) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
          [name],
        );
      }
      return { version, value };
    });
  }

  /** Stores `value` only when the setting does not exist yet (first start); returns what is stored. */
  async ensure<T>(name: string, value: T): Promise<Setting<T>> {
    await this.db.query(
      `INSERT INTO app_setting (name, version, value, updated_at, updated_by) VALUES ($1, 1, $2, now(), 'system')
       ON CONFLICT (name) DO NOTHING`,
      [name, JSON.stringify(value)],
    );
    const stored = await this.get<T>(name);
    if (!stored) throw new Error(`Setting ${name} could not be stored`);
    return stored;
  }

  /**
   * The versions of a setting, newest first: the kept ones and the current one (also when it was
   * never changed). `before` pages on: only versions below it. Empty for a setting that does not exist.
   */
  async history(name: string, options: { limit?: number; before?: number } = {}): Promise<SettingVersionInfo[]> {
    if (NO_HISTORY.has(name)) return [];
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), MAX_HISTORY_PAGE);
    const before = options.before ?? 2_147_483_647;
    const r = await this.db.query<VersionRow>(
      `SELECT version, updated_at, updated_by FROM (
         SELECT h.version, h.updated_at, h.updated_by FROM app_setting_history h
           JOIN app_setting s ON s.name = h.name AND h.version < s.version
          WHERE h.name = $1
         UNION ALL
         SELECT version, updated_at, updated_by FROM app_setting WHERE name = $1
       ) v
       WHERE version < $2
       ORDER BY version DESC
       LIMIT $3`,
      [name, before, limit],
    );
    return r.rows.map(toInfo);
  }

  /** One version of a setting with its value (the current one too), if it is known. */
  async version<T>(name: string, version: number): Promise<SettingVersion<T> | undefined> {
    if (NO_HISTORY.has(name)) return undefined;
    const r = await this.db.query<VersionRow & { value: T }>(
      `SELECT version, value, updated_at, updated_by FROM app_setting WHERE name = $1 AND version = $2
       UNION ALL
       SELECT h.version, h.value, h.updated_at, h.updated_by FROM app_setting_history h
         JOIN app_setting s ON s.name = h.name AND h.version < s.version
        WHERE h.name = $1 AND h.version = $2
       LIMIT 1`,
      [name, version],
    );
    const row = r.rows[0];
    return row ? { ...toInfo(row), value: row.value } : undefined;
  }
}

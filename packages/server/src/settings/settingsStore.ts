import type { Database } from '../db/database';

export interface Setting<T> {
  version: number;
  value: T;
}

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

  /** Stores a new version; returns it. */
  async put<T>(name: string, value: T, updatedBy: string): Promise<Setting<T>> {
    const r = await this.db.query<{ version: number }>(
      `INSERT INTO app_setting (name, version, value, updated_at, updated_by) VALUES ($1, 1, $2, now(), $3)
       ON CONFLICT (name) DO UPDATE SET version = app_setting.version + 1, value = $2, updated_at = now(), updated_by = $3
       RETURNING version`,
      [name, JSON.stringify(value), updatedBy],
    );
    return { version: r.rows[0]?.version ?? 1, value };
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
}

import type { SqlExecutor } from '../db/database';

/** A registered SMART app: a public client (no secret) that must use PKCE. */
export interface SmartApp {
  clientId: string;
  name: string;
  redirectUris: string[];
  /** Browser origins (`https://app.example`) that may call the FHIR API and the token endpoint. */
  origins: string[];
  registeredAt?: string;
  registeredBy?: string;
}

interface Row {
  client_id: string;
  name: string;
  redirect_uris: string[];
  origins: string[];
  registered_at: Date | string;
  registered_by: string;
}

/** The apps an administrator has registered (decision 027). */
export class SmartAppStore {
  constructor(private readonly db: SqlExecutor) {}

  async find(clientId: string): Promise<SmartApp | undefined> {
    const r = await this.db.query<Row>('SELECT * FROM smart_app WHERE client_id = $1', [clientId]);
    return r.rows[0] ? appOf(r.rows[0]) : undefined;
  }

  async list(): Promise<SmartApp[]> {
    const r = await this.db.query<Row>('SELECT * FROM smart_app ORDER BY client_id');
    return r.rows.map(appOf);
  }

  /** Whether some registered app may call from this browser origin. */
  async originRegistered(origin: string): Promise<boolean> {
    const r = await this.db.query('SELECT 1 FROM smart_app WHERE $1 = ANY(origins) LIMIT 1', [origin]);
    return r.rows.length > 0;
  }

  async save(app: SmartApp, by: string): Promise<void> {
    await this.db.query(
      `INSERT INTO smart_app (client_id, name, redirect_uris, origins, registered_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (client_id) DO UPDATE SET name = $2, redirect_uris = $3, origins = $4, registered_by = $5, registered_at = now()`,
      [app.clientId, app.name, app.redirectUris, app.origins, by],
    );
  }

  /** Removes the app and every session, code and token issued to it. */
  async remove(clientId: string): Promise<boolean> {
    await this.db.query(`DELETE FROM oidc_state WHERE payload->>'clientId' = $1`, [clientId]);
    const r = await this.db.query('DELETE FROM smart_app WHERE client_id = $1', [clientId]);
    return r.rowCount > 0;
  }
}

function appOf(row: Row): SmartApp {
  return {
    clientId: row.client_id,
    name: row.name,
    redirectUris: row.redirect_uris,
    origins: row.origins,
    registeredAt: new Date(row.registered_at).toISOString(),
    registeredBy: row.registered_by,
  };
}

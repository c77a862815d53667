import type { SqlExecutor } from '../db/database';

/** One stored object of the OpenID provider (a session, grant, code, token…), as oidc-provider hands it over. */
export type OidcPayload = Record<string, unknown> & { grantId?: string; uid?: string; consumed?: number };

/** The models whose objects belong to a grant: revoking the grant removes them all. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * The OpenID provider's state in the database (oidc-provider's adapter contract), so every
 * server process sees the same sessions, codes and tokens and nothing lives in process memory.
 * An expired object is never returned; a consumed one carries `consumed` (a code used twice
 * is refused by the provider, which then revokes its grant).
 */
export class OidcStateStore {
  constructor(
    private readonly db: SqlExecutor,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: OidcPayload, expiresIn?: number): Promise<void> {
    const grantId = GRANTABLE.has(this.model) || this.model === 'Grant' ? (payload.grantId ?? null) : null;
    await this.db.query(
      `INSERT INTO oidc_state (model, id, payload, grant_id, uid, expires_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END)
       ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
      [this.model, id, JSON.stringify(payload), grantId, typeof payload.uid === 'string' ? payload.uid : null, expiresIn ?? null],
    );
  }

  async find(id: string): Promise<OidcPayload | undefined> {
    return this.one('id = $2', id);
  }

  async findByUid(uid: string): Promise<OidcPayload | undefined> {
    return this.one('uid = $2', uid);
  }

  /** Device flow only, which Ovi does not enable. */
  async findByUserCode(): Promise<OidcPayload | undefined> {
    return undefined;
  }

  /** Marks a code or token used, in the database, so a second exchange in any process sees it. */
  async consume(id: string): Promise<void> {
    await this.db.query(
      `UPDATE oidc_state SET consumed_at = now(), payload = payload || jsonb_build_object('consumed', floor(EXTRACT(EPOCH FROM now()))::bigint)
        WHERE model = $1 AND id = $2`,
      [this.model, id],
    );
  }

  async destroy(id: string): Promise<void> {
    await this.db.query('DELETE FROM oidc_state WHERE model = $1 AND id = $2', [this.model, id]);
  }

  /** Finds and removes an unexpired object in one statement: of two processes taking it at once, one gets it. */
  async take(id: string): Promise<OidcPayload | undefined> {
    const r = await this.db.query<{ payload: OidcPayload | string }>(
      'DELETE FROM oidc_state WHERE model = $1 AND id = $2 AND (expires_at IS NULL OR expires_at > now()) RETURNING payload',
      [this.model, id],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    return typeof row.payload === 'string' ? (JSON.parse(row.payload) as OidcPayload) : row.payload;
  }

  /** Removes the object with this uid (a session, by the uid its tokens carry). */
  async destroyByUid(uid: string): Promise<void> {
    await this.db.query('DELETE FROM oidc_state WHERE model = $1 AND uid = $2', [this.model, uid]);
  }

  /** Removes every code and token of a grant (a reused code, a revoked consent). */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.query('DELETE FROM oidc_state WHERE grant_id = $1', [grantId]);
  }

  private async one(where: string, value: string): Promise<OidcPayload | undefined> {
    const r = await this.db.query<{ payload: OidcPayload | string }>(
      `SELECT payload FROM oidc_state WHERE model = $1 AND ${where} AND (expires_at IS NULL OR expires_at > now())`,
      [this.model, value],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    return typeof row.payload === 'string' ? (JSON.parse(row.payload) as OidcPayload) : row.payload;
  }
}

/** Deletes expired provider objects (run now and then by whichever process). */
export async function purgeExpiredOidcState(db: SqlExecutor): Promise<number> {
  const r = await db.query('DELETE FROM oidc_state WHERE expires_at <= now()');
  return r.rowCount;
}

/** A named key of the provider (signing keys, cookie keys), created once by whichever process comes first. */
export async function ensureOidcKey<T>(db: SqlExecutor, name: string, create: () => Promise<T>): Promise<T> {
  const existing = await db.query<{ value: T | string }>('SELECT value FROM oidc_key WHERE name = $1', [name]);
  if (!existing.rows[0]) {
    await db.query('INSERT INTO oidc_key (name, value) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO NOTHING', [name, JSON.stringify(await create())]);
  }
  const r = await db.query<{ value: T | string }>('SELECT value FROM oidc_key WHERE name = $1', [name]);
  const value = r.rows[0]?.value;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

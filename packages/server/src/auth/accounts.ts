import { createHash } from 'node:crypto';
import type { Database } from '../db/database';
import { loginLimitsFromEnvironment, type LoginLimits } from '../config';
import { markAudited, tooManyRequests, unauthorized, type FhirError } from '../fhir/outcomes';
import { ResourceStore } from '../storage/resourceStore';
import { AuthAudit } from './authAudit';
import { addressKey } from './clientAddress';
import { hashPassword, verifyPassword } from './passwords';
import type { Role, UserContext } from './userContext';

/** The first lock after the allowed failures; each further failure doubles it, up to the maximum. */
const FIRST_LOCK_SECONDS = 5;
const MAX_LOCK_SECONDS = 15 * 60;
/** Old address windows are deleted at most this often by each process. */
const PURGE_EVERY_MS = 60_000;
/** The one answer to a wrong password, an unknown user name and a disabled account alike. */
export const WRONG_CREDENTIALS = 'Wrong user name or password';

interface AccountRow {
  username: string;
  password_hash: string;
  roles: Role[];
  fhir_user: string;
  display_name: string;
  token_generation: number;
  disabled_at: Date | string | null;
}

/** A user who has just proved their password, with the token generation their token must carry. */
export interface SignedInUser extends UserContext {
  tokenGeneration: number;
}

/** What a token check needs to know of its account. */
export interface TokenStatus {
  generation: number;
  disabled: boolean;
}

export interface AccountsOptions {
  /** Failed log-in limits; by default from the environment (see config.ts). */
  limits?: LoginLimits;
  /** Where authentication events are recorded; by default AuditEvents in the same database. */
  audit?: Pick<AuthAudit, 'record'>;
}

/**
 * Local accounts. An OpenID Connect provider can replace `authenticate` without touching the rest.
 *
 * Failed log-ins are counted in the database, so every server process on it shares the counts,
 * and each attempt is claimed with one atomic statement before the password is checked: however
 * many attempts arrive at once, exactly the allowed number are checked before the account is
 * locked. The same holds per client address (any user names).
 */
export class Accounts {
  private readonly limits: LoginLimits;
  private readonly audit: Pick<AuthAudit, 'record'>;
  private lastPurge = 0;

  constructor(
    private readonly db: Database,
    options: AccountsOptions = {},
  ) {
    this.limits = options.limits ?? loginLimitsFromEnvironment(process.env);
    this.audit = options.audit ?? new AuthAudit(new ResourceStore(db));
  }

  /** Creates or replaces an account; replacing it (a new password or roles) ends its sessions. */
  async upsert(account: { username: string; password: string; roles: Role[]; fhirUser: string; name: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO app_user (username, password_hash, roles, fhir_user, display_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO UPDATE SET password_hash = $2, roles = $3, fhir_user = $4, display_name = $5, token_generation = app_user.token_generation + 1`,
      [account.username, await hashPassword(account.password), account.roles, account.fhirUser, account.name],
    );
  }

  /**
   * Checks a password. A wrong password, an unknown user name and a disabled account get the
   * same answer after the same work (scrypt runs against a dummy hash when there is no
   * account). After the allowed failures the account waits longer and longer (429), and so
   * does a client address with too many failures in its window.
   */
  async authenticate(username: string, password: string, address?: string): Promise<SignedInUser> {
    const key = address ? addressKey(address) : undefined;
    const where = address ? { address } : {};
    const addressFailures = key ? await this.claimAddressAttempt(key) : 0;
    const claimed = await this.claimAccountAttempt(username);
    if (claimed.locked) {
      await this.audit.record({ action: 'login', success: false, user: claimed.locked.user, description: 'refused: the account is locked after repeated failed log-ins', ...where });
      throw audited(withRetryAfter(tooManyRequests(`Too many failed attempts; try again in ${claimed.locked.seconds} seconds`), claimed.locked.seconds));
    }
    if (claimed.unknownLocked !== undefined) {
      // The same answer, and as little work, as a locked account; the name typed is never recorded.
      await this.audit.record({ action: 'login', success: false, description: 'refused: repeated failed log-ins to an unknown user name', ...where });
      throw audited(withRetryAfter(tooManyRequests(`Too many failed attempts; try again in ${claimed.unknownLocked} seconds`), claimed.unknownLocked));
    }
    const row = claimed.row;
    const passwordOk = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !passwordOk || row.disabled_at) {
      const why = !row ? 'unknown user name' : row.disabled_at ? 'the account is disabled' : 'wrong password';
      const limitReached = addressFailures >= this.limits.addressAttempts ? '; the client address has now reached its limit of failed log-ins' : '';
      await this.audit.record({ action: 'login', success: false, ...(row ? { user: userOf(row) } : {}), description: `refused: ${why}${limitReached}`, ...where });
      throw audited(unauthorized(WRONG_CREDENTIALS));
    }
    await this.db.query('UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE username = $1', [username]);
    // A successful log-in is not a failure of its address.
    if (key) await this.db.query('UPDATE login_failure_address SET failures = failures - 1 WHERE address = $1 AND failures > 0', [key]);
    const user = userOf(row);
    await this.audit.record({ action: 'login', success: true, user, ...where });
    return { ...user, tokenGeneration: row.token_generation };
  }

  /** The account's user, for work done in its name outside a request (a data import); undefined when unknown or disabled. */
  async userByName(username: string): Promise<UserContext | undefined> {
    const r = await this.db.query<Pick<AccountRow, 'username' | 'roles' | 'fhir_user' | 'display_name'>>(
      'SELECT username, roles, fhir_user, display_name FROM app_user WHERE username = $1 AND disabled_at IS NULL',
      [username],
    );
    const row = r.rows[0];
    return row ? userOf(row) : undefined;
  }

  /** The account's current token generation and whether it is disabled; undefined when it no longer exists. */
  async tokenStatus(username: string): Promise<TokenStatus | undefined> {
    const r = await this.db.query<{ token_generation: number; disabled: boolean }>(
      'SELECT token_generation, disabled_at IS NOT NULL AS disabled FROM app_user WHERE username = $1',
      [username],
    );
    const row = r.rows[0];
    return row ? { generation: Number(row.token_generation), disabled: row.disabled } : undefined;
  }

  /** The account's user as it is now, or undefined when it no longer exists or is disabled (an app's token then stops working). */
  async activeUser(username: string): Promise<UserContext | undefined> {
    const r = await this.db.query<AccountRow>('SELECT username, roles, fhir_user, display_name FROM app_user WHERE username = $1 AND disabled_at IS NULL', [username]);
    const row = r.rows[0];
    return row ? userOf(row) : undefined;
  }

  /**
   * A professional signed in by the region's identity provider: the staff account of the
   * Practitioner carrying that identifier (never a resident's account). The sign-in, or its
   * refusal, is audited like a password log-in.
   */
  async signInThroughRegion(identifierSystem: string, identifier: string, address?: string): Promise<UserContext | undefined> {
    const r = await this.db.query<AccountRow>(
      `SELECT u.username, u.roles, u.fhir_user, u.display_name FROM app_user u
         JOIN search_token t ON t.resource_type = 'Practitioner' AND u.fhir_user = 'Practitioner/' || t.resource_id
        WHERE t.param = 'identifier' AND t.system = $1 AND t.value = $2 AND u.disabled_at IS NULL AND NOT ('resident' = ANY(u.roles))
        ORDER BY u.username`,
      [identifierSystem, identifier],
    );
    const where = address ? { address } : {};
    const row = identifier ? r.rows[0] : undefined;
    if (!row || r.rows.length > 1) {
      const why = !identifier ? 'its answer carried no professional identifier' : row ? 'the identifier belongs to several accounts' : 'no staff account carries the identifier';
      await this.audit.record({ action: 'login', success: false, description: `refused sign-in through the region's identity provider: ${why}`, ...where });
      return undefined;
    }
    const user = userOf(row);
    await this.audit.record({ action: 'login', success: true, user, description: "signed in through the region's identity provider", ...where });
    return user;
  }

  /** Ends every session of the account that holds a token of `generation` (log-out). */
  async logout(user: UserContext, generation: number, address?: string): Promise<void> {
    await this.db.query('UPDATE app_user SET token_generation = token_generation + 1 WHERE username = $1 AND token_generation = $2', [user.username, generation]);
    await this.audit.record({ action: 'logout', success: true, user, ...(address ? { address } : {}) });
  }

  /**
   * An administrator's lock: the account cannot log in and its tokens stop working (every
   * process refuses them within its recheck delay). Its tokens stay refused after `enable`.
   */
  async disable(username: string): Promise<boolean> {
    const r = await this.db.query('UPDATE app_user SET disabled_at = now(), token_generation = token_generation + 1 WHERE username = $1 AND disabled_at IS NULL', [username]);
    return r.rowCount > 0;
  }

  async enable(username: string): Promise<boolean> {
    const r = await this.db.query('UPDATE app_user SET disabled_at = NULL, failed_attempts = 0, locked_until = NULL WHERE username = $1', [username]);
    return r.rowCount > 0;
  }

  /** An audit record of a token refused for its account's sake (logged out, disabled, removed). */
  async recordTokenRefusal(user: UserContext, why: string, address?: string): Promise<void> {
    await this.audit.record({ action: 'token', success: false, user, description: `access token refused: ${why}`, ...(address ? { address } : {}) });
  }

  /**
   * Counts one attempt against the account before its password is checked, in one statement:
   * concurrent attempts queue on the row, and once the allowed failures are used up the rest
   * find it locked. A correct password then clears the count.
   */
  private async claimAccountAttempt(username: string): Promise<{ row?: AccountRow; locked?: { user: UserContext; seconds: number }; unknownLocked?: number }> {
    const claimed = await this.db.query<AccountRow>(
      `UPDATE app_user SET failed_attempts = failed_attempts + 1,
              locked_until = CASE WHEN failed_attempts + 1 >= $2::int
                THEN now() + make_interval(secs => LEAST($3::float8 * power(2::float8, LEAST(failed_attempts + 1 - $2::int, 16)::float8), $4::float8))
                ELSE NULL END
        WHERE username = $1 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING username, password_hash, roles, fhir_user, display_name, token_generation, disabled_at`,
      [username, this.limits.accountAttempts, FIRST_LOCK_SECONDS, MAX_LOCK_SECONDS],
    );
    const row = claimed.rows[0];
    if (row) return { row: { ...row, token_generation: Number(row.token_generation) } };
    const existing = await this.db.query<AccountRow & { wait: number | string }>(
      `SELECT username, roles, fhir_user, display_name, GREATEST(1, ceil(EXTRACT(EPOCH FROM locked_until - now())))::int AS wait
         FROM app_user WHERE username = $1`,
      [username],
    );
    const locked = existing.rows[0];
    if (locked) return { locked: { user: userOf(locked), seconds: Number(locked.wait) || 1 } };
    const unknownWait = await this.claimUnknownNameAttempt(username);
    return unknownWait === undefined ? {} : { unknownLocked: unknownWait };
  }

  /**
   * A name with no account is counted and locked exactly like an account, so that a 429 never
   * tells an account exists. Returns the seconds to wait when the name is locked.
   */
  private async claimUnknownNameAttempt(username: string): Promise<number | undefined> {
    const key = createHash('sha256').update(username.normalize('NFC').toLowerCase()).digest('base64url');
    const claimed = await this.db.query(
      `INSERT INTO login_failure_name AS f (name_key, failed_attempts, locked_until, last_failed) VALUES ($1, 1, NULL, now())
       ON CONFLICT (name_key) DO UPDATE SET
         failed_attempts = f.failed_attempts + 1,
         last_failed = now(),
         locked_until = CASE WHEN f.failed_attempts + 1 >= $2::int
           THEN now() + make_interval(secs => LEAST($3::float8 * power(2::float8, LEAST(f.failed_attempts + 1 - $2::int, 16)::float8), $4::float8))
           ELSE NULL END
       WHERE f.locked_until IS NULL OR f.locked_until <= now()
       RETURNING 1`,
      [key, this.limits.accountAttempts, FIRST_LOCK_SECONDS, MAX_LOCK_SECONDS],
    );
    if (claimed.rows.length > 0) return undefined;
    const waiting = await this.db.query<{ wait: number | string }>(
      'SELECT GREATEST(1, ceil(EXTRACT(EPOCH FROM locked_until - now())))::int AS wait FROM login_failure_name WHERE name_key = $1',
      [key],
    );
    return Number(waiting.rows[0]?.wait) || 1;
  }

  /**
   * Counts one attempt against the client address (a fixed window per address) and returns
   * the count; refuses (429) when the address has used up its attempts in the window. A
   * successful log-in gives its attempt back.
   */
  private async claimAddressAttempt(key: string): Promise<number> {
    await this.purgeOldAddresses();
    const { addressAttempts, addressWindowSeconds } = this.limits;
    const claimed = await this.db.query<{ failures: number }>(
      `INSERT INTO login_failure_address AS f (address, failures, window_started) VALUES ($1, 1, now())
       ON CONFLICT (address) DO UPDATE SET
         failures = CASE WHEN f.window_started <= now() - make_interval(secs => $3::int) THEN 1 ELSE f.failures + 1 END,
         window_started = CASE WHEN f.window_started <= now() - make_interval(secs => $3::int) THEN now() ELSE f.window_started END
       WHERE f.window_started <= now() - make_interval(secs => $3::int) OR f.failures < $2::int
       RETURNING failures`,
      [key, addressAttempts, addressWindowSeconds],
    );
    const row = claimed.rows[0];
    if (row) return Number(row.failures);
    const waiting = await this.db.query<{ wait: number | string }>(
      `SELECT GREATEST(1, ceil(EXTRACT(EPOCH FROM window_started + make_interval(secs => $2::int) - now())))::int AS wait FROM login_failure_address WHERE address = $1`,
      [key, addressWindowSeconds],
    );
    const seconds = Number(waiting.rows[0]?.wait) || 1;
    // Not audited one by one: the attempt that reached the limit was (a flood must not flood the audit log).
    throw audited(withRetryAfter(tooManyRequests(`Too many failed log-ins from this address; try again in ${seconds} seconds`), seconds));
  }

  private async purgeOldAddresses(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await this.db.query('DELETE FROM login_failure_address WHERE window_started <= now() - make_interval(secs => $1::int)', [this.limits.addressWindowSeconds]);
    await this.db.query(`DELETE FROM login_failure_name WHERE last_failed <= now() - make_interval(secs => $1::float8 * 2)`, [MAX_LOCK_SECONDS]);
  }
}

function userOf(row: Pick<AccountRow, 'username' | 'roles' | 'fhir_user' | 'display_name'>): UserContext {
  return { username: row.username, roles: row.roles, fhirUser: row.fhir_user, name: row.display_name };
}

function withRetryAfter(error: FhirError, seconds: number): FhirError {
  return Object.assign(error, { retryAfter: seconds });
}

/** The refusal has its audit record already; the error handler must not write another. */
const audited = markAudited;

/** Same scrypt parameters as a real hash, so an unknown user name costs the same time. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

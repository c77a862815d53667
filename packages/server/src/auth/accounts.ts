import type { Database } from '../db/database';
import { tooManyRequests, unauthorized } from '../fhir/outcomes';
import { hashPassword, verifyPassword } from './passwords';
import type { Role, UserContext } from './userContext';

const FREE_ATTEMPTS = 5;
const MAX_LOCK_SECONDS = 15 * 60;

interface AccountRow {
  username: string;
  password_hash: string;
  roles: Role[];
  fhir_user: string;
  display_name: string;
  failed_attempts: number;
  locked_until: Date | string | null;
}

/** Local accounts. An OpenID Connect provider can replace `authenticate` without touching the rest. */
export class Accounts {
  constructor(private readonly db: Database) {}

  async upsert(account: { username: string; password: string; roles: Role[]; fhirUser: string; name: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO app_user (username, password_hash, roles, fhir_user, display_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO UPDATE SET password_hash = $2, roles = $3, fhir_user = $4, display_name = $5`,
      [account.username, await hashPassword(account.password), account.roles, account.fhirUser, account.name],
    );
  }

  /** Checks a password; after repeated failures the account waits longer and longer (429). */
  async authenticate(username: string, password: string): Promise<UserContext> {
    const r = await this.db.query<AccountRow>('SELECT * FROM app_user WHERE username = $1', [username]);
    const row = r.rows[0];
    if (!row) {
      await verifyPassword(password, DUMMY_HASH); // same cost whether or not the user exists
      throw unauthorized('Wrong user name or password');
    }
    const lockedUntil = row.locked_until ? new Date(row.locked_until) : undefined;
    if (lockedUntil && lockedUntil.getTime() > Date.now()) {
      const seconds = Math.ceil((lockedUntil.getTime() - Date.now()) / 1000);
      const error = tooManyRequests(`Too many failed attempts; try again in ${seconds} seconds`);
      Object.assign(error, { retryAfter: seconds });
      throw error;
    }
    if (!(await verifyPassword(password, row.password_hash))) {
      const failures = row.failed_attempts + 1;
      const lockSeconds = failures >= FREE_ATTEMPTS ? Math.min(2 ** (failures - FREE_ATTEMPTS) * 5, MAX_LOCK_SECONDS) : 0;
      await this.db.query(
        `UPDATE app_user SET failed_attempts = $2, locked_until = CASE WHEN $3::int > 0 THEN now() + make_interval(secs => $3::int) ELSE NULL END WHERE username = $1`,
        [username, failures, lockSeconds],
      );
      throw unauthorized('Wrong user name or password');
    }
    if (row.failed_attempts > 0) {
      await this.db.query('UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE username = $1', [username]);
    }
    return { username: row.username, roles: row.roles, fhirUser: row.fhir_user, name: row.display_name };
  }
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

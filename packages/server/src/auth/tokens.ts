import { createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { SettingsStore } from '../settings/settingsStore';
import { tokenRecheckSecondsFromEnvironment } from '../config';
import { markAudited, unauthorized } from '../fhir/outcomes';
import type { TokenStatus } from './accounts';
import type { Role, UserContext } from './userContext';

const ISSUER = 'ovi';
export const TOKEN_LIFETIME_SECONDS = 3600;
/** The app_setting row of the generated signing key (never carried in a backup). */
export const SIGNING_KEY_SETTING = 'token-signing-key';
const CACHE_SIZE = 10_000;
const INVALID = 'The access token is invalid or has expired; log in again';
const REVOKED = 'The access token is no longer valid (logged out, or the account is locked); log in again';

/** What the token check asks of the accounts (see Accounts). */
export interface TokenAccounts {
  tokenStatus(username: string): Promise<TokenStatus | undefined>;
  recordTokenRefusal(user: UserContext, why: string, address?: string): Promise<void>;
}

/** Checks an app's access token (issued by the OpenID provider); undefined when it is unknown, expired or revoked. */
export type AppTokenCheck = (token: string) => Promise<Session | undefined>;

/** A verified token: who, and the account's token generation it was issued under. */
export interface Session {
  user: UserContext;
  generation: number;
}

export interface TokenOptions {
  /**
   * How long this process may trust what it last read of an account (its token generation,
   * whether it is disabled), in seconds; by default OVI_TOKEN_RECHECK_SECONDS (5). A log-out
   * or a lock made through another process takes effect here within this delay.
   */
  recheckSeconds?: number;
}

/**
 * Signed bearer tokens (HS256) with an expiry (`exp`, required) and the account's token
 * generation (`gen`). The key comes from configuration or, failing that, from the database,
 * so every server process on one database accepts every other's tokens. A token is accepted
 * only while its account exists, is not disabled and still has the token's generation: a
 * log-out, a new password or new roles, and an administrator's lock advance it in the
 * database, which every process reads (each remembers an account's state for at most
 * `recheckSeconds`).
 */
export class TokenService {
  /** Signatures already checked, until the token expires (a pure function of token and key). */
  private readonly verified = new Map<string, { session: Session; expiresAt: number }>();
  /** Each account's state as last read, shared by concurrent requests. */
  private readonly statuses = new Map<string, { checkedAt: number; status: Promise<TokenStatus | undefined> }>();
  /** Refused tokens already audited by this process (one record per token, however often it is replayed). */
  private readonly refusalsAudited = new Set<string>();
  private accounts?: TokenAccounts;
  private appTokens?: AppTokenCheck;

  private constructor(
    private readonly key: Uint8Array,
    private readonly recheckMs: number,
  ) {}

  static async create(settings: SettingsStore, configuredSecret?: string, options: TokenOptions = {}): Promise<TokenService> {
    const recheckMs = (options.recheckSeconds ?? tokenRecheckSecondsFromEnvironment(process.env)) * 1000;
    if (configuredSecret) return new TokenService(new TextEncoder().encode(configuredSecret), recheckMs);
    const stored = await settings.ensure(SIGNING_KEY_SETTING, randomBytes(32).toString('base64'));
    return new TokenService(Buffer.from(stored.value, 'base64'), recheckMs);
  }

  /** A key for another purpose (e.g. signing public forms), derived from the signing key: never the signing key itself. */
  derivedKey(purpose: string): Buffer {
    return createHmac('sha256', this.key).update(`ovi:${purpose}`).digest();
  }

  /** Where tokens issued to SMART apps by Ovi's OpenID provider are checked (smart/appTokens.ts). */
  useAppTokens(check: AppTokenCheck): void {
    this.appTokens = check;
  }

  /** Where the account state comes from; without it no token is accepted. */
  useAccounts(accounts: TokenAccounts): void {
    this.accounts = accounts;
  }

  async issue(user: UserContext & { tokenGeneration: number }): Promise<string> {
    return new SignJWT({ roles: user.roles, fhirUser: user.fhirUser, name: user.name, gen: user.tokenGeneration })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.username)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(this.key);
  }

  async verify(token: string, options: { address?: string } = {}): Promise<UserContext> {
    return (await this.session(token, options)).user;
  }

  /** Verifies the token and its account's state; 401 when either fails. */
  async session(token: string, options: { address?: string } = {}): Promise<Session> {
    // Ovi's own tokens are JWTs; an app's is an opaque handle kept in the database.
    if (this.appTokens && !token.includes('.')) {
      const session = await this.appTokens(token);
      if (!session) throw unauthorized(INVALID);
      return session;
    }
    let known = this.verified.get(token);
    if (!known || known.expiresAt <= Date.now()) {
      this.verified.delete(token);
      known = await this.verifySignature(token);
      if (this.verified.size >= CACHE_SIZE) this.verified.clear();
      this.verified.set(token, known);
    }
    const { session } = known;
    const status = await this.status(session.user.username);
    const why = !status
      ? 'the account no longer exists'
      : status.disabled
        ? 'the account is disabled'
        : status.generation !== session.generation
          ? 'logged out, or the password or roles changed'
          : undefined;
    if (why) {
      if (!this.refusalsAudited.has(token)) {
        await this.requireAccounts().recordTokenRefusal(session.user, why, options.address);
        if (this.refusalsAudited.size >= CACHE_SIZE) this.refusalsAudited.clear();
        this.refusalsAudited.add(token);
      }
      throw markAudited(unauthorized(REVOKED));
    }
    return session;
  }

  /** Forgets what this process knows of an account (after its log-out here: effective at once). */
  forget(username: string): void {
    this.statuses.delete(username);
  }

  private async verifySignature(token: string): Promise<{ session: Session; expiresAt: number }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: TOKEN_LIFETIME_SECONDS,
      }));
    } catch {
      throw unauthorized(INVALID);
    }
    const generation = payload.gen;
    // Ovi's tokens live TOKEN_LIFETIME_SECONDS; one that claims longer was not issued here.
    const { exp, iat } = payload;
    if (typeof generation !== 'number' || !Number.isInteger(generation) || typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > TOKEN_LIFETIME_SECONDS) {
      throw unauthorized(INVALID);
    }
    const user: UserContext = {
      username: String(payload.sub),
      roles: Array.isArray(payload.roles) ? (payload.roles as Role[]) : [],
      fhirUser: String(payload.fhirUser),
      name: String(payload.name ?? payload.sub),
    };
    return { session: { user, generation }, expiresAt: exp * 1000 };
  }

  private status(username: string): Promise<TokenStatus | undefined> {
    const known = this.statuses.get(username);
    if (known && Date.now() - known.checkedAt < this.recheckMs) return known.status;
    const status = this.requireAccounts().tokenStatus(username);
    if (this.statuses.size >= CACHE_SIZE) this.statuses.clear();
    const entry = { checkedAt: Date.now(), status };
    this.statuses.set(username, entry);
    // A failed read (database down) is not remembered.
    status.catch(() => {
      if (this.statuses.get(username) === entry) this.statuses.delete(username);
    });
    return status;
  }

  private requireAccounts(): TokenAccounts {
    if (!this.accounts) throw new Error('TokenService has no account check (registerAuthRoutes wires it); refusing every token');
    return this.accounts;
  }
}

import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { SettingsStore } from '../settings/settingsStore';
import { unauthorized } from '../fhir/outcomes';
import type { Role, UserContext } from './userContext';

const ISSUER = 'ovi';
export const TOKEN_LIFETIME_SECONDS = 3600;
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Signed bearer tokens (HS256). The key comes from configuration or, failing that, from the
 * database, so every server process on one database accepts every other's tokens.
 */
export class TokenService {
  /**
   * Tokens already verified, until they expire: verifying is a pure function of the token
   * and the key, so remembering its result is safe in any number of processes.
   */
  private readonly verified = new Map<string, { user: UserContext; expiresAt: number }>();

  private constructor(private readonly key: Uint8Array) {}

  static async create(settings: SettingsStore, configuredSecret?: string): Promise<TokenService> {
    if (configuredSecret) return new TokenService(new TextEncoder().encode(configuredSecret));
    const stored = await settings.ensure('token-signing-key', randomBytes(32).toString('base64'));
    return new TokenService(Buffer.from(stored.value, 'base64'));
  }

  async issue(user: UserContext): Promise<string> {
    return new SignJWT({ roles: user.roles, fhirUser: user.fhirUser, name: user.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.username)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<UserContext> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.user;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const user: UserContext = {
        username: String(payload.sub),
        roles: (payload.roles as Role[]) ?? [],
        fhirUser: String(payload.fhirUser),
        name: String(payload.name ?? payload.sub),
      };
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
      this.verified.set(token, { user, expiresAt: (payload.exp ?? 0) * 1000 });
      return user;
    } catch {
      this.verified.delete(token);
      throw unauthorized('The access token is invalid or has expired; log in again');
    }
  }
}

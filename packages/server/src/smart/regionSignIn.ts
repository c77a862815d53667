import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Database } from '../db/database';
import type { Accounts } from '../auth/accounts';
import type { RegionSignInConfig } from '../config';
import { OidcStateStore } from '../storage/oidcStateStore';
import { OAUTH_PREFIX } from './smartConfiguration';

/** How long a sign-in at the region may take, and how long its result waits to be picked up. */
const START_SECONDS = 10 * 60;
const RESULT_SECONDS = 2 * 60;

interface Started {
  uid: string;
  verifier: string;
}

/** What the region said, for the interaction to finish: the account, or why there is none. */
export interface RegionResult {
  uid: string;
  accountId?: string;
  refused?: 'no-account' | 'failed';
}

/**
 * Staff sign-in delegated to the region's own OpenID Connect provider (openid-client):
 * authorisation code with PKCE, the professional's identifier from a claim (by default their
 * Terhikki number) mapped to the Practitioner's staff account. The state between the steps is
 * in the database (any process may take the callback), never in memory.
 */
export class RegionSignIn {
  private configuration?: Promise<oidc.Configuration>;
  private readonly started: OidcStateStore;
  private readonly results: OidcStateStore;

  constructor(
    private readonly config: RegionSignInConfig,
    db: Database,
    private readonly accounts: Pick<Accounts, 'signInThroughRegion'>,
  ) {
    this.started = new OidcStateStore(db, 'RegionSignIn');
    this.results = new OidcStateStore(db, 'RegionSignInResult');
  }

  static callbackUrl(origin: string): string {
    return `${origin}${OAUTH_PREFIX}/region/callback`;
  }

  /** Where to send the browser for the interaction `uid`. */
  async start(origin: string, uid: string): Promise<string> {
    const configuration = await this.discovered();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    await this.started.upsert(state, { uid, verifier } satisfies Started, START_SECONDS);
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: RegionSignIn.callbackUrl(origin),
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    }).href;
  }

  /**
   * The region's answer at the callback: exchanges the code, maps the identifier to an account
   * and keeps the outcome under a one-time key the interaction page picks up. Undefined for a
   * state Ovi never issued (or already used).
   */
  async finish(callback: URL, address?: string): Promise<{ uid: string; key: string } | undefined> {
    const state = callback.searchParams.get('state') ?? '';
    const started = (await this.started.find(state)) as Started | undefined;
    if (!started) return undefined;
    await this.started.destroy(state);
    const result: RegionResult = { uid: started.uid };
    try {
      const tokens = await oidc.authorizationCodeGrant(await this.discovered(), callback, { pkceCodeVerifier: started.verifier, expectedState: state });
      const identifier = tokens.claims()?.[this.config.claim];
      const user = await this.accounts.signInThroughRegion(this.config.identifierSystem, typeof identifier === 'string' ? identifier : '', address);
      if (user) result.accountId = user.username;
      else result.refused = 'no-account';
    } catch {
      result.refused = 'failed';
    }
    const key = randomBytes(24).toString('base64url');
    await this.results.upsert(key, { ...result }, RESULT_SECONDS);
    return { uid: started.uid, key };
  }

  /** The outcome for the interaction, once. */
  async result(key: string, uid: string): Promise<RegionResult | undefined> {
    const found = (await this.results.find(key)) as RegionResult | undefined;
    if (!found) return undefined;
    await this.results.destroy(key);
    return found.uid === uid ? found : undefined;
  }

  private discovered(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const url = new URL(this.config.issuer);
      // Plain http only for a provider on this machine (development, tests).
      const loopback = url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
      this.configuration = oidc.discovery(url, this.config.clientId, this.config.clientSecret, undefined, loopback ? { execute: [oidc.allowInsecureRequests] } : undefined);
      this.configuration.catch(() => (this.configuration = undefined));
    }
    return this.configuration;
  }
}

/**
 * The web app's sign-in through Ovi's OpenID provider (decision 035): authorisation code with
 * PKCE (S256) as the first-party public client `ovi-web`. The password is typed on the web
 * app's own log-in screen, which is the provider's log-in for this client; the region's
 * sign-in leaves the page and comes back to the callback route. The provider's access token is
 * then exchanged, once, for Ovi's own session token (`POST /auth/session`).
 */
import { ApiError, request } from '../api/client';

const CLIENT_ID = 'ovi-web';
export const CALLBACK_PATH = '/login/callback';
const LOGIN_PATH = '/login';
/** What a sign-in that left the page (the region's) needs when it comes back: sessionStorage, this tab only. */
const PENDING_KEY = 'ovi.pendingSignIn';

interface Started {
  uid: string;
  verifier: string;
  state: string;
}

interface Pending {
  verifier: string;
  state: string;
  returnTo: string;
}

/** Why a sign-in that came back to the callback failed: the log-in screen says it in plain words. */
export type SignInFailure = 'region-no-account' | 'region-failed' | 'failed';

export class SignInFailed extends Error {
  constructor(readonly reason: SignInFailure) {
    super(reason);
  }
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

const redirectUri = () => `${window.location.origin}${CALLBACK_PATH}`;

/** Asks the provider to authorise `ovi-web`; its answer is the log-in screen's address with the interaction. */
async function start(): Promise<Started> {
  const verifier = randomString();
  const state = randomString();
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  let response: Response;
  try {
    response = await fetch(`/oauth/auth?${query}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, []);
  }
  const at = new URL(response.url);
  const uid = at.searchParams.get('interaction');
  if (!response.ok || at.pathname !== LOGIN_PATH || !uid) throw new ApiError(response.ok ? 400 : response.status, []);
  return { uid, verifier, state };
}

/** Follows the provider from the finished log-in to the callback, and reads the code there. */
async function codeFrom(location: string, state: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(location, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, []);
  }
  const at = new URL(response.url);
  const code = at.searchParams.get('code');
  if (at.pathname !== CALLBACK_PATH || at.searchParams.get('state') !== state || !code) throw new ApiError(400, []);
  return code;
}

/** The code and verifier for the provider's token, and that token once for Ovi's session token. */
async function exchange(code: string, verifier: string): Promise<string> {
  const token = await fetch('/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: CLIENT_ID, code_verifier: verifier }),
  }).catch(() => undefined);
  if (!token?.ok) throw new ApiError(token?.status ?? 0, []);
  const { access_token: providerToken } = (await token.json()) as { access_token: string };
  const session = await fetch('/auth/session', { method: 'POST', headers: { Authorization: `Bearer ${providerToken}`, Accept: 'application/json' } }).catch(() => undefined);
  if (!session?.ok) throw new ApiError(session?.status ?? 0, []);
  return ((await session.json()) as { access_token: string }).access_token;
}

/** Signs in with a password: the provider's log-in for `ovi-web` answered by this screen. Resolves to Ovi's session token. */
export async function signInWithPassword(username: string, password: string): Promise<string> {
  const { uid, verifier, state } = await start();
  // 401 and 429 (with Retry-After) come back as ApiError, as from POST /auth/login.
  const { data } = await request<{ location: string }>('POST', `/oauth/interaction/${encodeURIComponent(uid)}/login`, { body: { username, password } });
  return exchange(await codeFrom(data.location, state), verifier);
}

/** Leaves for the region's identity provider; the sign-in comes back to the callback route. */
export async function startRegionSignIn(returnTo: string): Promise<void> {
  const { uid, verifier, state } = await start();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo } satisfies Pending));
  window.location.assign(`/oauth/interaction/${encodeURIComponent(uid)}/region`);
}

/** True on the callback route with the provider's answer (a code or an error). */
export function isCallback(): boolean {
  const params = new URLSearchParams(window.location.search);
  return window.location.pathname === CALLBACK_PATH && (params.has('code') || params.has('error'));
}

let finishing: Promise<{ token: string; returnTo: string }> | undefined;

/** Finishes a sign-in that came back to the callback: Ovi's session token, and where the person was (once per page load). */
export function finishRedirectSignIn(): Promise<{ token: string; returnTo: string }> {
  finishing ??= finish();
  return finishing;
}

async function finish(): Promise<{ token: string; returnTo: string }> {
  const params = new URLSearchParams(window.location.search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as Pending) : undefined;
  const error = params.get('error_description');
  if (error === 'region-no-account' || error === 'region-failed') throw new SignInFailed(error);
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) throw new SignInFailed('failed');
  try {
    return { token: await exchange(code, pending.verifier), returnTo: pending.returnTo };
  } catch {
    throw new SignInFailed('failed');
  }
}

/** Whether the log-in screen offers the region's sign-in (configured on the server). */
export async function signInOptions(): Promise<{ region: boolean }> {
  try {
    const { data } = await request<{ region?: boolean }>('GET', '/auth/sign-in-options');
    return { region: data.region === true };
  } catch {
    return { region: false };
  }
}

/** The signed-in user and log-out (signing in goes through Ovi's OpenID provider: auth/codeFlow.ts). */
import { api, request, tokenStore } from './client';

export type Role = 'resident' | 'guidance' | 'professional' | 'manager' | 'admin';

export interface CurrentUser {
  username: string;
  roles: Role[];
  fhirUser: string;
  name: string;
  /** The registers a professional is licensed for (Terhikki: health, Suosikki: social). */
  registers: Array<'health' | 'social'>;
}

export async function fetchCurrentUser(): Promise<CurrentUser> {
  const me = await api.get<Partial<CurrentUser>>('/auth/me');
  return {
    username: me.username ?? '',
    roles: me.roles ?? [],
    fhirUser: me.fhirUser ?? '',
    name: me.name ?? me.username ?? '',
    registers: me.registers ?? [],
  };
}

/** Forgets the token in this browser only (the server already refused it, or it was never valid). */
export function forgetSession(): void {
  tokenStore.clear();
}

/**
 * Logs out for real: the token is forgotten here at once, and `POST /auth/logout` asks the
 * server to revoke it. The answer does not matter: a network error or a token the server
 * already refused still leaves the user signed out here.
 */
export async function logout(): Promise<void> {
  const token = tokenStore.get();
  tokenStore.clear();
  if (!token) return;
  try {
    // The token is no longer in the store, so a 401 here does not count as "session expired".
    await request<unknown>('POST', '/auth/logout', { headers: { Authorization: `Bearer ${token}` }, keepalive: true });
  } catch {
    /* signed out here anyway */
  }
}

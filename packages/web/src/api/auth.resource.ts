/** Login and the signed-in user. */
import { api, tokenStore } from './client';

export type Role = 'resident' | 'guidance' | 'professional' | 'manager' | 'admin';

export interface CurrentUser {
  username: string;
  roles: Role[];
  fhirUser: string;
  name: string;
}

interface LoginAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  fhirUser: string;
}

export async function login(username: string, password: string): Promise<void> {
  const { data } = await api.post<LoginAnswer>('/auth/login', { username, password });
  tokenStore.set(data.access_token);
}

export async function fetchCurrentUser(): Promise<CurrentUser> {
  const me = await api.get<Partial<CurrentUser>>('/auth/me');
  return {
    username: me.username ?? '',
    roles: me.roles ?? [],
    fhirUser: me.fhirUser ?? '',
    name: me.name ?? me.username ?? '',
  };
}

export function logout(): void {
  tokenStore.clear();
}

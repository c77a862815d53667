/**
 * The SMART apps an administrator has registered (decision 027): `GET /api/admin/smart-apps`,
 * `PUT /api/admin/smart-apps/{clientId}`, `DELETE …/{clientId}` (which ends the app's sessions
 * and tokens at once).
 */
import { api, request } from '../../api/client';

export interface SmartApp {
  clientId: string;
  name: string;
  redirectUris: string[];
  origins: string[];
  registeredAt?: string;
  registeredBy?: string;
}

export const fetchSmartApps = async (): Promise<SmartApp[]> => api.get<SmartApp[]>('/api/admin/smart-apps');

export const saveSmartApp = async (app: Pick<SmartApp, 'clientId' | 'name' | 'redirectUris' | 'origins'>): Promise<SmartApp> =>
  (await api.put<SmartApp>(`/api/admin/smart-apps/${encodeURIComponent(app.clientId)}`, { name: app.name, redirectUris: app.redirectUris, origins: app.origins })).data;

export const removeSmartApp = async (clientId: string): Promise<void> => {
  await request('DELETE', `/api/admin/smart-apps/${encodeURIComponent(clientId)}`);
};

/** A text area's lines as a list: one address per line, blank lines left out. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

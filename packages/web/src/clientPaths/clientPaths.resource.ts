/**
 * Client paths: read without logging in (`GET /api/client-paths`, `/api/client-paths/<id>`),
 * edited by administrators (`GET/PUT /api/admin/client-paths` with If-Match, a preview with
 * `POST /api/admin/client-paths/preview`, history under `/api/admin/client-paths/history`).
 */
import { api } from '../api/client';
import type { Lang, ServiceCardView } from '../serviceFinder/serviceFinder.resource';

export type Texts = Record<Lang, string>;

export interface ClientPathStepData {
  title: Texts;
  text: Texts;
  expect?: Texts;
}

export interface ClientPathData {
  id: string;
  title: Texts;
  summary: Texts;
  steps: ClientPathStepData[];
  services: string[];
  contact: { reason: string; matter: Texts };
}

export interface ClientPathsSetting {
  version: number;
  paths: ClientPathData[];
}

export interface ShownClientPath {
  id: string;
  title: string;
  summary: string;
  steps: Array<{ title: string; text: string; expect?: string }>;
  serviceCards: ServiceCardView[];
  contactLink: string;
}

export async function fetchClientPathList(lang: Lang): Promise<Array<{ id: string; title: string; summary: string }>> {
  return (await api.get<{ paths: Array<{ id: string; title: string; summary: string }> }>(`/api/client-paths?lang=${lang}`)).paths;
}

export async function fetchClientPath(id: string, lang: Lang): Promise<ShownClientPath> {
  return api.get(`/api/client-paths/${encodeURIComponent(id)}?lang=${lang}`);
}

export async function fetchClientPathsSetting(): Promise<ClientPathsSetting> {
  return api.get('/api/admin/client-paths');
}

export async function saveClientPaths(setting: ClientPathsSetting): Promise<ClientPathsSetting> {
  const { data } = await api.put<ClientPathsSetting>('/api/admin/client-paths', { paths: setting.paths }, { 'If-Match': `W/"${setting.version}"` });
  return data;
}

export async function previewClientPath(path: ClientPathData, lang: Lang): Promise<ShownClientPath> {
  const { data } = await api.post<ShownClientPath>(`/api/admin/client-paths/preview?lang=${lang}`, path);
  return data;
}

export const CLIENT_PATHS_HISTORY = '/api/admin/client-paths/history';

/**
 * The versions of a setting, newest first with who saved each and when
 * (`GET /api/admin/<name>/history`, `GET /api/schedule-templates/<id>/history`, admin), and
 * one version's value (`…/history/<version>`).
 */
import { api } from './client';

export interface VersionInfo {
  version: number;
  /** ISO instant. */
  updatedAt: string;
  /** The account that saved it; `system` for Ovi's own first version, `demo` for the demo region. */
  updatedBy?: string;
}

export interface VersionValue<T> extends VersionInfo {
  value: T;
}

/** Where a setting's history is. */
export const settingHistoryPath = (name: string) => `/api/admin/${encodeURIComponent(name)}/history`;
export const templateHistoryPath = (id: string) => `/api/schedule-templates/${encodeURIComponent(id)}/history`;

const toInfo = (v: Partial<VersionInfo> & { updatedBy?: string | null }): VersionInfo => ({
  version: v.version ?? 0,
  updatedAt: v.updatedAt ?? '',
  ...(v.updatedBy ? { updatedBy: v.updatedBy } : {}),
});

export async function fetchHistory(path: string, limit = 50): Promise<VersionInfo[]> {
  const data = await api.get<{ versions?: Array<Partial<VersionInfo> & { updatedBy?: string | null }> }>(`${path}?limit=${limit}`);
  return (data.versions ?? []).map(toInfo).filter((v) => v.version > 0);
}

export async function fetchVersion<T>(path: string, version: number): Promise<VersionValue<T>> {
  const data = await api.get<Partial<VersionValue<T>> & { updatedBy?: string | null }>(`${path}/${version}`);
  return { ...toInfo(data), value: data.value as T };
}

/** Home measurements over HTTP (see docs/API.md, "Home self-monitoring"). */
import type { Measurement, MeasurementAdvice, MeasurementKind, MonitoringSummary, Target } from '@ovi/domain';
import { api, request } from '../api/client';

/** The summary's shape is declared once, in the domain package (selfMonitoring/summary.ts). */
export type { KindSummary, MonitoringSummary, SummaryMeasurement } from '@ovi/domain';

export interface RecordAnswer {
  finding: { severity: 'danger' | 'outside-target' | null; advice: MeasurementAdvice[] };
}
export interface ImportReport {
  dryRun: boolean;
  rows: Array<{ line: number; status: 'valid' | 'invalid' | 'duplicate'; problems: Array<{ field: string; message: string }>; severity?: string }>;
  valid: number;
  invalid: number;
  duplicates: number;
  stored: number;
  advice: MeasurementAdvice[];
}
export interface MonitoringWork {
  items: Array<{ taskId: string; patient: string; name?: string; birthDate?: string; urgencyRank: number; deadline?: string }>;
}

export const fetchSummary = (patient?: string, days = 90) =>
  api.get<MonitoringSummary>(`/api/self-monitoring/summary?days=${days}${patient ? `&patient=${encodeURIComponent(patient)}` : ''}`);

export const recordMeasurement = async (m: Omit<Measurement, 'at'> & { at?: string; language: string; patient?: string }) =>
  (await api.post<RecordAnswer>('/api/self-monitoring/measurements', m)).data;

export const importCsv = async (csv: string, dryRun: boolean) =>
  (await request<ImportReport>('POST', `/api/self-monitoring/import${dryRun ? '?dryRun=true' : ''}`, { text: csv, headers: { 'Content-Type': 'text/csv' } })).data;

export const fetchMonitoringWork = () => api.get<MonitoringWork>('/api/self-monitoring/work');

export const setTargets = async (body: { patient: string; kind: MeasurementKind; targets: Target[]; everyDays?: number; team: string }) =>
  (await api.put<unknown>('/api/self-monitoring/targets', body)).data;

/**
 * The managers' indicators (`GET /api/measures/{id}`, decision 028): counts rounded to 5, a
 * hidden stratum or figure is null (fewer than 5 people, or it would give a hidden one away).
 */
import type { IndicatorDefinition } from '@ovi/domain/src/measures/indicatorCatalogue';
import type { PublishedIndicator, PublishedStratum } from '@ovi/domain/src/measures/stratifiedFigures';
import { api, tokenStore } from '../api/client';

export interface IndicatorFigures extends PublishedIndicator {
  period: { from: string; to: string; preset?: string };
  indicator: IndicatorDefinition;
  unitNames: Record<string, string>;
  /** The equal period just before, its whole only (the trend). */
  previous?: { period: { from: string; to: string }; total: PublishedStratum };
}

/** The indicator requests under way, by address: two panels of one Measure (by unit, by profession) share one. */
const underWay = new Map<string, Promise<IndicatorFigures>>();

/**
 * `query`: the dashboard's filters as the server takes them (period or periodStart/periodEnd,
 * unit, municipality, profession). A request for the same figures already under way is joined,
 * not made again (each answer carries every stratifier); nothing is kept once it has answered.
 */
export function fetchIndicator(id: string, query: string): Promise<IndicatorFigures> {
  const path = `/api/measures/${encodeURIComponent(id)}?${query}`;
  const running = underWay.get(path);
  if (running) return running;
  const request = api.get<IndicatorFigures>(path).finally(() => underWay.delete(path));
  underWay.set(path, request);
  return request;
}

/** Downloads the CSV with the signed-in user's token (a plain link would carry none). */
export async function downloadCsv(id: string, query: string): Promise<void> {
  const token = tokenStore.get();
  const response = await fetch(`/api/measures/${encodeURIComponent(id)}.csv?${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`CSV ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `${id}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

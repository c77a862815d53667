/**
 * The dashboard's filters, kept in the address so that a view can be shared, printed and
 * gone back to: the period (`period=last-month`, or `from` and `to`) and unit, municipality
 * and profession. The server checks them all; nothing here is trusted.
 */
import { useCallback, useEffect, useState } from 'react';
import { isPeriodPreset, type PeriodPreset } from '@ovi/domain/src/reportingPeriod';
import type { PeriodChoice } from '../manager/periodChoice';

export interface DashboardFilters {
  period: PeriodChoice;
  unit?: string;
  municipality?: string;
  profession?: string;
}

export const FILTER_NAMES = ['unit', 'municipality', 'profession'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

export function filtersOfSearch(search: string): DashboardFilters {
  const q = new URLSearchParams(search);
  const preset = q.get('period');
  const from = q.get('from');
  const to = q.get('to');
  const period: PeriodChoice = preset !== null && isPeriodPreset(preset) ? { preset: preset as PeriodPreset } : from && to ? { from, to } : {};
  const out: DashboardFilters = { period };
  for (const name of FILTER_NAMES) {
    const value = q.get(name);
    if (value) out[name] = value;
  }
  return out;
}

/** The address's query for filters ('' for this month and no filter). */
export function searchOfFilters(f: DashboardFilters): string {
  const q = new URLSearchParams();
  if ('from' in f.period) {
    q.set('from', f.period.from);
    q.set('to', f.period.to);
  } else if (f.period.preset) q.set('period', f.period.preset);
  for (const name of FILTER_NAMES) if (f[name]) q.set(name, f[name] as string);
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The query the indicator API takes for filters. */
export function apiQueryOf(f: DashboardFilters): string {
  const q = new URLSearchParams();
  if ('from' in f.period) {
    q.set('periodStart', f.period.from);
    q.set('periodEnd', f.period.to);
  } else q.set('period', f.period.preset ?? 'this-month');
  for (const name of FILTER_NAMES) if (f[name]) q.set(name, f[name] as string);
  return q.toString();
}

/** The filters in the address, and `change` to push new ones into the history. */
export function useDashboardFilters(): [DashboardFilters, (next: DashboardFilters) => void] {
  const [filters, setFilters] = useState<DashboardFilters>(() => filtersOfSearch(window.location.search));
  useEffect(() => {
    const onPop = () => setFilters(filtersOfSearch(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const change = useCallback((next: DashboardFilters) => {
    history.pushState(null, '', `${window.location.pathname}${searchOfFilters(next)}`);
    setFilters(next);
  }, []);
  return [filters, change];
}

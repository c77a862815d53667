/**
 * The period a manager has chosen, kept in the address (`?period=last-month` or
 * `?from=2026-11-01&to=2026-11-30`) so that a link can be shared and the back button goes
 * to the period before. The server resolves presets on its own clock and states the dates.
 */
import { useCallback, useEffect, useState } from 'react';
import { isPeriodPreset, type PeriodPreset } from '@ovi/domain/src/reportingPeriod';

export type PeriodChoice = { preset: PeriodPreset } | { from: string; to: string } | { preset?: undefined };

/** The choice in a query string; anything unreadable is left to the server to refuse. */
export function choiceOfSearch(search: string): PeriodChoice {
  const q = new URLSearchParams(search);
  const preset = q.get('period');
  if (preset !== null && isPeriodPreset(preset)) return { preset };
  const from = q.get('from');
  const to = q.get('to');
  if (from !== null && to !== null) return { from, to };
  return {};
}

/** The query string for a choice ('' for the default). */
export function searchOfChoice(choice: PeriodChoice): string {
  if ('from' in choice) return `?${new URLSearchParams({ from: choice.from, to: choice.to }).toString()}`;
  if (choice.preset) return `?${new URLSearchParams({ period: choice.preset }).toString()}`;
  return '';
}

/** The chosen period, and `choose` to add a new one to the history. */
export function usePeriodChoice(): [PeriodChoice, (next: PeriodChoice) => void] {
  const [choice, setChoice] = useState<PeriodChoice>(() => choiceOfSearch(window.location.search));
  useEffect(() => {
    const onPop = () => setChoice(choiceOfSearch(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const choose = useCallback((next: PeriodChoice) => {
    history.pushState(null, '', `${window.location.pathname}${searchOfChoice(next)}`);
    setChoice(next);
  }, []);
  return [choice, choose];
}

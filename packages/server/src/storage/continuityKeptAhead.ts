/**
 * Keeps the continuity rows of the dashboard's period presets ahead of their readers
 * (decision 044). Without it, the first manager to open a long period in a day ("this year"
 * ends today, so its window is new every day) waits while the figures come from the facts: 4–8 s
 * over a region's year (docs/PRODUCTION.md). A job in every process runs a round at each of its
 * ticks; the keeping's lock and freshness check (`continuitySettled.ts`) make one process keep
 * each window a round, and a window kept since the last tick costs one small read.
 */
import { PERIOD_PRESETS, periodInstants, presetPeriodAt, previousPeriod } from '@ovi/domain';
import type { Database } from '../db/database';
import { keepContinuity, settledPart, type SettledWindow } from './continuitySettled';

/** The first keeping after start: not in the middle of the start's own work (the demo's seeding, a restore's checks). */
export const FIRST_KEEP_AFTER_MS = 30_000;

/**
 * The windows the dashboard reads for its presets at `at` that are long enough to keep, each
 * once (two presets may give the same one): each preset's period and the equal stretch before
 * it, which every Measure panel reads for its trend.
 */
export function presetWindowsToKeep(at: Date): SettledWindow[] {
  const parts = new Map<string, SettledWindow>();
  for (const preset of PERIOD_PRESETS) {
    const period = presetPeriodAt(preset, at);
    for (const window of [periodInstants(period), periodInstants(previousPeriod(period))]) {
      const part = settledPart(window, at);
      if (part) parts.set(`${part.start.toISOString()} ${part.end.toISOString()}`, part);
    }
  }
  return [...parts.values()];
}

/**
 * Keeps each preset window whose whole rows are older than `freshMinutes`, one after another,
 * waiting for a keeping under way rather than skipping (keepings of all windows share one lock).
 * Half the job's period is a good `freshMinutes`: rows kept a tick ago are kept again, those a
 * reader or another process kept since are not. Ends between windows once `stopping()` says so.
 * Returns how many windows it kept.
 */
export async function keepPresetWindows(db: Database, at: Date, freshMinutes: number, stopping: () => boolean = () => false): Promise<number> {
  let kept = 0;
  for (const part of presetWindowsToKeep(at)) {
    if (stopping()) break;
    if (await keepContinuity(db, part, { wait: true, freshMinutes })) kept++;
  }
  return kept;
}

/**
 * Keeps the continuity rows of the dashboard's period presets ahead of their readers
 * (decision 044). Without it, the first manager to open a long period in a day ("this year"
 * ends today, so its window is new every day) waits while the figures come from the facts: 4–8 s
 * over a region's year (docs/PRODUCTION.md). A background job in every process calls this
 * hourly; the keeping's lock and freshness check (`continuitySettled.ts`) make one process do
 * each window once an hour, and a window already kept within the hour costs one small read.
 */
import { PERIOD_PRESETS, periodInstants, presetPeriodAt, previousPeriod } from '@ovi/domain';
import type { Database } from '../db/database';
import { keepingDone, settledFor, settledPart } from './continuitySettled';

/** The first keeping after start: not in the middle of the start's own work (the demo's seeding, a restore's checks). */
export const FIRST_KEEP_AFTER_MS = 30_000;

/**
 * The windows the dashboard reads for its presets at `at` that are long enough to keep, each
 * once (two presets may give the same one): each preset's period and the equal stretch before
 * it, which every Measure panel reads for its trend.
 */
export function presetWindowsToKeep(at: Date): { start: Date; end: Date }[] {
  const windows = new Map<string, { start: Date; end: Date }>();
  for (const preset of PERIOD_PRESETS) {
    const period = presetPeriodAt(preset, at);
    for (const window of [periodInstants(period), periodInstants(previousPeriod(period))])
      if (settledPart(window, at)) windows.set(`${window.start.toISOString()} ${window.end.toISOString()}`, window);
  }
  return [...windows.values()];
}

/**
 * Asks for each preset window as a reader would, one after another: keepings of different
 * windows share one lock, and one started while another runs would be skipped. Ends early once
 * `stopping()` says so (the process is shutting down).
 */
export async function keepPresetWindows(db: Database, at: Date, stopping: () => boolean = () => false): Promise<void> {
  for (const window of presetWindowsToKeep(at)) {
    if (stopping()) return;
    await settledFor(db, window, at);
    await keepingDone(db);
  }
}

/**
 * The clock the care rules read: deadlines, opening hours, the queue's time left, booking
 * windows. `OVI_CLOCK` starts it at a chosen moment so that out-of-hours, holidays and
 * deadlines can be shown and tested from outside; it then runs at the normal pace.
 *
 * Technical time stays real on purpose: record versions (meta.lastUpdated), audit records and
 * token expiry say when something really happened, whatever the demo clock shows.
 * The offset is configuration, read once per process from the environment, so every server
 * process on one database agrees when they are started with the same value.
 */
let offsetMs = 0;

/** Starts the clock at `start` (undefined: real time again). */
export function startClockAt(start: Date | undefined): void {
  offsetMs = start ? start.getTime() - Date.now() : 0;
}

export function nowMs(): number {
  return Date.now() + offsetMs;
}

export function now(): Date {
  return new Date(nowMs());
}

/** Whether the clock is shifted (shown in /healthz so nobody mistakes a demo clock for real time). */
export function clockShifted(): boolean {
  return offsetMs !== 0;
}

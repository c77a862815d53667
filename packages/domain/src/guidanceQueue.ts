/** Ordering of the guidance queue: urgency first (safety), then the earliest deadline. */
import { URGENCIES, type Urgency } from './types';

export type TaskPriority = 'stat' | 'asap' | 'routine';

/** 0 = most urgent (emergent) … 3 = self-care. */
export function urgencyRank(u: Urgency): number {
  const rank = URGENCIES.indexOf(u);
  if (rank < 0) throw new RangeError(`Unknown urgency "${String(u)}"`);
  return rank;
}

/** FHIR Task.priority for an urgency class. */
export function taskPriorityFor(u: Urgency): TaskPriority {
  switch (u) {
    case 'emergent':
      return 'stat';
    case 'urgent':
      return 'asap';
    case 'non-urgent':
    case 'self-care':
      return 'routine';
    default:
      throw new RangeError(`Unknown urgency "${String(u)}"`);
  }
}

function deadlineMs(deadline: string | Date): number {
  const ms = deadline instanceof Date ? deadline.getTime() : Date.parse(deadline);
  // An unreadable deadline sorts last within its urgency rather than breaking the sort.
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** A sorted copy: most urgent first, then earliest deadline; equal items keep their order. */
export function sortQueue<T extends { urgency: Urgency; deadline: string | Date }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index, rank: urgencyRank(item.urgency), ms: deadlineMs(item.deadline) }))
    .sort((a, b) => a.rank - b.rank || (a.ms === b.ms ? 0 : a.ms < b.ms ? -1 : 1) || a.index - b.index)
    .map(({ item }) => item);
}

/** Whole minutes left until the deadline, rounded down; negative once overdue. */
export function minutesLeft(deadline: Date, now: Date): number {
  return Math.floor((deadline.getTime() - now.getTime()) / 60_000);
}

/**
 * Secure messages as threads. A thread starts with a message that answers no other; every
 * later message names the first in the `message-thread` extension (and the one it answers in
 * `inResponseTo`). A professional's answer to any other contact (a `$resolve` reply) is a
 * thread of its own, so the resident finds every answer in one place.
 */
import type { Communication } from '@medplum/fhirtypes';
import { OVI_FHIR_BASE } from '../codes';

export const MESSAGE_THREAD_EXTENSION = `${OVI_FHIR_BASE}/StructureDefinition/message-thread`;
/** Who opened a message first (the time is `Communication.received`). */
export const MESSAGE_READ_BY_EXTENSION = `${OVI_FHIR_BASE}/StructureDefinition/message-read-by`;

/** The longest message text: a letter, not a document (those go as attachments). */
export const MAX_MESSAGE_TEXT = 4000;
/** Attachments per message. */
export const MAX_MESSAGE_ATTACHMENTS = 5;

/** `Communication/<id>` of the thread's first message. */
export function threadOf(message: Communication): string {
  const root = message.extension?.find((e) => e.url === MESSAGE_THREAD_EXTENSION)?.valueReference?.reference;
  return root ?? `Communication/${message.id ?? ''}`;
}

/** Whether a client (or someone acting for them: a guardian, a representative) wrote it. */
export function fromClientSide(message: Communication): boolean {
  const sender = message.sender?.reference ?? '';
  return sender.startsWith('Patient/') || sender.startsWith('RelatedPerson/');
}

/** Which side is reading: the client's (resident, guardian, representative) or the professionals'. */
export type Side = 'client' | 'staff';

/** Sent to this side and not yet opened by it. */
export function isUnreadBy(message: Communication, side: Side): boolean {
  if (message.received) return false;
  return side === 'client' ? !fromClientSide(message) : fromClientSide(message);
}

export interface Thread {
  /** `Communication/<id>` of the first message. */
  id: string;
  /** Oldest first. */
  messages: Communication[];
  /** The newest message's time (sent). */
  lastAt: string;
  unread: number;
}

const sentOf = (m: Communication): string => m.sent ?? m.meta?.lastUpdated ?? '';

/** Messages grouped into threads, newest thread first, each oldest message first. */
export function groupThreads(messages: Communication[], side: Side): Thread[] {
  const byThread = new Map<string, Communication[]>();
  for (const m of messages) {
    const id = threadOf(m);
    byThread.set(id, [...(byThread.get(id) ?? []), m]);
  }
  const threads = [...byThread.entries()].map(([id, list]): Thread => {
    const sorted = [...list].sort((a, b) => sentOf(a).localeCompare(sentOf(b)) || (a.id ?? '').localeCompare(b.id ?? ''));
    return { id, messages: sorted, lastAt: sentOf(sorted[sorted.length - 1] as Communication), unread: sorted.filter((m) => isUnreadBy(m, side)).length };
  });
  return threads.sort((a, b) => b.lastAt.localeCompare(a.lastAt) || a.id.localeCompare(b.id));
}

/** Unread messages over all threads. */
export function unreadCount(messages: Communication[], side: Side): number {
  return messages.filter((m) => isUnreadBy(m, side)).length;
}

/** The text of a message (its first text part). */
export function messageText(message: Communication): string {
  return message.payload?.find((p) => typeof p.contentString === 'string')?.contentString ?? '';
}

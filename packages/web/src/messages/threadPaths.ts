/** Where a thread opens, and what it is called in lists. */
import type { Thread } from '@ovi/domain/src/messages/threads';
import { fromClientSide } from '@ovi/domain/src/messages/threads';

export const MESSAGES_PATH = '/messages';

export const threadPath = (threadId: string) => `${MESSAGES_PATH}/${encodeURIComponent(threadId.replace(/^Communication\//, ''))}`;

/** The other party: whom the client first wrote to, or the professional who first wrote. */
export function threadTitle(thread: Thread, fallback: string): string {
  const first = thread.messages[0];
  if (!first) return fallback;
  return (fromClientSide(first) ? first.recipient?.[0]?.display : first.sender?.display) ?? fallback;
}

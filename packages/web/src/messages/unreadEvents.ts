/** The navigation's unread count listens for messages opened elsewhere on the page. */
const EVENT = 'ovi:unread-messages-changed';

export function announceUnreadChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onUnreadChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}

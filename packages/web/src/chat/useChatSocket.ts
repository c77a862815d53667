/**
 * One chat's WebSocket as React state: the messages (each once, by id, also after a
 * reconnect replays the history), the queue position, who joined, "typing…", the safety
 * advice or flag, and how the chat ended. A lost connection is re-opened a few times.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResidentNote } from '../api/residentNotes';
import { chatSocketUrl } from './chat.resource';

export interface ChatLine {
  id: string;
  from: 'resident' | 'professional';
  text: string;
  at: string;
}

export type ChatEnd = { kind: 'closed'; outcome?: string; note?: string } | { kind: 'service-closed'; kept: boolean; opensAt?: string };

export interface ChatView {
  lines: ChatLine[];
  position?: number;
  joined?: string;
  otherTyping: boolean;
  advice: ResidentNote[];
  flagged?: { urgency: string; words: string[] };
  ended?: ChatEnd;
  /** The resident left (shown to the professional, who still closes the chat). */
  left?: boolean;
  /** `gone`: the chat cannot be reached any more (it has ended, or the connection stays down). */
  connection: 'connecting' | 'open' | 'lost' | 'gone';
  problem?: string;
}

const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2000;
const RECONNECTS = 5;
/** The server's "connect again to catch up" (service restart), after it missed events. */
const RESUME_CLOSE_CODE = 1012;

export function useChatSocket(id: string, key: { token: string } | 'session', side: 'resident' | 'professional') {
  const [view, setView] = useState<ChatView>({ lines: [], otherTyping: false, advice: [], connection: 'connecting' });
  const socket = useRef<WebSocket | undefined>(undefined);
  const lastTyping = useRef(0);
  const keyText = key === 'session' ? 'session' : key.token;

  useEffect(() => {
    let stopped = false;
    let attempts = 0;
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    let everOpened = false;
    const connect = () => {
      const ws = new WebSocket(chatSocketUrl(id, keyText === 'session' ? 'session' : { token: keyText }));
      socket.current = ws;
      ws.onopen = () => {
        attempts = 0;
        everOpened = true;
        setView((v) => ({ ...v, connection: 'open' }));
      };
      ws.onmessage = (event) => {
        const frame = JSON.parse(String(event.data));
        if (frame.type === 'closed' || frame.type === 'service-closed') ended = true;
        if (frame.type === 'typing') {
          clearTimeout(typingTimer);
          typingTimer = setTimeout(() => setView((v) => ({ ...v, otherTyping: false })), TYPING_SHOWN_MS);
        }
        setView((v) => apply(v, frame, side));
      };
      ws.onclose = (event) => {
        if (stopped || ended) return;
        // A chat refused from the start (ended meanwhile, e.g. on returning to the page) is not retried long.
        const limit = everOpened ? RECONNECTS : 1;
        if (attempts++ < limit) {
          // 1012: the server asks to connect again to catch up (it missed events); at once, quietly.
          if (event.code === RESUME_CLOSE_CODE) return connect();
          setView((v) => ({ ...v, connection: 'lost' }));
          setTimeout(() => !stopped && connect(), 1000 * attempts);
        } else {
          setView((v) => ({ ...v, connection: 'gone' }));
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(typingTimer);
      socket.current?.close();
    };
  }, [id, keyText, side]);

  const sendText = useCallback((text: string) => {
    socket.current?.send(JSON.stringify({ type: 'message', text }));
  }, []);
  const typing = useCallback(() => {
    if (Date.now() - lastTyping.current < TYPING_SENT_EVERY_MS) return;
    lastTyping.current = Date.now();
    if (socket.current?.readyState === WebSocket.OPEN) socket.current.send(JSON.stringify({ type: 'typing' }));
  }, []);
  return { view, sendText, typing };
}

function apply(v: ChatView, frame: any, side: 'resident' | 'professional'): ChatView {
  switch (frame.type) {
    case 'message':
      if (v.lines.some((l) => l.id === frame.id)) return v;
      return { ...v, lines: [...v.lines, { id: frame.id, from: frame.from, text: frame.text, at: frame.at }], otherTyping: frame.from === side ? v.otherTyping : false };
    case 'typing':
      return { ...v, otherTyping: frame.from !== side };
    case 'queue':
      return { ...v, position: frame.position };
    case 'joined':
      return { ...v, joined: frame.name, position: undefined };
    case 'advice':
      return { ...v, advice: frame.notes ?? [] };
    case 'flagged':
      return { ...v, flagged: { urgency: frame.urgency, words: frame.words } };
    case 'closed':
      return { ...v, ended: { kind: 'closed', outcome: frame.outcome, note: frame.note }, otherTyping: false };
    case 'service-closed':
      return { ...v, ended: { kind: 'service-closed', kept: frame.kept, opensAt: frame.opensAt }, otherTyping: false };
    case 'left':
      return { ...v, left: true, otherTyping: false };
    case 'error':
      return { ...v, problem: frame.text };
    default:
      return v;
  }
}

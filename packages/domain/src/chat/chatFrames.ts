/**
 * What travels over a chat's WebSocket. In: a message or "typing…" from either side. Out: the
 * same, plus the queue position, the professional joining, the safety advice and flag, and the
 * chat closing. Frames in are parsed here so that a bad frame is refused the same way on every
 * server process.
 */
import type { ResidentNote } from '../residentAdvice';
import type { AdviceKind, Urgency } from '../types';

export type ChatSide = 'resident' | 'professional';

export type InboundFrame = { type: 'message'; text: string } | { type: 'typing' };

export type OutboundFrame =
  | { type: 'message'; id: string; from: ChatSide; text: string; at: string }
  | { type: 'typing'; from: ChatSide }
  | { type: 'queue'; position: number }
  | { type: 'joined'; name: string }
  /** To the resident: what to do now, life-saving call first. */
  | { type: 'advice'; advice: AdviceKind[]; notes: ResidentNote[] }
  /** To the professional: danger words raised the chat's urgency. */
  | { type: 'flagged'; urgency: Urgency; words: string[] }
  /** The service closed while the chat was still waiting; `kept` when the contact stays for an answer by message. */
  | { type: 'service-closed'; kept: boolean; opensAt?: string }
  /** To the professional: the resident left the chat (the professional still closes it with an outcome). */
  | { type: 'left' }
  /** The chat has ended; `note` is the professional's closing note to the resident. */
  | { type: 'closed'; outcome?: string; note?: string }
  | { type: 'error'; text: string };

/** The frame when it is one we take, else why not (sent back as an error frame). */
export function parseInboundFrame(raw: string, maxText: number): { frame?: InboundFrame; problem?: string } {
  if (raw.length > maxText * 2 + 200) return { problem: `The message is longer than ${maxText} characters` };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { problem: 'A frame must be JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'A frame must be a JSON object' };
  const frame = value as Record<string, unknown>;
  if (frame.type === 'typing') return Object.keys(frame).length === 1 ? { frame: { type: 'typing' } } : { problem: 'A typing frame has only its type' };
  if (frame.type !== 'message') return { problem: 'The frame type must be "message" or "typing"' };
  const extra = Object.keys(frame).find((k) => k !== 'type' && k !== 'text');
  if (extra) return { problem: `Unknown field '${extra.slice(0, 40)}' in a message frame` };
  if (typeof frame.text !== 'string' || frame.text.trim() === '') return { problem: 'A message frame needs its text' };
  const text = frame.text.trim();
  if (text.length > maxText) return { problem: `The message is longer than ${maxText} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { problem: 'The message must not contain control characters' };
  return { frame: { type: 'message', text } };
}

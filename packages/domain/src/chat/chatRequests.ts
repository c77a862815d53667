/** The bodies of the chat's HTTP requests: opening a chat, taking the next one, closing one. */
import { GUIDANCE_OUTCOMES, type GuidanceOutcome } from '../types';
import { MAX_CHAT_TOPIC } from './chatServices';
import type { FieldIssue } from '../helpRequests/helpRequest';

export interface ChatRequest {
  service: string;
  topic: string;
}

export interface ChatClosing {
  outcome: GuidanceOutcome;
  note: string;
}

export const MAX_CHAT_NOTE = 4000;


function fields(body: unknown, known: string[]): { b?: Record<string, unknown>; issues: FieldIssue[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { issues: [{ field: '', message: 'The body must be a JSON object' }] };
  const b = body as Record<string, unknown>;
  const issues = Object.keys(b)
    .filter((k) => !known.includes(k))
    .map((k) => ({ field: k.slice(0, 40), message: `Unknown field '${k.slice(0, 40)}' (known: ${known.join(', ')})` }));
  return { b, issues };
}

function text(b: Record<string, unknown>, field: string, max: number, issues: FieldIssue[]): string {
  const v = b[field];
  if (typeof v !== 'string' || v.trim() === '') {
    issues.push({ field, message: `${field} is required text` });
    return '';
  }
  if (v.trim().length > max) issues.push({ field, message: `${field} is longer than ${max} characters` });
  return v.trim();
}

/** `POST /api/chat`: which service and what about (a line, scanned for danger words like every message). */
export function parseChatRequest(body: unknown): { request?: ChatRequest; issues: FieldIssue[] } {
  const { b, issues } = fields(body, ['service', 'topic']);
  if (!b) return { issues };
  const service = text(b, 'service', 40, issues);
  const topic = text(b, 'topic', MAX_CHAT_TOPIC, issues);
  return issues.length > 0 ? { issues } : { request: { service, topic }, issues };
}

/** `POST /api/chat/next`: the service whose queue the professional takes from. */
export function parseNextRequest(body: unknown): { service?: string; issues: FieldIssue[] } {
  const { b, issues } = fields(body, ['service']);
  if (!b) return { issues };
  const service = text(b, 'service', 40, issues);
  return issues.length > 0 ? { issues } : { service, issues };
}

/** `POST /api/chat/{id}/close`: the outcome, as for any contact, and the note to the resident. */
export function parseChatClosing(body: unknown): { closing?: ChatClosing; issues: FieldIssue[] } {
  const { b, issues } = fields(body, ['outcome', 'note']);
  if (!b) return { issues };
  const outcome = b.outcome;
  // Routing and booking need a target and a visit: the chat's contact is resolved with $resolve for those.
  const allowed: GuidanceOutcome[] = GUIDANCE_OUTCOMES.filter((o) => o !== 'routed' && o !== 'booked');
  if (typeof outcome !== 'string' || !(allowed as string[]).includes(outcome)) issues.push({ field: 'outcome', message: `outcome must be one of ${allowed.join(', ')}` });
  const note = text(b, 'note', MAX_CHAT_NOTE, issues);
  return issues.length > 0 ? { issues } : { closing: { outcome: outcome as GuidanceOutcome, note }, issues };
}

/** A chat a professional took (`POST /api/chat/next`): declared once for the server and the web app. */
export interface TakenChat {
  id: string;
  taskId: string;
  service: string;
  topic: string;
  urgency: string;
  anonymous: boolean;
  client: string;
}

/**
 * Secure messages over the API: threads (`Communication` searches grouped by the domain's
 * `groupThreads`), whom one may write to, uploads (`Binary`, raw body), sending, and opening
 * (`$read`). The server checks everything again; the checks here only spare a wasted upload.
 */
import type { Bundle, Communication } from '@medplum/fhirtypes';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '@ovi/domain/src/messages/attachmentType';
import { groupThreads, unreadCount, type Side, type Thread } from '@ovi/domain/src/messages/threads';
import { isChatLine } from '@ovi/domain/src/chat/chatLines';
import { ApiError, api, tokenStore } from '../api/client';
import { FHIR_BASE, resourcesOf } from '../api/fhir';
import { fetchMyPrincipals } from '../api/principals.resource';

export interface Recipient {
  reference: string;
  kind: 'team' | 'professional' | 'service';
  name: string;
  profession?: string;
}

/** A thread with whom it is about when the resident writes for someone else. */
export interface ResidentThread extends Thread {
  subject: string;
  about?: string;
}

export async function fetchMessages(subject: string, headers?: Record<string, string>): Promise<Communication[]> {
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Communication?subject=${encodeURIComponent(subject)}&_count=100`, headers);
  // A chat's lines are its transcript (shown under the chat), not message threads.
  return resourcesOf<Communication>(bundle, 'Communication').filter((c) => !isChatLine(c));
}

/** The resident's threads: their own, and those of everyone they act for (a child, an adult who authorised them). */
export async function fetchResidentThreads(self: string): Promise<ResidentThread[]> {
  const principals = await fetchMyPrincipals().catch(() => []);
  const lists = await Promise.all([
    fetchMessages(self).then((m) => groupThreads(m, 'client').map((t): ResidentThread => ({ ...t, subject: self }))),
    ...principals.map((p) =>
      fetchMessages(p.reference)
        .then((m) => groupThreads(m, 'client').map((t): ResidentThread => ({ ...t, subject: p.reference, about: p.name || p.reference })))
        .catch((): ResidentThread[] => []),
    ),
  ]);
  return lists.flat().sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}

/** Unread messages to the resident and to those they act for. */
export async function fetchUnreadCount(self: string, side: Side = 'client'): Promise<number> {
  const threads = await fetchResidentThreads(self);
  return threads.reduce((n, t) => n + unreadCount(t.messages, side), 0);
}

export async function fetchRecipients(subject: string): Promise<Recipient[]> {
  const answer = await api.get<{ recipients: Recipient[] }>(`/api/messages/recipients?subject=${encodeURIComponent(subject)}`);
  return answer.recipients;
}

/** Why a file cannot be attached, before it is sent (the server decides again from its content). */
export type FileProblem = 'too-large' | 'wrong-type' | 'empty';

export function fileProblem(file: File): FileProblem | undefined {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'too-large';
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'wrong-type';
  return undefined;
}

/** Uploads one file as it is; answers `Binary/<id>`. */
export async function uploadAttachment(file: File): Promise<string> {
  const token = tokenStore.get();
  let response: Response;
  try {
    response = await fetch(`${FHIR_BASE}/Binary`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/fhir+json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
  } catch {
    throw new ApiError(0, []);
  }
  const body = (await response.json().catch(() => null)) as { id?: string; issue?: Array<{ details?: { text?: string }; diagnostics?: string }> } | null;
  if (!response.ok || !body?.id) {
    throw new ApiError(response.status, (body?.issue ?? []).map((i) => ({ message: i.details?.text ?? i.diagnostics ?? '', expression: [] })));
  }
  return `Binary/${body.id}`;
}

export interface Sent {
  message: Communication;
  /** What the writer must be told at once (e.g. call-112), from the danger-word scan. */
  advice: string[];
}

export async function sendMessage(draft: { subject: string; recipient?: string; inResponseTo?: string; text: string; attachments: Array<{ url: string; title: string }> }): Promise<Sent> {
  const body: Communication = {
    resourceType: 'Communication',
    status: 'completed',
    subject: { reference: draft.subject },
    ...(draft.recipient ? { recipient: [{ reference: draft.recipient }] } : {}),
    ...(draft.inResponseTo ? { inResponseTo: [{ reference: draft.inResponseTo }] } : {}),
    payload: [{ contentString: draft.text }, ...draft.attachments.map((a) => ({ contentAttachment: { url: a.url, title: a.title } }))],
  };
  const { data, headers } = await api.post<Communication>(`${FHIR_BASE}/Communication`, body);
  const advice = (headers.get('X-Ovi-Advice') ?? '').split(',').filter(Boolean);
  return { message: data, advice };
}

/** The recipient has opened the message. */
export async function markRead(id: string, headers?: Record<string, string>): Promise<void> {
  await api.post(`${FHIR_BASE}/Communication/${encodeURIComponent(id)}/$read`, {}, headers);
}

/** Fetches an attachment (with the session's token) and hands it to the browser to save or open. */
export async function openAttachment(url: string, title: string, headers?: Record<string, string>): Promise<void> {
  const token = tokenStore.get();
  const response = await fetch(`${FHIR_BASE}/${url}`, { headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  if (!response.ok) throw new ApiError(response.status, []);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = title;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * What a writer may put in a new message, checked before anything is stored: one text of at
 * most MAX_MESSAGE_TEXT characters, up to MAX_MESSAGE_ATTACHMENTS uploaded files (`Binary/<id>`),
 * whom it is about (`subject`), and either whom it is for (`recipient`, a new thread) or which
 * message it answers (`inResponseTo`, a reply: the thread decides the recipient). Everything
 * else about a message (sender, time, status, thread, register) is Ovi's to set.
 */
import type { Communication } from '@medplum/fhirtypes';
import { MAX_MESSAGE_ATTACHMENTS, MAX_MESSAGE_TEXT } from './threads';

export const RECIPIENT_TYPES = ['CareTeam', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Patient'] as const;

export interface MessageDraft {
  subject: string;
  text: string;
  /** `Binary/<id>` with the title the writer gave, if any. */
  attachments: Array<{ binary: string; title?: string }>;
  /** Set for a new thread. */
  recipient?: string;
  /** `Communication/<id>` answered; set for a reply. */
  inResponseTo?: string;
}

export interface DraftIssue {
  message: string;
  expression: string;
}

const ID = '[A-Za-z0-9\\-.]{1,64}';
const reference = (types: readonly string[]) => new RegExp(`^(${types.join('|')})/${ID}$`);
const MAX_TITLE = 200;

/** The draft, or every problem found (a form can show them all at once). */
export function parseMessageDraft(message: Communication): { draft?: MessageDraft; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  const issue = (expression: string, text: string) => issues.push({ expression, message: text });
  if (message.status !== undefined && message.status !== 'completed') issue('Communication.status', "A message is sent with status 'completed' (or without a status)");
  const subject = message.subject?.reference ?? '';
  if (!/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(subject)) issue('Communication.subject', 'subject must name the client the message is about (Patient/<id>)');
  const texts = (message.payload ?? []).filter((p) => p.contentString !== undefined);
  const text = (texts[0]?.contentString ?? '').trim();
  if (texts.length !== 1) issue('Communication.payload', 'A message has exactly one text part (payload.contentString)');
  else if (!text) issue('Communication.payload.contentString', 'The message is empty');
  else if (text.length > MAX_MESSAGE_TEXT) issue('Communication.payload.contentString', `The message is longer than ${MAX_MESSAGE_TEXT} characters`);
  if ((message.payload ?? []).some((p) => p.contentReference !== undefined)) issue('Communication.payload', 'Attach files as payload.contentAttachment with the url Binary/<id> of an upload');
  const attachments: MessageDraft['attachments'] = [];
  for (const part of (message.payload ?? []).filter((p) => p.contentAttachment !== undefined)) {
    const url = part.contentAttachment?.url ?? '';
    const title = part.contentAttachment?.title?.trim();
    if (!reference(['Binary']).test(url)) issue('Communication.payload.contentAttachment.url', `An attachment's url must be Binary/<id> of an upload, got '${url.slice(0, 80)}'`);
    else if (part.contentAttachment?.data !== undefined) issue('Communication.payload.contentAttachment.data', 'Upload the file first (POST /fhir/R4/Binary) and refer to it by url');
    else if (title && title.length > MAX_TITLE) issue('Communication.payload.contentAttachment.title', `An attachment's name is longer than ${MAX_TITLE} characters`);
    else if (attachments.some((a) => a.binary === url)) issue('Communication.payload.contentAttachment.url', `${url} is attached twice`);
    else attachments.push({ binary: url, ...(title ? { title } : {}) });
  }
  if (attachments.length > MAX_MESSAGE_ATTACHMENTS) issue('Communication.payload', `At most ${MAX_MESSAGE_ATTACHMENTS} attachments per message`);
  const recipients = message.recipient ?? [];
  const answered = message.inResponseTo ?? [];
  if (answered.length > 1) issue('Communication.inResponseTo', 'A reply answers one message');
  const inResponseTo = answered[0]?.reference;
  if (answered.length === 1 && !reference(['Communication']).test(inResponseTo ?? '')) issue('Communication.inResponseTo', 'inResponseTo must name a message (Communication/<id>)');
  if (answered.length === 0 && recipients.length !== 1) issue('Communication.recipient', 'A new message has exactly one recipient: a team, a professional or a service');
  const recipient = recipients[0]?.reference ?? '';
  if (recipients.length === 1 && !reference(RECIPIENT_TYPES).test(recipient)) {
    issue('Communication.recipient', `recipient must be a CareTeam, Practitioner, PractitionerRole, HealthcareService or Patient reference, got '${recipient.slice(0, 80)}'`);
  }
  if (answered.length > 0 && recipients.length > 0) issue('Communication.recipient', 'A reply goes to the thread it answers: leave recipient out');
  if (issues.length > 0) return { issues };
  return {
    draft: { subject, text, attachments, ...(answered.length === 0 ? { recipient } : {}), ...(inResponseTo ? { inResponseTo } : {}) },
    issues,
  };
}

import type { Communication } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { defaultSafetyScreen } from '../safety/defaultSafetyScreen';
import { MAX_ATTACHMENT_BYTES, checkUpload, mediaTypeOf, sniffAttachmentType } from './attachmentType';
import { defaultMessageSettings, messageDeadline, validateMessageSettings } from './messageDeadline';
import { parseMessageDraft } from './messageDraft';
import { moreUrgent, triageMessage } from './messageSafety';
import { MESSAGE_THREAD_EXTENSION, fromClientSide, groupThreads, isUnreadBy, messageText, threadOf, unreadCount } from './threads';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n');
const HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>');

describe('attachment types from content', () => {
  it('knows JPEG, PNG and PDF by their first bytes and nothing else', () => {
    expect(sniffAttachmentType(PNG)).toBe('image/png');
    expect(sniffAttachmentType(JPEG)).toBe('image/jpeg');
    expect(sniffAttachmentType(PDF)).toBe('application/pdf');
    expect(sniffAttachmentType(HTML)).toBeUndefined();
    expect(sniffAttachmentType(Uint8Array.from([0x89, 0x50]))).toBeUndefined(); // a cut signature
    expect(sniffAttachmentType(new Uint8Array())).toBeUndefined();
  });

  it('reads the media type of a header', () => {
    expect(mediaTypeOf('Image/PNG; name=x')).toBe('image/png');
    expect(mediaTypeOf(undefined)).toBe('');
  });

  it('accepts a file whose content is what was declared', () => {
    expect(checkUpload('image/png', PNG)).toEqual({ ok: true, contentType: 'image/png', size: PNG.length });
    expect(checkUpload('application/pdf; charset=binary', PDF)).toMatchObject({ ok: true, contentType: 'application/pdf' });
  });

  it('refuses an empty file, a file over 10 MB, other types and disguised files', () => {
    expect(checkUpload('image/png', new Uint8Array())).toMatchObject({ ok: false, status: 400 });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PNG);
    expect(checkUpload('image/png', big)).toMatchObject({ ok: false, status: 413 });
    const limit = new Uint8Array(MAX_ATTACHMENT_BYTES);
    limit.set(PNG);
    expect(checkUpload('image/png', limit)).toMatchObject({ ok: true });
    expect(checkUpload('text/html', HTML)).toMatchObject({ ok: false, status: 415 });
    expect(checkUpload(undefined, PNG)).toMatchObject({ ok: false, status: 415 });
    // A web page renamed to .jpg, and a PNG sent as a JPEG.
    expect(checkUpload('image/jpeg', HTML)).toMatchObject({ ok: false, status: 415, reason: expect.stringContaining('not a JPEG') });
    expect(checkUpload('image/jpeg', PNG)).toMatchObject({ ok: false, status: 415, reason: expect.stringContaining('PNG image but was sent as JPEG') });
  });
});

describe('message drafts', () => {
  const base: Communication = { resourceType: 'Communication', status: 'completed', subject: { reference: 'Patient/p1' }, recipient: [{ reference: 'CareTeam/team-1' }], payload: [{ contentString: '  Hei, kysyisin reseptistä. ' }] };

  it('takes a new message with its recipient and trimmed text', () => {
    expect(parseMessageDraft(base)).toEqual({ draft: { subject: 'Patient/p1', text: 'Hei, kysyisin reseptistä.', attachments: [], recipient: 'CareTeam/team-1' }, issues: [] });
  });

  it('takes a reply without recipient, and attachments by Binary url', () => {
    const reply: Communication = { ...base, recipient: undefined, inResponseTo: [{ reference: 'Communication/c1' }], payload: [{ contentString: 'Kiitos' }, { contentAttachment: { url: 'Binary/b1', title: ' kuva.jpg ' } }] };
    expect(parseMessageDraft(reply).draft).toEqual({ subject: 'Patient/p1', text: 'Kiitos', attachments: [{ binary: 'Binary/b1', title: 'kuva.jpg' }], inResponseTo: 'Communication/c1' });
  });

  it.each<[string, Partial<Communication>, string]>([
    ['no subject', { subject: undefined }, 'Communication.subject'],
    ['a subject that is not a client', { subject: { reference: 'Practitioner/x' } }, 'Communication.subject'],
    ['no text', { payload: [] }, 'Communication.payload'],
    ['two texts', { payload: [{ contentString: 'a' }, { contentString: 'b' }] }, 'Communication.payload'],
    ['only spaces', { payload: [{ contentString: '   ' }] }, 'Communication.payload.contentString'],
    ['too long', { payload: [{ contentString: 'x'.repeat(4001) }] }, 'Communication.payload.contentString'],
    ['a status other than completed', { status: 'in-progress' }, 'Communication.status'],
    ['no recipient', { recipient: [] }, 'Communication.recipient'],
    ['two recipients', { recipient: [{ reference: 'CareTeam/a' }, { reference: 'CareTeam/b' }] }, 'Communication.recipient'],
    ['a recipient of a wrong type', { recipient: [{ reference: 'Organization/o' }] }, 'Communication.recipient'],
    ['an absolute recipient', { recipient: [{ reference: 'http://evil.example/CareTeam/a' }] }, 'Communication.recipient'],
    ['a reply with a recipient', { inResponseTo: [{ reference: 'Communication/c1' }] }, 'Communication.recipient'],
    ['a reply to something else', { recipient: undefined, inResponseTo: [{ reference: 'Task/t1' }] }, 'Communication.inResponseTo'],
    ['a reply to two', { recipient: undefined, inResponseTo: [{ reference: 'Communication/a' }, { reference: 'Communication/b' }] }, 'Communication.inResponseTo'],
    ['an attachment by other url', { payload: [{ contentString: 'a' }, { contentAttachment: { url: 'https://x/y.png' } }] }, 'Communication.payload.contentAttachment.url'],
    ['an attachment with inline data', { payload: [{ contentString: 'a' }, { contentAttachment: { url: 'Binary/b', data: 'AAAA' } }] }, 'Communication.payload.contentAttachment.data'],
    ['the same attachment twice', { payload: [{ contentString: 'a' }, { contentAttachment: { url: 'Binary/b' } }, { contentAttachment: { url: 'Binary/b' } }] }, 'Communication.payload.contentAttachment.url'],
    ['six attachments', { payload: [{ contentString: 'a' }, ...[1, 2, 3, 4, 5, 6].map((i) => ({ contentAttachment: { url: `Binary/b${i}` } }))] }, 'Communication.payload'],
    ['a contentReference', { payload: [{ contentString: 'a' }, { contentReference: { reference: 'Task/t' } }] }, 'Communication.payload'],
  ])('refuses %s', (_name, change, expression) => {
    const parsed = parseMessageDraft({ ...base, ...change } as Communication);
    expect(parsed.draft).toBeUndefined();
    expect(parsed.issues.map((i) => i.expression)).toContain(expression);
  });
});

describe('danger words in a message', () => {
  const screen = defaultSafetyScreen;

  it('raises a message about pressing chest pain to emergent with 112 first', () => {
    const t = triageMessage('Minulla on puristava kipu rinnassa ja vasen käsi puutuu', screen);
    expect(t.urgency).toBe('emergent');
    expect(t.raised).toBe(true);
    expect(t.advice[0]).toBe('call-112');
    expect(t.textMatches.length).toBeGreaterThan(0);
  });

  it('finds Swedish and English too', () => {
    expect(triageMessage('I have crushing chest pain', screen).urgency).toBe('emergent');
    expect(triageMessage('Jag har ont i bröstet', screen).raised).toBe(true);
  });

  it('leaves an everyday message non-urgent without advice', () => {
    expect(triageMessage('Voisinko saada reseptin uusittua?', screen)).toEqual({ urgency: 'non-urgent', raised: false, textMatches: [], advice: [] });
  });

  it('never lowers: an urgent base stays urgent without danger words', () => {
    expect(triageMessage('Kiitos vastauksesta', screen, 'urgent')).toMatchObject({ urgency: 'urgent', raised: false });
    expect(moreUrgent('urgent', 'non-urgent', 'self-care')).toBe('urgent');
    expect(moreUrgent('non-urgent', 'emergent')).toBe('emergent');
  });
});

describe('message deadlines in working days', () => {
  it('gives two working days by default, skipping the weekend', () => {
    // Thursday 2026-03-05 → Monday 2026-03-09, end of day.
    expect(messageDeadline(new Date('2026-03-05T10:00:00+02:00'), 'non-urgent', defaultMessageSettings).toISOString()).toBe('2026-03-09T21:59:59.999Z');
  });

  it('skips public holidays (Easter 2026: Good Friday 3.4., Easter Monday 6.4.)', () => {
    expect(messageDeadline(new Date('2026-04-02T09:00:00+03:00'), 'non-urgent', defaultMessageSettings).toISOString()).toBe('2026-04-08T20:59:59.999Z');
  });

  it('counts from the Helsinki day (half past midnight is already the next day)', () => {
    expect(messageDeadline(new Date('2026-03-02T22:30:00Z'), 'non-urgent', { replyWorkingDays: 1 }).toISOString()).toBe('2026-03-04T21:59:59.999Z');
  });

  it('gives a raised message the same working day, or the next one at a weekend', () => {
    expect(messageDeadline(new Date('2026-03-05T10:00:00+02:00'), 'emergent', defaultMessageSettings).toISOString()).toBe('2026-03-05T21:59:59.999Z');
    expect(messageDeadline(new Date('2026-03-07T10:00:00+02:00'), 'urgent', defaultMessageSettings).toISOString()).toBe('2026-03-09T21:59:59.999Z');
  });

  it('validates the settings', () => {
    expect(validateMessageSettings({ replyWorkingDays: 3 })).toEqual({ settings: { replyWorkingDays: 3 }, errors: [] });
    for (const bad of [null, [], 'x', {}, { replyWorkingDays: 0 }, { replyWorkingDays: 11 }, { replyWorkingDays: 1.5 }, { replyWorkingDays: '2' }, { replyWorkingDays: 2, extra: 1 }]) {
      const checked = validateMessageSettings(bad);
      expect(checked.settings).toBeUndefined();
      expect(checked.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('threads and read status', () => {
  const msg = (id: string, sent: string, sender: string, extra: Partial<Communication> = {}): Communication => ({
    resourceType: 'Communication',
    id,
    status: 'completed',
    sent,
    sender: { reference: sender },
    payload: [{ contentString: `text ${id}` }],
    ...extra,
  });
  const inThread = (root: string) => ({ extension: [{ url: MESSAGE_THREAD_EXTENSION, valueReference: { reference: `Communication/${root}` } }] });
  const first = msg('a', '2026-03-01T10:00:00Z', 'Patient/p1');
  const answer = msg('b', '2026-03-02T10:00:00Z', 'PractitionerRole/r1', { ...inThread('a'), inResponseTo: [{ reference: 'Communication/a' }] });
  const again = msg('c', '2026-03-03T10:00:00Z', 'RelatedPerson/rp1', { ...inThread('a'), received: '2026-03-03T11:00:00Z' });
  const other = msg('d', '2026-03-02T12:00:00Z', 'Practitioner/x');

  it('knows the thread and the side of a message', () => {
    expect(threadOf(first)).toBe('Communication/a');
    expect(threadOf(answer)).toBe('Communication/a');
    expect(fromClientSide(first)).toBe(true);
    expect(fromClientSide(again)).toBe(true);
    expect(fromClientSide(answer)).toBe(false);
    expect(messageText(answer)).toBe('text b');
  });

  it('counts as unread only what the other side sent and nobody of this side has opened', () => {
    expect(isUnreadBy(answer, 'client')).toBe(true);
    expect(isUnreadBy(answer, 'staff')).toBe(false);
    expect(isUnreadBy(first, 'staff')).toBe(true);
    expect(isUnreadBy(again, 'staff')).toBe(false);
    expect(unreadCount([first, answer, again, other], 'client')).toBe(2);
    expect(unreadCount([first, answer, again, other], 'staff')).toBe(1);
  });

  it('groups messages into threads, newest thread first, oldest message first', () => {
    const threads = groupThreads([again, other, answer, first], 'client');
    expect(threads.map((t) => t.id)).toEqual(['Communication/a', 'Communication/d']);
    expect(threads[0]?.messages.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(threads[0]).toMatchObject({ lastAt: '2026-03-03T10:00:00Z', unread: 1 });
    expect(threads[1]).toMatchObject({ unread: 1 });
    expect(groupThreads([], 'staff')).toEqual([]);
  });
});

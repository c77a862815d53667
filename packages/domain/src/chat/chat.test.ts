import { describe, expect, it } from 'vitest';
import { helsinkiTime } from '../helsinkiTime';
import { chatServiceById, chatServiceState, defaultChatSettings, validateChatSettings } from './chatServices';
import { parseInboundFrame } from './chatFrames';
import { isChatLine } from './chatLines';
import { SYSTEMS } from '../codes';
import { parseChatClosing, parseChatRequest, parseNextRequest } from './chatRequests';

const health = chatServiceById(defaultChatSettings, 'health-guidance')!;
const social = chatServiceById(defaultChatSettings, 'social-counselling')!;

describe('chat service hours', () => {
  it('is open on a weekday evening for health advice and closed for social counselling', () => {
    const tuesdayEvening = helsinkiTime('2026-12-01', 18, 30);
    expect(chatServiceState(health, tuesdayEvening)).toMatchObject({ open: true, register: 'health' });
    const state = chatServiceState(social, tuesdayEvening);
    expect(state).toMatchObject({ open: false, register: 'social' });
    expect(state.opensAt).toBe(helsinkiTime('2026-12-02', 9, 0).toISOString());
  });

  it('is closed on Christmas Day and Boxing Day and opens on the next working morning', () => {
    const christmasDay = helsinkiTime('2026-12-25', 10, 0);
    const state = chatServiceState(health, christmasDay);
    expect(state.open).toBe(false);
    expect(state.opensAt).toBe(helsinkiTime('2026-12-28', 8, 0).toISOString());
  });

  it('closes at the configured minute (half-open interval)', () => {
    expect(chatServiceState(health, helsinkiTime('2026-12-01', 19, 59)).open).toBe(true);
    expect(chatServiceState(health, helsinkiTime('2026-12-01', 20, 0)).open).toBe(false);
  });

  it('an unknown service id is not found', () => {
    expect(chatServiceById(defaultChatSettings, 'dental')).toBeUndefined();
  });
});

describe('chat settings validation', () => {
  it('accepts the defaults', () => {
    expect(validateChatSettings(defaultChatSettings)).toEqual({ settings: defaultChatSettings, errors: [] });
  });

  it('reports each problem with its path', () => {
    const bad = {
      version: 0,
      maxTextLength: 5000,
      maxAnonymousPerHour: 0,
      services: [
        { ...health, weekly: { mon: [{ from: '18:00', to: '08:00' }] } },
        { ...social, id: 'health-guidance', service: '', extra: 1 },
      ],
    };
    const { settings, errors } = validateChatSettings(bad);
    expect(settings).toBeUndefined();
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^version/),
        expect.stringMatching(/^maxTextLength/),
        expect.stringMatching(/^maxAnonymousPerHour/),
        expect.stringMatching(/^services\[0\]\.weekly\.mon\[0\]: from \(18:00\) must be before to/),
        expect.stringMatching(/^services\[1\]\.service/),
        'services[1].extra: unknown property',
        expect.stringMatching(/^services.*duplicate|^services: .*health-guidance/),
      ]),
    );
  });

  it('refuses an empty service list and a non-object', () => {
    expect(validateChatSettings({ ...defaultChatSettings, services: [] }).errors).toContain('services: at least one chat service is needed');
    expect(validateChatSettings('x').errors).toHaveLength(1);
  });
});

describe('chat frames in', () => {
  it('takes a message and a typing frame', () => {
    expect(parseInboundFrame('{"type":"message","text":"  Hei  "}', 2000)).toEqual({ frame: { type: 'message', text: 'Hei' } });
    expect(parseInboundFrame('{"type":"typing"}', 2000)).toEqual({ frame: { type: 'typing' } });
  });

  it.each([
    ['not json', 'A frame must be JSON'],
    ['[1]', 'A frame must be a JSON object'],
    ['{"type":"closed"}', 'The frame type must be "message" or "typing"'],
    ['{"type":"message"}', 'A message frame needs its text'],
    ['{"type":"message","text":"   "}', 'A message frame needs its text'],
    ['{"type":"message","text":"a","from":"professional"}', "Unknown field 'from' in a message frame"],
    ['{"type":"typing","text":"x"}', 'A typing frame has only its type'],
    ['{"type":"message","text":"a\\u0000b"}', 'The message must not contain control characters'],
  ])('refuses %s', (raw, problem) => {
    expect(parseInboundFrame(raw, 2000)).toEqual({ problem });
  });

  it('refuses a text over the limit, and a frame far over it before parsing', () => {
    expect(parseInboundFrame(JSON.stringify({ type: 'message', text: 'x'.repeat(101) }), 100).problem).toMatch(/longer than 100/);
    expect(parseInboundFrame('x'.repeat(100_000), 100).problem).toMatch(/longer than 100/);
    expect(parseInboundFrame(JSON.stringify({ type: 'message', text: 'x'.repeat(100) }), 100).frame).toBeDefined();
  });
});

describe('chat request bodies', () => {
  it('opening: service and topic', () => {
    expect(parseChatRequest({ service: 'health-guidance', topic: 'Kuume' })).toEqual({ request: { service: 'health-guidance', topic: 'Kuume' }, issues: [] });
    expect(parseChatRequest({ service: 'x' }).issues).toEqual([{ field: 'topic', message: 'topic is required text' }]);
    expect(parseChatRequest({ service: 'x', topic: 'y'.repeat(201) }).issues[0]?.field).toBe('topic');
    expect(parseChatRequest({ service: 5, topic: 'y', name: 'n' }).issues.map((i) => i.field)).toEqual(['name', 'service']);
    expect(parseChatRequest(null).issues[0]?.message).toBe('The body must be a JSON object');
  });

  it('next: the service', () => {
    expect(parseNextRequest({ service: 'family-centre' })).toEqual({ service: 'family-centre', issues: [] });
    expect(parseNextRequest({}).issues).toHaveLength(1);
  });

  it('closing: an outcome of the contact outcomes without a target, and a note', () => {
    expect(parseChatClosing({ outcome: 'solved', note: 'Neuvottu.' })).toEqual({ closing: { outcome: 'solved', note: 'Neuvottu.' }, issues: [] });
    expect(parseChatClosing({ outcome: 'routed', note: 'x' }).issues[0]?.field).toBe('outcome');
    expect(parseChatClosing({ outcome: 'nonsense', note: 'x' }).issues[0]?.field).toBe('outcome');
    expect(parseChatClosing({ outcome: 'solved', note: '' }).issues[0]?.field).toBe('note');
    expect(parseChatClosing({ outcome: 'solved', note: 'x'.repeat(4001) }).issues[0]?.field).toBe('note');
  });
});

describe('chat lines', () => {
  it('are told apart from messages by their channel category', () => {
    const line = { resourceType: 'Communication' as const, status: 'completed' as const, category: [{ coding: [{ system: SYSTEMS.channel, code: 'chat' }] }] };
    expect(isChatLine(line)).toBe(true);
    expect(isChatLine({ ...line, category: [{ coding: [{ system: SYSTEMS.channel, code: 'help-button' }] }] })).toBe(false);
    expect(isChatLine({ ...line, category: [{ coding: [{ system: 'other', code: 'chat' }] }] })).toBe(false);
    expect(isChatLine({ resourceType: 'Communication', status: 'completed' })).toBe(false);
  });
});

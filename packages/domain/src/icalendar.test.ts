import { describe, expect, it } from 'vitest';
import { buildICalendar, foldLine, icalText, icalUtc } from './icalendar';

const event = {
  uid: 'a1b2@ovi',
  start: new Date('2025-03-30T05:00:00Z'),
  end: new Date('2025-03-30T05:30:00Z'),
  stamp: new Date('2025-03-01T10:15:30.123Z'),
  summary: 'Varattu aika',
  location: 'Kokkolan terveysasema, Terveyskuja 2; 67200 Kokkola',
  status: 'CONFIRMED' as const,
};

describe('iCalendar file of an appointment', () => {
  it('writes times in UTC and one VEVENT between CRLF lines', () => {
    const text = buildICalendar(event);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('DTSTART:20250330T050000Z');
    expect(lines).toContain('DTEND:20250330T053000Z');
    expect(lines).toContain('DTSTAMP:20250301T101530Z');
    expect(lines).toContain('UID:a1b2@ovi');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('escapes text values', () => {
    expect(icalText('a,b;c\\d\nnext')).toBe('a\\,b\\;c\\\\d\\nnext');
    expect(buildICalendar(event)).toContain('LOCATION:Kokkolan terveysasema\\, Terveyskuja 2\\; 67200 Kokkola');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const long = `SUMMARY:${'ä'.repeat(100)}`;
    const folded = foldLine(long);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(long);
  });

  it('refuses an event that does not end after it starts', () => {
    expect(() => buildICalendar({ ...event, end: event.start })).toThrow(RangeError);
    expect(() => icalUtc(new Date('x'))).toThrow(RangeError);
  });
});

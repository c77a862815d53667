/**
 * An add-to-calendar file (iCalendar, RFC 5545) for one appointment: times in UTC, lines
 * folded at 75 octets, text escaped. It carries only what the confirmation says (when, where,
 * whom to call): the file ends up in calendars that sync to other services.
 */

export interface CalendarEvent {
  /** Globally unique and stable for the appointment, e.g. `<appointment id>@ovi`. */
  uid: string;
  start: Date;
  end: Date;
  /** When the file was made (DTSTAMP). */
  stamp: Date;
  summary: string;
  location?: string;
  description?: string;
  /** Grows when the appointment changes, so calendars replace the older copy. */
  sequence?: number;
  status: 'CONFIRMED' | 'CANCELLED';
  /** BCP 47 language of the texts (LANGUAGE parameter). */
  language?: string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** DATE-TIME in UTC form: 20250102T080000Z. */
export function icalUtc(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function icalText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // Other control characters are not allowed in TEXT.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Folds one content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // Continuation lines start with a space, which counts towards their 75 octets.
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** The whole VCALENDAR with one VEVENT, CRLF line ends. */
export function buildICalendar(event: CalendarEvent): string {
  if (!(event.end.getTime() > event.start.getTime())) throw new RangeError('The event must end after it starts');
  const lang = event.language ? `;LANGUAGE=${event.language.replace(/[^A-Za-z0-9-]/g, '')}` : '';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Ovi//Appointments//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${icalText(event.uid)}`,
    `DTSTAMP:${icalUtc(event.stamp)}`,
    `DTSTART:${icalUtc(event.start)}`,
    `DTEND:${icalUtc(event.end)}`,
    `SEQUENCE:${Math.max(0, Math.floor(event.sequence ?? 0))}`,
    `STATUS:${event.status}`,
    `SUMMARY${lang}:${icalText(event.summary)}`,
    ...(event.location ? [`LOCATION${lang}:${icalText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION${lang}:${icalText(event.description)}`] : []),
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * Opening hours as an administrator types them: one weekday's hours as text
 * ("8-16", "08:00–12:00, 13:00–16:00", "8.00-16.00"; empty is closed) and extra closed days
 * ("24.12.2026" or "2026-12-24", one per line or comma-separated). Parsed into the
 * `OpeningInterval`s and ISO dates of `openingHours.ts`, and written back the same way, so a
 * form shows what is stored and stores what it shows. The server checks the result again with
 * `validateServiceHours` / `validateChatSettings`: this only turns text into data, with the
 * problem named where the text is wrong.
 */
import type { OpeningInterval } from './openingHours';

export type HoursTextProblem =
  /** A part that is not "from–to" with times (H, HH, H:MM, HH.MM). */
  | { kind: 'format'; part: string }
  /** A time past 24:00 or a minute past 59, or 24:00 as a start. */
  | { kind: 'time'; part: string }
  /** The end is not after the start. */
  | { kind: 'order'; part: string }
  /** Two parts overlap. */
  | { kind: 'overlap'; part: string };

export type ParsedHours = { ok: true; intervals: OpeningInterval[] } | { ok: false; problem: HoursTextProblem };

const RANGE = /^(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?$/;

const pad = (n: number) => String(n).padStart(2, '0');

function time(hours: string, minutes: string | undefined, isEnd: boolean): string | undefined {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (m > 59 || h > 24 || (h === 24 && (m !== 0 || !isEnd))) return undefined;
  return `${pad(h)}:${pad(m)}`;
}

/** One weekday's text as intervals in order; empty (or only spaces) is a closed day. */
export function parseDayHours(text: string): ParsedHours {
  const parts = text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const intervals: Array<OpeningInterval & { part: string }> = [];
  for (const part of parts) {
    const match = RANGE.exec(part);
    if (!match) return { ok: false, problem: { kind: 'format', part } };
    const from = time(match[1] ?? '', match[2], false);
    const to = time(match[3] ?? '', match[4], true);
    if (from === undefined || to === undefined) return { ok: false, problem: { kind: 'time', part } };
    if (from >= to) return { ok: false, problem: { kind: 'order', part } };
    intervals.push({ from, to, part });
  }
  intervals.sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let i = 1; i < intervals.length; i++) {
    const later = intervals[i];
    if (later && later.from < (intervals[i - 1]?.to ?? '')) return { ok: false, problem: { kind: 'overlap', part: later.part } };
  }
  return { ok: true, intervals: intervals.map(({ from, to }) => ({ from, to })) };
}

/** Intervals as the form shows them: "08:00–12:00, 13:00–16:00"; none is empty (closed). */
export function dayHoursText(intervals: readonly OpeningInterval[] | undefined): string {
  return (intervals ?? []).map((i) => `${i.from}–${i.to}`).join(', ');
}

export type ParsedDates = { ok: true; dates: string[] } | { ok: false; part: string };

const FINNISH_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDate(year: number, month: number, day: number): string | undefined {
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Closed days as text (d.m.yyyy or yyyy-mm-dd, by line or comma) as sorted unique ISO dates. */
export function parseClosedDates(text: string): ParsedDates {
  const dates = new Set<string>();
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter((p) => p.length > 0)) {
    const fi = FINNISH_DATE.exec(part);
    const iso = ISO_DATE.exec(part);
    const date = fi ? isoDate(Number(fi[3]), Number(fi[2]), Number(fi[1])) : iso ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
    if (date === undefined) return { ok: false, part };
    dates.add(date);
  }
  return { ok: true, dates: [...dates].sort() };
}

/** ISO dates as the form shows them, one d.m.yyyy per line. */
export function closedDatesText(dates: readonly string[] | undefined): string {
  return (dates ?? [])
    .map((d) => {
      const [y, m, day] = d.split('-');
      return `${Number(day)}.${Number(m)}.${y}`;
    })
    .join('\n');
}

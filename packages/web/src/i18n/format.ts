/** Dates and times in the reader's language, always on Helsinki time. */
import type { Language } from '@ovi/domain/src/types';

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const TIME_ZONE = 'Europe/Helsinki';

function valid(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function formatDateTime(iso: string | undefined, lang: Language): string {
  const d = valid(iso);
  if (!d) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/**
 * A deadline for a resident: weekday and date, plus the time unless it is the end of the day
 * ("ma 30.11." / "måndag 30 november" / "Monday 30 November").
 */
export function formatDeadline(iso: string | undefined, lang: Language): string {
  const d = valid(iso);
  if (!d) return '';
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  const withTime = time !== '23:59' && time !== '00:00';
  const date: Intl.DateTimeFormatOptions =
    lang === 'fi' ? { weekday: 'short', day: 'numeric', month: 'numeric' } : { weekday: 'long', day: 'numeric', month: 'long' };
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, ...date, ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}) }).format(d);
}

/** A calendar date such as a birth date ('YYYY-MM-DD'), shown without time-zone shifts. */
export function formatDate(date: string | undefined, lang: Language): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatTime(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

export function formatPercent(share: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

/** Time to a deadline as an i18n key and count: "2 h left", "overdue 1 day". */
export function timeLeft(deadline: string | undefined, now: Date): { key: string; count: number; overdue: boolean } | undefined {
  const d = valid(deadline);
  if (!d) return undefined;
  const minutes = Math.floor((d.getTime() - now.getTime()) / 60_000);
  const overdue = minutes < 0;
  const abs = Math.abs(minutes);
  const [unit, count] = abs < 60 ? ['minutes', abs] : abs < 48 * 60 ? ['hours', Math.floor(abs / 60)] : ['days', Math.floor(abs / (24 * 60))];
  return { key: `time.${overdue ? 'overdue' : 'left'}_${unit}`, count, overdue };
}

/** The day of a visit: "tiistai 25.11." / "tisdag 25 november" / "Tuesday 25 November" (Helsinki time). */
export function formatVisitDay(iso: string | undefined, lang: Language): string {
  const d = valid(iso);
  if (!d) return '';
  const date: Intl.DateTimeFormatOptions = lang === 'fi' ? { day: 'numeric', month: 'numeric' } : { day: 'numeric', month: 'long' };
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, weekday: 'long', ...date }).format(d);
}

/** A clock time on Helsinki time: "9.00" / "09:00". */
export function formatClock(iso: string | undefined, lang: Language): string {
  const d = valid(iso);
  if (!d) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, hour: 'numeric', minute: '2-digit' }).format(d);
}

/** A calendar date ('YYYY-MM-DD') with its weekday: "maanantai 24.11.2025" / "Monday 24 November 2025". */
export function formatCalendarDay(date: string, lang: Language, withYear = true): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  const parts: Intl.DateTimeFormatOptions =
    lang === 'fi' ? { day: 'numeric', month: 'numeric', ...(withYear ? { year: 'numeric' } : {}) } : { day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}) };
  const day = new Date(Date.UTC(y, m - 1, d));
  // Weekday and date apart: Finnish then names the day as a heading ("tiistai", not "tiistaina").
  const weekday = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', weekday: 'long' }).format(day);
  return `${weekday} ${new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', ...parts }).format(day)}`;
}

/** A calendar date ('YYYY-MM-DD') short: "24.11." / "24 Nov". */
export function formatShortDay(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  const parts: Intl.DateTimeFormatOptions = lang === 'fi' ? { day: 'numeric', month: 'numeric' } : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', weekday: 'short', ...parts }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Days with at most one decimal: "3", "3,5". */
export function formatDays(n: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(n);
}

/** A period of calendar dates as the reader writes it: "1.–30.11.2026", "1–30.11.2026", "1–30 Nov 2026". */
export function formatPeriod(period: { from: string; to: string }, lang: Language): string {
  const day = (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  };
  const format = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', day: 'numeric', month: lang === 'en' ? 'short' : 'numeric', year: 'numeric' });
  return period.from === period.to ? format.format(day(period.from)) : format.formatRange(day(period.from), day(period.to));
}

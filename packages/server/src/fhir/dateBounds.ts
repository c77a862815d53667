import { helsinkiEndOfDay, helsinkiTime } from '@ovi/domain/src/helsinkiTime';

/**
 * The instants (UTC ISO strings) that a FHIR date or dateTime of any precision covers. A value
 * without a zone (a date, a month, a year, or a search value such as 2026-01-05T10:00) is
 * Helsinki time: a day is midnight to midnight in Finland, not in UTC.
 */
export function dateBounds(value: string): [string, string] | undefined {
  if (/^\d{4}$/.test(value)) return days(`${value}-01-01`, `${value}-12-31`);
  if (/^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split('-').map(Number) as [number, number];
    if (m < 1 || m > 12) return undefined;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return days(`${value}-01`, `${value}-${String(last).padStart(2, '0')}`);
  }
  if (!isRealDate(value.slice(0, 10))) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return days(value, value);
  return timeBounds(value);
}

function days(first: string, last: string): [string, string] {
  return [helsinkiTime(first, 0).toISOString(), helsinkiEndOfDay(last).toISOString()];
}

/** A time covers its precision: 10:00 the whole minute, 10:00:30 the whole second. */
function timeBounds(value: string): [string, string] | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!match) return undefined;
  const [, date = '', hh = '', mm = '', ss, fraction, zone] = match;
  const [hour, minute, second] = [Number(hh), Number(mm), Number(ss ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const start = zone
    ? Date.parse(`${date}T${hh}:${mm}:${ss ?? '00'}${fraction ?? ''}${zone}`)
    : helsinkiTime(date, hour, minute).getTime() + second * 1000 + Math.round(Number(fraction ?? 0) * 1000);
  if (Number.isNaN(start)) return undefined;
  const span = fraction ? 0 : ss !== undefined ? 999 : 59_999;
  return [new Date(start).toISOString(), new Date(start + span).toISOString()];
}

/** Date.parse accepts 2026-02-30; a real calendar date survives the round trip. */
function isRealDate(ymd: string): boolean {
  const t = Date.parse(`${ymd}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === ymd;
}

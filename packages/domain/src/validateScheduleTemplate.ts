/** Validation of a weekly schedule template received as JSON (e.g. an admin PUT). */
import { isCalendarDate } from './calendarDate';
import { parseClockTime, VISIT_MODES, type VisitType, type WeeklyTemplate } from './scheduleTemplate';
import { checkInteger, checkObject, checkOneOf, checkString, pathOf } from './validation';

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TEMPLATE_KEYS = ['id', 'practitioner', 'location', 'validFrom', 'validTo', 'blocks'] as const;
const BLOCK_KEYS = ['weekday', 'start', 'end', 'visitType', 'modes'] as const;

function checkClock(value: unknown, path: string, errors: string[]): number | undefined {
  const minutes = parseClockTime(value);
  if (minutes === undefined) {
    errors.push(`${path}: must be a time 'HH:MM' between 00:00 and 23:59, got ${JSON.stringify(value)}`);
  }
  return minutes;
}

function checkDate(value: unknown, path: string, errors: string[]): value is string {
  if (isCalendarDate(value)) return true;
  errors.push(`${path}: must be a date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  return false;
}

interface Span {
  index: number;
  weekday: number;
  from: number;
  to: number;
}

function checkBlock(value: unknown, path: string, types: Map<string, VisitType>, errors: string[]): Span | undefined {
  if (!checkObject(value, path, BLOCK_KEYS, errors)) return undefined;
  const before = errors.length;
  checkInteger(value.weekday, pathOf(path, 'weekday'), errors, { min: 1, max: 7 });
  const from = checkClock(value.start, pathOf(path, 'start'), errors);
  const to = checkClock(value.end, pathOf(path, 'end'), errors);
  if (from !== undefined && to !== undefined && to <= from) {
    errors.push(`${pathOf(path, 'end')}: must be after start (${String(value.start)})`);
  }
  const type = checkString(value.visitType, pathOf(path, 'visitType'), errors) ? types.get(value.visitType) : undefined;
  if (typeof value.visitType === 'string' && !type) {
    errors.push(`${pathOf(path, 'visitType')}: unknown visit type "${value.visitType}"`);
  }
  const modesPath = pathOf(path, 'modes');
  const modes: unknown = value.modes;
  if (!Array.isArray(modes) || modes.length === 0) {
    errors.push(`${modesPath}: must be a non-empty array of ${VISIT_MODES.join(', ')}`);
  } else {
    modes.forEach((mode: unknown, i) => {
      if (!checkOneOf(mode, VISIT_MODES, pathOf(modesPath, i), errors)) return;
      if (modes.indexOf(mode) !== i) errors.push(`${pathOf(modesPath, i)}: duplicate mode "${mode}"`);
      else if (type && !type.modes.includes(mode)) {
        const allowed = type.modes.join(', ');
        errors.push(`${pathOf(modesPath, i)}: mode "${mode}" is not allowed for visit type "${type.code}" (allowed: ${allowed})`);
      }
    });
  }
  if (type && from !== undefined && to !== undefined && to > from && to - from < type.minutes) {
    const hours = `${String(value.start)}–${String(value.end)}`;
    errors.push(`${path}: ${hours} is shorter than one "${type.code}" visit (${type.minutes} min)`);
  }
  if (errors.length > before || from === undefined || to === undefined) return undefined;
  return { index: -1, weekday: value.weekday as number, from, to };
}

const clock = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Validates a weekly template against the known visit types; `template` only when there are no errors. */
export function validateWeeklyTemplate(
  value: unknown,
  visitTypes: VisitType[],
): { template?: WeeklyTemplate; errors: string[] } {
  const errors: string[] = [];
  if (!checkObject(value, '', TEMPLATE_KEYS, errors)) return { errors };
  checkString(value.id, 'id', errors);
  if (typeof value.practitioner !== 'string' || !/^Practitioner\/[^/\s]+$/.test(value.practitioner)) {
    errors.push(`practitioner: must be a reference 'Practitioner/<id>', got ${JSON.stringify(value.practitioner)}`);
  }
  if (value.location !== undefined) checkString(value.location, 'location', errors);
  const { validFrom, validTo } = value;
  const fromOk = checkDate(validFrom, 'validFrom', errors);
  if (validTo !== undefined && checkDate(validTo, 'validTo', errors) && fromOk && validTo < validFrom) {
    errors.push(`validTo: must not be before validFrom (${validFrom})`);
  }
  if (!Array.isArray(value.blocks)) {
    errors.push(`blocks: must be an array, got ${JSON.stringify(value.blocks)}`);
    return { errors };
  }
  const types = new Map(visitTypes.map((t) => [t.code, t]));
  const spans: Span[] = [];
  value.blocks.forEach((block: unknown, index) => {
    const span = checkBlock(block, pathOf('blocks', index), types, errors);
    if (span) spans.push({ ...span, index });
  });
  for (const [i, a] of spans.entries()) {
    for (const b of spans.slice(0, i)) {
      if (a.weekday === b.weekday && a.from < b.to && b.from < a.to) {
        const other = `blocks[${b.index}] on ${WEEKDAYS[a.weekday]} (${clock(b.from)}–${clock(b.to)})`;
        errors.push(`blocks[${a.index}]: overlaps ${other}`);
      }
    }
  }
  if (errors.length > 0) return { errors };
  const t = value as unknown as WeeklyTemplate;
  const blocks = t.blocks.map(({ weekday, start, end, visitType, modes }) => ({
    weekday,
    start,
    end,
    visitType,
    modes: [...modes],
  }));
  const template: WeeklyTemplate = { id: t.id, practitioner: t.practitioner, validFrom: t.validFrom, blocks };
  if (t.location !== undefined) template.location = t.location;
  if (t.validTo !== undefined) template.validTo = t.validTo;
  return { template, errors };
}

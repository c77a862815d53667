import { helsinkiTime } from '../helsinkiTime';
import { formatCalendarDate } from '../calendarDate';
import { KINDS, MEASUREMENT_KINDS, isMeasurementContext, type Measurement, type MeasurementContext, type MeasurementKind, type Quantity } from './measures';
import { measurementProblems, type MeasurementProblem } from './plausibility';

/** A home meter's export is a few thousand rows at most; more is not a meter's file. */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportRow {
  /** The line in the file (the header is line 1). */
  line: number;
  measurement?: Measurement;
  problems: MeasurementProblem[];
}

export interface ParsedImport {
  rows: ImportRow[];
  /** Problems of the whole file (no header, unknown columns, too many rows). */
  fileProblems: string[];
}

/** Column names of meter exports (Finnish, Swedish, English) and what each is. */
const COLUMNS: Record<string, string> = {
  time: 'time', datetime: 'time', timestamp: 'time', 'date time': 'time', aika: 'time', tid: 'time', effective: 'time',
  date: 'date', pvm: 'date', päivämäärä: 'date', datum: 'date',
  clock: 'clock', kellonaika: 'clock', klockslag: 'clock', klo: 'clock',
  type: 'kind', kind: 'kind', mittaus: 'kind', measurement: 'kind',
  systolic: 'systolic', sys: 'systolic', systolinen: 'systolic', systole: 'systolic',
  diastolic: 'diastolic', dia: 'diastolic', diastolinen: 'diastolic', diastole: 'diastolic',
  pulse: 'pulse', pul: 'pulse', syke: 'pulse', puls: 'pulse', 'heart rate': 'pulse',
  glucose: 'glucose', sokeri: 'glucose', verensokeri: 'glucose', 'blood glucose': 'glucose', blodsocker: 'glucose',
  weight: 'weight', paino: 'weight', vikt: 'weight',
  pef: 'pef',
  value: 'value', arvo: 'value', värde: 'value',
  unit: 'unit', yksikkö: 'unit', enhet: 'unit',
  context: 'contexts', contexts: 'contexts', tilanne: 'contexts', note: 'contexts',
};

const KIND_WORDS: Record<string, MeasurementKind> = {
  'blood-pressure': 'blood-pressure', 'blood pressure': 'blood-pressure', bp: 'blood-pressure', verenpaine: 'blood-pressure', blodtryck: 'blood-pressure',
  'blood-glucose': 'blood-glucose', glucose: 'blood-glucose', verensokeri: 'blood-glucose', blodsocker: 'blood-glucose',
  weight: 'weight', paino: 'weight', vikt: 'weight',
  pef: 'pef',
};

/** Splits one CSV line (RFC 4180 quoting) on the delimiter. */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) cells.push(cell.trim()), (cell = '');
    else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

const LOCAL = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d?):(\d\d)(?::\d\d(?:\.\d+)?)?$/;
const FINNISH = /^(\d\d?)\.(\d\d?)\.(\d{4})(?:\s+(?:klo\s+)?(\d\d?)[:.](\d\d)(?:[:.]\d\d)?)?$/;
const WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** A meter's time: ISO with an offset as it is; ISO or Finnish (1.3.2026 7.30) without one as Helsinki time. */
export function parseMeterTime(text: string): string | undefined {
  const t = text.trim();
  if (WITH_OFFSET.test(t)) return Number.isNaN(Date.parse(t)) ? undefined : t;
  const iso = LOCAL.exec(t);
  const fi = iso ? undefined : FINNISH.exec(t);
  const parts = iso ? { y: iso[1], mo: iso[2], d: iso[3], h: iso[4], mi: iso[5] } : fi ? { y: fi[3], mo: fi[2], d: fi[1], h: fi[4], mi: fi[5] } : undefined;
  if (!parts || parts.h === undefined || parts.mi === undefined) return undefined;
  const [year, month, day, hour, minute] = [parts.y, parts.mo, parts.d, parts.h, parts.mi].map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  return helsinkiTime(formatCalendarDate({ year, month, day }), hour, minute).toISOString();
}

function number(text: string | undefined, decimalComma: boolean): number | undefined {
  if (text === undefined || text === '') return undefined;
  const t = decimalComma ? text.replace(',', '.') : text;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * Reads a home meter's CSV export: a header row naming the columns (time or date + clock;
 * systolic, diastolic, pulse; glucose; weight; pef; or type + value + unit; context), comma,
 * semicolon or tab separated (with a semicolon or tab a decimal comma is read too). Each row
 * becomes a measurement or the list of what is wrong with it; nothing is guessed.
 */
export function parseMeasurementCsv(text: string, now: Date): ParsedImport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0] ?? '';
  const delimiter = header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
  const decimalComma = delimiter !== ',';
  const names = splitLine(header, delimiter).map((h) => h.toLowerCase().replace(/\s*\(.*\)$/, '').trim());
  const columns = names.map((n) => COLUMNS[n]);
  const fileProblems: string[] = [];
  const unknown = names.filter((n, i) => n !== '' && !columns[i]);
  if (unknown.length > 0) fileProblems.push(`Unknown columns: ${unknown.slice(0, 5).join(', ')}. Known: time (or date and clock), type, systolic, diastolic, pulse, glucose, weight, pef, value, unit, context`);
  if (!columns.includes('time') && !columns.includes('date')) fileProblems.push('The first line must name the columns, with a time column (or date and clock)');
  const body = lines.slice(1).map((line, i) => ({ line: i + 2, text: line })).filter((l) => l.text.trim() !== '');
  if (body.length > MAX_IMPORT_ROWS) fileProblems.push(`The file has ${body.length} rows; at most ${MAX_IMPORT_ROWS} are read at once`);
  if (body.length === 0) fileProblems.push('The file has no measurements');
  if (fileProblems.length > 0) return { rows: [], fileProblems };
  return { rows: body.map((l) => readRow(l.line, splitLine(l.text, delimiter), columns, decimalComma, now)), fileProblems };
}

function readRow(line: number, cells: string[], columns: Array<string | undefined>, decimalComma: boolean, now: Date): ImportRow {
  const cell = (name: string) => {
    const i = columns.indexOf(name);
    return i < 0 ? undefined : cells[i];
  };
  const problems: MeasurementProblem[] = [];
  // A meter writes either one time column, or a date column beside a clock (named time or clock).
  const timeText = columns.includes('date') ? [cell('date'), cell('clock') ?? cell('time')].filter(Boolean).join(' ') : (cell('time') ?? '');
  const at = parseMeterTime(timeText);
  if (!at) problems.push({ field: 'at', message: `'${timeText.slice(0, 40)}' is not a date and time (e.g. 2026-03-01T07:30:00+02:00 or 1.3.2026 7:30)` });
  const kind = rowKind(cell('kind'), columns, cell);
  if (!kind) return { line, problems: [...problems, { field: 'kind', message: `No measurement on this row: give systolic and diastolic, glucose, weight or pef, or a type (${MEASUREMENT_KINDS.join(', ')}) with a value` }] };
  const values: Partial<Record<Quantity, number>> = {};
  const units: Partial<Record<Quantity, string>> = {};
  const quantities = KINDS[kind].quantities;
  for (const q of quantities) {
    const v = number(cell(q) ?? (q === quantities[0] && kind !== 'blood-pressure' ? cell('value') : undefined), decimalComma);
    if (v !== undefined) values[q] = v;
  }
  const unit = cell('unit');
  if (unit && kind !== 'blood-pressure') units[quantities[0] as Quantity] = unit === 'mmHg' ? 'mm[Hg]' : unit;
  if (unit && kind === 'blood-pressure' && unit !== 'mmHg' && unit !== 'mm[Hg]') units.systolic = unit;
  const words = (cell('contexts') ?? '').split(/[\s|/]+/).filter(Boolean);
  const contexts = words.filter(isMeasurementContext) as MeasurementContext[];
  for (const w of words) if (!isMeasurementContext(w)) problems.push({ field: 'contexts', message: `Unknown context '${w.slice(0, 30)}'` });
  const measurement: Measurement = { kind, at: at ?? '', values, contexts };
  problems.push(...measurementProblems(measurement, now, units).filter((p) => !(p.field === 'at' && !at)));
  return problems.length > 0 ? { line, problems } : { line, measurement, problems };
}

function rowKind(kindText: string | undefined, columns: Array<string | undefined>, cell: (name: string) => string | undefined): MeasurementKind | undefined {
  if (kindText) return KIND_WORDS[kindText.toLowerCase()];
  if (cell('systolic') || cell('diastolic')) return 'blood-pressure';
  const single = (['glucose', 'weight', 'pef'] as const).find((q) => cell(q));
  if (single) return single === 'glucose' ? 'blood-glucose' : single;
  return columns.includes('value') ? undefined : undefined;
}

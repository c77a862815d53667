/**
 * What is wrong with a personal identity code, so staff can say it plainly: a code with a
 * wrong last character is not "not found", it is mistyped (or misheard on the phone).
 */
import { isValidPersonalIdentityCode } from './personalIdentityCode';

export type PersonalIdentityCodeProblem =
  /** Not DDMMYY, a century sign, three digits and a character (e.g. too short). */
  | 'format'
  /** The first six digits and the century sign are not a real date. */
  | 'date'
  /** The individual number (the three digits) is not one that is given (000 or 001). */
  | 'individual-number'
  /** Everything else is right, but the last character does not match the rest. */
  | 'check-character';

const SHAPE = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Z])$/;
const CENTURIES: Record<string, number> = { '+': 1800, '-': 1900, U: 1900, V: 1900, W: 1900, X: 1900, Y: 1900, A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000 };
/** Every character a check character can be; the right one is found by trying them. */
const CANDIDATES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Undefined for a valid code (upper case, no spaces); otherwise the first thing that is wrong. */
export function personalIdentityCodeProblem(code: string): PersonalIdentityCodeProblem | undefined {
  if (isValidPersonalIdentityCode(code)) return undefined;
  const match = SHAPE.exec(code);
  if (!match) return 'format';
  const [, dd = '', mm = '', yy = '', sign = '', individual = ''] = match;
  if (!isRealDate((CENTURIES[sign] ?? 1900) + Number(yy), Number(mm), Number(dd))) return 'date';
  if (Number(individual) < 2) return 'individual-number';
  const body = code.slice(0, 10);
  return [...CANDIDATES].some((c) => isValidPersonalIdentityCode(body + c)) ? 'check-character' : 'format';
}

/** The problem in plain English (for API answers; the web app says it in the reader's language). */
export function describePersonalIdentityCodeProblem(problem: PersonalIdentityCodeProblem): string {
  switch (problem) {
    case 'format':
      return 'The personal identity code is not complete: it has 11 characters, e.g. 010190-123M';
    case 'date':
      return 'The personal identity code is not valid: its first six digits and century sign are not a real date';
    case 'individual-number':
      return 'The personal identity code is not valid: its individual number (the three digits) is not one that is given';
    case 'check-character':
      return 'The personal identity code is not valid: the last character does not match the rest of the code (check it, a digit may be wrong)';
  }
}

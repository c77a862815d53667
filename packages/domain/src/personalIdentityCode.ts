/**
 * Finnish personal identity codes (henkilötunnus): DDMMYY, a century sign, a three-digit
 * individual number and a check character. Individual numbers 900–999 are reserved for test
 * codes, so demo data never collides with a real person.
 */
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Century signs; since 2023 each century has several (the first one is the classic sign). */
const CENTURY_SIGNS: Record<string, number> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

const PIC_PATTERN = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/;

export type Sex = 'male' | 'female';

function checkCharacter(datePart: string, individualNumber: string): string {
  const remainder = Number(datePart + individualNumber) % 31;
  return CHECK_CHARACTERS.charAt(remainder);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A test personal identity code for a birth date (YYYY-MM-DD). `serial` (0–49) picks the
 * individual number 9xx; its parity follows the sex (odd for men, even for women).
 */
export function makeTestPersonalIdentityCode(birthDate: string, sex: Sex, serial: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) throw new Error(`Birth date must be YYYY-MM-DD: ${birthDate}`);
  const [, yyyy = '', mm = '', dd = ''] = match;
  const year = Number(yyyy);
  if (!isRealDate(year, Number(mm), Number(dd))) throw new Error(`Not a date: ${birthDate}`);
  if (year < 1900 || year > 2099) throw new Error(`Only births in 1900–2099 are supported: ${birthDate}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 49) throw new Error(`Serial must be 0–49: ${serial}`);
  const individualNumber = String(900 + serial * 2 + (sex === 'male' ? 1 : 0));
  const datePart = `${dd}${mm}${yyyy.slice(2)}`;
  const centurySign = year >= 2000 ? 'A' : '-';
  return `${datePart}${centurySign}${individualNumber}${checkCharacter(datePart, individualNumber)}`;
}

/** Whether a code is well formed, names a real date and has the right check character. */
export function isValidPersonalIdentityCode(code: string): boolean {
  const match = PIC_PATTERN.exec(code);
  if (!match) return false;
  const [, dd = '', mm = '', yy = '', sign = '', individualNumber = '', check = ''] = match;
  const century = CENTURY_SIGNS[sign];
  if (century === undefined) return false;
  if (!isRealDate(century + Number(yy), Number(mm), Number(dd))) return false;
  if (Number(individualNumber) < 2) return false;
  return checkCharacter(`${dd}${mm}${yy}`, individualNumber) === check;
}

/** Whether a code is a valid test code (individual number 900–999). */
export function isTestPersonalIdentityCode(code: string): boolean {
  return isValidPersonalIdentityCode(code) && code.charAt(7) === '9';
}

/** The birth date (YYYY-MM-DD) and sex a valid code encodes. */
export function parsePersonalIdentityCode(code: string): { birthDate: string; sex: Sex } | undefined {
  if (!isValidPersonalIdentityCode(code)) return undefined;
  const century = CENTURY_SIGNS[code.charAt(6)] ?? 1900;
  const year = century + Number(code.slice(4, 6));
  const birthDate = `${year}-${code.slice(2, 4)}-${code.slice(0, 2)}`;
  return { birthDate, sex: Number(code.slice(7, 10)) % 2 === 1 ? 'male' : 'female' };
}

/**
 * Finnish telephone numbers for a call-back. A professional must be able to call the number
 * back from a Finnish line at no cost to the region: a mobile or landline number written in
 * any usual way ("040 123 4567", "+358 40 1234567", "(06) 828 7000"), never a foreign or a
 * premium-rate number (0600, 0700, 0100, 0200, 0209: the caller would be charged for our call
 * to them, or nobody answers).
 */

/** National significant numbers (without the trunk 0) that are not called back. */
const NOT_CALLED_BACK = ['60', '70', '100', '200', '209'];

export type PhoneProblem = 'empty' | 'characters' | 'foreign' | 'length' | 'premium' | 'prefix';

/** The number in international form (+358…), or why it cannot be called back. */
export function finnishPhoneNumber(raw: unknown): { ok: true; e164: string } | { ok: false; problem: PhoneProblem } {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, problem: 'empty' };
  const compact = raw.trim().replace(/[\s\-()./]/g, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, problem: 'characters' };
  let national: string;
  if (compact.startsWith('+358')) national = compact.slice(4);
  else if (compact.startsWith('00358')) national = compact.slice(5);
  else if (compact.startsWith('+') || compact.startsWith('00')) return { ok: false, problem: 'foreign' };
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return { ok: false, problem: 'prefix' };
  // "+358 (0)40 …" is written too: the trunk zero after the country code is dropped.
  if (national.startsWith('0')) national = national.slice(1);
  if (national.length < 6 || national.length > 10) return { ok: false, problem: 'length' };
  if (NOT_CALLED_BACK.some((p) => national.startsWith(p))) return { ok: false, problem: 'premium' };
  if (national.startsWith('7') && !national.startsWith('75')) return { ok: false, problem: 'prefix' };
  return { ok: true, e164: `+358${national}` };
}

const PROBLEM_TEXT: Record<PhoneProblem, string> = {
  empty: 'phone is required: a Finnish number we can call back',
  characters: 'phone may contain only digits, spaces, a leading + and the usual separators',
  foreign: 'phone must be a Finnish number (+358 or starting with 0): we call back only Finnish numbers',
  length: 'phone has too few or too many digits for a Finnish number',
  premium: 'phone is a premium-rate or service number that cannot be called back',
  prefix: 'phone must start with 0 or +358 (e.g. 040 123 4567)',
};

export function phoneProblemText(problem: PhoneProblem): string {
  return PROBLEM_TEXT[problem];
}

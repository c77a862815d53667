/**
 * How names and other search strings are compared: one place for both the search index and
 * the query, so that what is stored and what is asked are folded the same way.
 */

/** Letters R4's "accent-insensitive" should also see through, though Unicode does not decompose them. */
const UNDECOMPOSED: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th' };
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * R4 string search (search.html#string): case- and accent-insensitive, so `ohman` finds
 * "Öhman" and a decomposed "Järvi" (a + U+0308) is the same as a composed one.
 */
export function foldSearchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[øæœßđłþ]/g, (c) => UNDECOMPOSED[c] ?? c)
    .normalize('NFC');
}

/** `:exact`: case and accents count, but composed and decomposed forms of a letter are one. */
export function exactSearchText(value: string): string {
  return value.normalize('NFC');
}

/**
 * Finnish and Swedish alphabet letters after z, in ICU's `fi` and `sv` order (the two agree):
 * å, ä (æ with it), ö (ø with it). Code points just above 'z' keep them there in a byte order.
 */
const NORDIC_LETTERS: Array<[RegExp, string]> = [
  [/a\u030a/g, '{'],
  [/a\u0308|æ/g, '|'],
  [/o\u0308|ø/g, '}'],
];
const LEVEL_SEPARATOR = '\u0001';

/**
 * A key whose plain code-point order (PostgreSQL `COLLATE "C"`, PGlite included) is the order
 * ICU's Finnish and Swedish collations give: letters first (å, ä, ö after z; other accents
 * ignored, v and w apart as in current CLDR), then accents (unaccented first), then case
 * (lower case first). PGlite ships ICU without locale data, so the database cannot sort this way itself.
 */
export function nordicSortKey(value: string): string {
  const decomposed = value.normalize('NFD').toLowerCase();
  let primary = decomposed;
  for (const [pattern, letter] of NORDIC_LETTERS) primary = primary.replace(pattern, letter);
  primary = primary.replace(COMBINING_MARKS, '');
  const tertiary = [...value.normalize('NFD')].map(swapCase).join('');
  return [primary, decomposed, tertiary].join(LEVEL_SEPARATOR);
}

/** ICU puts lower case first; in code points upper case comes first, so swap. */
function swapCase(c: string): string {
  const lower = c.toLowerCase();
  return lower === c ? c.toUpperCase() : lower;
}

/**
 * The small pattern language in which danger words are written, and the matching of it
 * against a resident's free text.
 *
 * A pattern is written the way people write, one phrase per pattern:
 *
 *   rintakip*                     one word; a trailing `*` means "starts with" (Finnish and
 *                                 Swedish inflect and compound: rintakipu, rintakipua …)
 *   puhe sammal*                  words joined by a space occur in this order in one sentence
 *                                 (ended by . ! ? ; or a line break; not by "..." or a comma),
 *                                 with at most MAX_GAP other words between neighbours
 *                                 ("puhe on vähän sammaltava" matches)
 *   rinta|rinnassa kipu*|sattu*   `|` gives alternatives for one word
 *   kuume* & niska*               `&` (with spaces round it): each side matches somewhere in
 *                                 the same text, in any order ("niska kipeä … ja kuumetta")
 *
 * Text and pattern words are compared after the same normalisation: Unicode compatibility
 * decomposition, lower case, diacritics removed (ä → a, å → a, ö → o, é → e) and apostrophes
 * dropped. So "ÄKILLINEN", decomposed "a\u0308killinen" and "akillinen" typed on a foreign
 * keyboard are one word, and "can't" is "cant". Numbers keep their decimal mark ("39,5").
 * Soft hyphens and zero-width characters left by copy-paste are removed first.
 *
 * There is deliberately no negation: "ei rintakipua" and "no chest pain" match like any other
 * mention. Nothing a scan finds lowers urgency, so a missed negation can only over-triage, while
 * a wrongly understood negation could hide a danger. The professional reads the words.
 */

/** Most other words allowed between two neighbouring words of a sequence. */
export const MAX_GAP = 3;
/**
 * Shortest stem allowed before `*`, so that `ei*` cannot match nearly everything. A stem of
 * digits only may be shorter: `40*` matches a temperature of 40, 40,2 or 40.5.
 */
export const MIN_PREFIX = 3;

export interface WordMatcher {
  stem: string;
  prefix: boolean;
}
/** One position of a sequence: any of its alternatives matches. */
export type Step = WordMatcher[];
export type Sequence = Step[];
export interface ParsedPattern {
  source: string;
  /** Joined by `&`: every part must match. */
  parts: Sequence[];
}

export interface Token {
  /** Normalised form compared with patterns. */
  norm: string;
  /** Offsets in the NFC text, so the resident's own spelling can be shown. */
  start: number;
  end: number;
  /** Sentences end at . ! ? ; or a line break; a sequence does not cross them. */
  sentence: number;
}

/** The comparison form of a word: compatibility-decomposed, lower case, no diacritics or apostrophes. */
export function normaliseWord(word: string): string {
  return word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/['’ʼ]/gu, '').normalize('NFC');
}

/**
 * Words are runs of letters and digits; an apostrophe between letters stays inside the word
 * (can't), and so does a decimal mark between digits (39,5 and 38.7).
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’ʼ]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;
/** An ellipsis ("kipu... ja puristaa") is a pause, not the end of a sentence. */
const SENTENCE_END = /[!?;\n\r]|(?<!\.)\.(?!\.)/u;

/** Invisible characters that copy-paste leaves inside words (soft hyphen, zero-width space and joiners, BOM). */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/** The text as tokens. Offsets refer to `source`: the text in NFC without invisible characters. */
export function tokenize(text: string): { source: string; tokens: Token[] } {
  const source = text.normalize('NFC').replace(INVISIBLE, '');
  const tokens: Token[] = [];
  let sentence = 0;
  let previousEnd = 0;
  for (const m of source.matchAll(WORD)) {
    const start = m.index;
    if (tokens.length > 0 && SENTENCE_END.test(source.slice(previousEnd, start))) sentence += 1;
    const end = start + m[0].length;
    const norm = normaliseWord(m[0]);
    if (norm !== '') tokens.push({ norm, start, end, sentence });
    previousEnd = end;
  }
  return { source, tokens };
}

const PATTERN_WORD = /^[\p{L}\p{M}\p{N}'’ʼ]+\*?$/u;

function parseWord(alternative: string, source: string): WordMatcher | string {
  if (alternative === '') return `"${source}": empty alternative (check the | signs)`;
  if (!PATTERN_WORD.test(alternative)) {
    return `"${source}": "${alternative}" is not a word (letters and digits, optionally ending in *)`;
  }
  const prefix = alternative.endsWith('*');
  const stem = normaliseWord(prefix ? alternative.slice(0, -1) : alternative);
  if (stem === '') return `"${source}": "${alternative}" has no letters or digits`;
  if (prefix && [...stem].length < MIN_PREFIX && !/^\p{N}+$/u.test(stem)) {
    return `"${source}": the stem "${stem}" before * is shorter than ${MIN_PREFIX} characters`;
  }
  return { stem, prefix };
}

/** The pattern, or an English message saying what is wrong with it. */
export function parsePattern(pattern: string): ParsedPattern | string {
  const source = pattern.trim().replace(/\s+/gu, ' ');
  if (source === '') return 'a pattern must not be empty';
  const parts: Sequence[] = [];
  for (const partText of source.split(' & ')) {
    const words = partText === '' ? [] : partText.split(' ');
    if (words.length === 0) return `"${source}": & needs words on both sides`;
    const sequence: Sequence = [];
    for (const word of words) {
      if (word === '&') return `"${source}": & needs words on both sides`;
      const step: Step = [];
      for (const alternative of word.split('|')) {
        const parsed = parseWord(alternative, source);
        if (typeof parsed === 'string') return parsed;
        step.push(parsed);
      }
      sequence.push(step);
    }
    parts.push(sequence);
  }
  return { source, parts };
}

function stepMatches(step: Step, token: Token): boolean {
  return step.some((m) => (m.prefix ? token.norm.startsWith(m.stem) : token.norm === m.stem));
}

/** Index of the last token when `sequence[from..]` matches after token `previous`, else -1. */
function matchRest(sequence: Sequence, from: number, tokens: Token[], previous: number): number {
  const step = sequence[from];
  if (!step) return previous;
  const sentence = tokens[previous]?.sentence;
  for (let j = previous + 1; j <= previous + 1 + MAX_GAP && j < tokens.length; j += 1) {
    const token = tokens[j]!;
    if (token.sentence !== sentence) break;
    if (!stepMatches(step, token)) continue;
    const last = matchRest(sequence, from + 1, tokens, j);
    if (last >= 0) return last;
  }
  return -1;
}

/** The earliest occurrence of a sequence as [first token, last token]. */
function findSequence(sequence: Sequence, tokens: Token[]): [number, number] | undefined {
  const [first] = sequence;
  if (!first) return undefined;
  for (let i = 0; i < tokens.length; i += 1) {
    if (!stepMatches(first, tokens[i]!)) continue;
    const last = matchRest(sequence, 1, tokens, i);
    if (last >= 0) return [i, last];
  }
  return undefined;
}

export interface PatternHit {
  /** Offset of the first matched word in the NFC text. */
  start: number;
  /** The matched words as written; parts of an `&` pattern in text order, joined by " … ". */
  matched: string;
}

/** Where the pattern first occurs in the tokenised text, if it does. */
export function findPattern(pattern: ParsedPattern, text: { source: string; tokens: Token[] }): PatternHit | undefined {
  const spans: [number, number][] = [];
  for (const part of pattern.parts) {
    const found = findSequence(part, text.tokens);
    if (!found) return undefined;
    spans.push([text.tokens[found[0]]!.start, text.tokens[found[1]]!.end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const matched = spans.map(([start, end]) => text.source.slice(start, end)).join(' … ');
  return { start: spans[0]![0], matched };
}

/**
 * Looks for danger words in what a resident wrote. People under-report in tick boxes and
 * then write "rintaan sattuu ja vasen käsi puutuu" in the description; this is the net for
 * that. It finds words, not meaning: a hit is a reason for a professional to look now.
 */
import type { AdviceKind, LocalizedText } from '../types';
import { LANGUAGES } from '../validation';
import type { DangerWordGroup, SafetyUrgency } from './safetyScreen';
import { findPattern, parsePattern, tokenize, type ParsedPattern } from './wordPattern';

export interface TextMatch {
  groupId: string;
  label: LocalizedText;
  urgency: SafetyUrgency;
  advice: AdviceKind[];
  /** The words as the resident wrote them. */
  matched: string;
}

/**
 * Parsed patterns per group's pattern lists: parsing was ~40 % of a contact's intake CPU, and
 * the same settings object serves every contact of its version. Keyed weakly by the lists
 * object, so a new or replaced configuration is parsed afresh and the old one can go.
 */
const compiled = new WeakMap<DangerWordGroup['patterns'], ParsedPattern[]>();

/** Every pattern of a group, in all languages. An unparseable pattern is a configuration error, never skipped. */
function compile(group: DangerWordGroup): ParsedPattern[] {
  const known = compiled.get(group.patterns);
  if (known) return known;
  const parsed = parseAll(group);
  compiled.set(group.patterns, parsed);
  return parsed;
}

function parseAll(group: DangerWordGroup): ParsedPattern[] {
  return LANGUAGES.flatMap((lang) =>
    (group.patterns[lang] ?? []).map((pattern) => {
      const parsed = parsePattern(pattern);
      if (typeof parsed === 'string') throw new Error(`Danger-word group "${group.id}" (${lang}): ${parsed}`);
      return parsed;
    }),
  );
}

/**
 * One match per group that occurs, at its first occurrence in the text, in text order (ties
 * in group order). Every language's patterns are tried on every text.
 */
export function scanFreeText(text: string, groups: DangerWordGroup[]): TextMatch[] {
  const tokenized = tokenize(text);
  if (tokenized.tokens.length === 0) return [];
  const found: { start: number; index: number; match: TextMatch }[] = [];
  groups.forEach((group, index) => {
    let first: { start: number; matched: string } | undefined;
    for (const pattern of compile(group)) {
      const hit = findPattern(pattern, tokenized);
      if (hit && (!first || hit.start < first.start)) first = hit;
    }
    if (!first) return;
    const { id, label, urgency, advice } = group;
    found.push({ start: first.start, index, match: { groupId: id, label, urgency, advice: [...advice], matched: first.matched } });
  });
  return found.sort((a, b) => a.start - b.start || a.index - b.index).map((f) => f.match);
}

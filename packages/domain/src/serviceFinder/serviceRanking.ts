/**
 * Ranking of the catalogue's search candidates. The database finds the candidates and measures
 * them (full-text rank in Finnish, Swedish and English; trigram similarity of the names and of
 * the whole text); this decides which count as matches, their order and why they matched.
 */
import type { Language } from '../types';

/** What the database measured for one service. */
export interface MatchMeasures {
  id: string;
  /** The name shown, for the tie-break. */
  name: string;
  /** ts_rank_cd of the query in each language's text (0: no match). */
  textRank: Record<Language, number>;
  /** strict_word_similarity of the query (or its best word) to the service's names (0 … 1): whole words count. */
  nameSimilarity: number;
  /** word_similarity of the query (or its best word) to all of the service's text (0 … 1). */
  textSimilarity: number;
}

export type MatchReason =
  | { kind: 'words'; language: Language }
  | { kind: 'similar-name' }
  | { kind: 'similar-words' }
  | { kind: 'filters-only' };

export interface RankedMatch {
  id: string;
  score: number;
  reasons: MatchReason[];
}

/** Trigram thresholds: below these a typo is too far from any word to be a match. */
export const NAME_SIMILARITY_THRESHOLD = 0.5;
export const TEXT_SIMILARITY_THRESHOLD = 0.6;
/** A match in the reader's own language counts this much more than one in another language. */
const OWN_LANGUAGE_BOOST = 1.25;
const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

function reasonsOf(m: MatchMeasures, lang: Language): MatchReason[] {
  const reasons: MatchReason[] = [];
  // The reader's language first, then the others in a fixed order.
  for (const language of [lang, ...LANGUAGES.filter((l) => l !== lang)]) {
    if (m.textRank[language] > 0) reasons.push({ kind: 'words', language });
  }
  if (m.nameSimilarity >= NAME_SIMILARITY_THRESHOLD) reasons.push({ kind: 'similar-name' });
  else if (m.textSimilarity >= TEXT_SIMILARITY_THRESHOLD && reasons.length === 0) reasons.push({ kind: 'similar-words' });
  return reasons;
}

function scoreOf(m: MatchMeasures, lang: Language): number {
  const words = Math.max(...LANGUAGES.map((l) => m.textRank[l] * (l === lang ? OWN_LANGUAGE_BOOST : 1)));
  const name = m.nameSimilarity >= NAME_SIMILARITY_THRESHOLD ? m.nameSimilarity : 0;
  const text = m.textSimilarity >= TEXT_SIMILARITY_THRESHOLD ? m.textSimilarity : 0;
  // Full-text ranks are small numbers (≈ 0.1 … 1); a word found counts for more than a similar spelling.
  return 2 * Math.min(words, 1) + (words > 0 ? 1 : 0) + name + 0.5 * text;
}

/**
 * The matches of a query, best first: a service matches when a word of the query is found in
 * any language or its spelling is near enough to the names or the text (typos). Without
 * words every candidate is listed by name (the filters alone chose them).
 */
export function rankMatches(candidates: readonly MatchMeasures[], lang: Language, hasWords: boolean, locale = lang): RankedMatch[] {
  const collator = new Intl.Collator(locale === 'en' ? 'en' : `${locale}-FI`);
  if (!hasWords) {
    return [...candidates].sort((a, b) => collator.compare(a.name, b.name)).map((m) => ({ id: m.id, score: 0, reasons: [{ kind: 'filters-only' }] }));
  }
  return candidates
    .map((m) => ({ m, reasons: reasonsOf(m, lang), score: scoreOf(m, lang) }))
    .filter((r) => r.reasons.length > 0)
    .sort((a, b) => b.score - a.score || collator.compare(a.m.name, b.m.name))
    .map(({ m, reasons, score }) => ({ id: m.id, score: Math.round(score * 1000) / 1000, reasons }));
}

/**
 * What a page in one language must not show: a translation key instead of its text, a raw code
 * from the value sets (a status, an urgency, a profession …), or English words on a Finnish or
 * Swedish page. Text in an element marked with another `lang` (the language buttons, a Swedish
 * reply shown to a Finnish nurse) and code samples (`<code>`) are left out: they are meant so.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ADVICE_KINDS, CHANNELS, GUIDANCE_OUTCOMES, PROFESSIONS, REGISTERS, URGENCIES } from '@ovi/domain/src/types';

const i18nDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'src', 'i18n');
/** The translations' top-level sections: a key shown as text starts with one of them. */
const SECTIONS = Object.keys(JSON.parse(readFileSync(join(i18nDir, 'fi.json'), 'utf8')) as object);

/** Status codes of the FHIR R4 value sets Ovi's resources use (Task, Appointment, Consent, Questionnaire(Response), Encounter, CareTeam, Slot). */
const FHIR_STATUSES = [
  'draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed',
  'entered-in-error', 'proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'noshow', 'checked-in', 'waitlist', 'active',
  'inactive', 'retired', 'amended', 'stopped', 'planned', 'finished', 'suspended', 'busy', 'free', 'busy-unavailable', 'routine',
];
const CODES = [...new Set([...FHIR_STATUSES, ...URGENCIES, ...CHANNELS, ...GUIDANCE_OUTCOMES, ...PROFESSIONS, ...ADVICE_KINDS, ...REGISTERS])];

/** English words that do not occur in Finnish or Swedish text. */
const ENGLISH_TELLTALES = [
  'the', 'and', 'with', 'loading', 'error', 'save', 'cancel', 'submit', 'search', 'previous', 'please', 'your', 'you',
  'today', 'tomorrow', 'yesterday', 'unknown', 'minutes', 'hours', 'ago', 'none', 'edit', 'delete', 'close', 'back',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  // Months only where Swedish spells them otherwise (april, september, november, december are Swedish too).
  'january', 'february', 'march', 'june', 'july', 'october',
];

export interface TextPiece {
  text: string;
  /** Set when the whole text of one element (a badge, a cell, an option). */
  whole: boolean;
}

/** Runs in the page: the visible text and labels in the page's own language. */
function collect(): TextPiece[] {
  const { document, NodeFilter } = globalThis as any;
  const pageLang = document.documentElement.lang;
  const own = (el: any) => (el.closest('[lang]')?.getAttribute('lang') ?? pageLang) === pageLang && !el.closest('code, textarea, script, style');
  const shown = (el: any) => el.checkVisibility?.({ checkOpacity: false, checkVisibilityCSS: true }) ?? el.getClientRects().length > 0;
  const pieces: TextPiece[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !el || !own(el) || (!shown(el) && el.tagName !== 'OPTION')) continue;
    pieces.push({ text, whole: el.textContent.trim() === text });
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (!own(el)) continue;
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(attr)?.trim();
      if (value) pieces.push({ text: value, whole: true });
    }
  }
  return pieces;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const keyPattern = new RegExp(`(?<![\\w@/.-])(?:${SECTIONS.map(escape).join('|')})(?:\\.[A-Za-z0-9_-]+)+(?![\\w@/-])`);
const word = (w: string) => new RegExp(`(?<![\\p{L}\\d-])${escape(w)}(?![\\p{L}\\d-])`, 'u');
const codePatterns = CODES.map((c) => [c, word(c)] as const);
const englishPatterns = ENGLISH_TELLTALES.map((w) => [w, new RegExp(word(w).source, 'iu')] as const);

/** What is wrong with the page's language, as readable findings (empty when nothing). */
export async function languageProblems(page: Page, lang: 'fi' | 'sv' | 'en'): Promise<string[]> {
  const pieces = await page.evaluate(collect);
  const found = new Set<string>();
  for (const { text, whole } of pieces) {
    const key = keyPattern.exec(text);
    if (key) found.add(`key "${key[0]}"`);
    for (const [code, pattern] of codePatterns) {
      // In English a code such as "urgent" is also a word; there only a lower-case code standing alone counts.
      const raw = lang === 'en' ? whole && text === code : pattern.test(text);
      if (raw) found.add(`code "${code}" in "${text.slice(0, 60)}"`);
    }
    if (lang !== 'en') {
      for (const [english, pattern] of englishPatterns) if (pattern.test(text)) found.add(`English "${english}" in "${text.slice(0, 60)}"`);
    }
  }
  return [...found];
}
